/** leaverEventuallyRemoved on hand-made runs: an eventually property, so only each honest member's last state is judged (draft-ietf-mimi-protocol-06 §3.5). */
import { describe, expect, it } from 'vitest'
import { leaverEventuallyRemoved } from '../../properties/index.js'
import { A1, ALICE, B1, BOB, created, E1, policy, runOf } from './fixtures.js'

/** Bob leaves and the hub accepts it. */
const bobLeaves = [{ type: 'intent.begin', actor: B1, action: 'leave', target: null, role: null }, { type: 'intent.done', actor: B1, action: 'leave', ok: true }]
const withBob = policy([ALICE, 3], [BOB, 2])
const withoutBob = policy([ALICE, 3])
const state = (actor: string, epoch: number, members: string[], p: ReturnType<typeof policy>, removed = false) =>
  ({ type: 'client.state', actor, epoch, members, policy: p, digest: 'd', removed })
const tail = { type: 'app.send', actor: A1, text: 'later' }
/** An honest member commits after the leave: the hub's proposals had their chance. */
const commit = { type: 'hub.accept', actor: 'mimi://a.example', what: 'commit', subject: A1 }

describe('leaverEventuallyRemoved', () => {
  it('is an eventually property', () => {
    expect(leaverEventuallyRemoved.kind).toBe('eventually')
  })

  it('holds when the leaver ends removed from the group and off the list in every honest member\'s last state', () => {
    expect(leaverEventuallyRemoved.holds(runOf([created, ...bobLeaves, state(A1, 2, [A1], withoutBob)])).status).toBe('holds')
  })

  it('is violated when an honest member\'s last state still has a client of the leaver, with the run\'s last event as witness', () => {
    const v = leaverEventuallyRemoved.holds(runOf([created, ...bobLeaves, commit, state(A1, 2, [A1, B1], withoutBob), tail]))
    expect(v).toMatchObject({ status: 'violated', at: 5 })
    expect(v.explain).toContain('bob/1')
  })

  it('is violated when an honest member\'s last state still lists the leaver, though none of its clients is a member', () => {
    const v = leaverEventuallyRemoved.holds(runOf([created, ...bobLeaves, commit, state(A1, 2, [A1], withBob), tail]))
    expect(v).toMatchObject({ status: 'violated', at: 5 })
    expect(v.explain).toContain('lists it as a participant')
  })

  it('holds while the hub\'s last proposal awaits a commit: a run that ends before anyone commits proves nothing', () => {
    expect(leaverEventuallyRemoved.holds(runOf([created, ...bobLeaves, state(A1, 2, [A1, B1], withBob), tail])).status).toBe('holds')
    const proposed = { type: 'hub.propose', actor: 'mimi://a.example', removes: [B1], updates: [], reissue: true }
    expect(leaverEventuallyRemoved.holds(runOf([created, ...bobLeaves, commit, proposed, state(A1, 2, [A1, B1], withBob), tail])).status).toBe('holds')
  })

  it('holds for a leaver let back in afterwards: a client of it joins again', () => {
    const rejoin = { type: 'mls.join', actor: B1, via: 'welcome' }
    expect(leaverEventuallyRemoved.holds(runOf([created, ...bobLeaves, commit, rejoin, state(A1, 3, [A1, B1], withBob), tail])).status).toBe('holds')
  })

  it('judges only the last state: an earlier state that still had the leaver does not matter', () => {
    const run = runOf([created, ...bobLeaves, state(A1, 2, [A1, B1], withBob), state(A1, 3, [A1], withoutBob), tail])
    expect(leaverEventuallyRemoved.holds(run).status).toBe('holds')
  })

  it('ignores a malicious member\'s last state', () => {
    const run = runOf([created, ...bobLeaves, state(A1, 2, [A1], withoutBob), state(E1, 2, [A1, B1], withBob)])
    expect(leaverEventuallyRemoved.holds(run).status).toBe('holds')
  })

  it('ignores the last state of a member that is itself removed', () => {
    const run = runOf([created, ...bobLeaves, state(A1, 2, [A1, B1], withBob, true)])
    expect(leaverEventuallyRemoved.holds(run).status).toBe('holds')
  })

  it('ignores the leaver\'s own last state', () => {
    const run = runOf([created, ...bobLeaves, state(A1, 2, [A1], withoutBob), state(B1, 1, [A1, B1], withBob)])
    expect(leaverEventuallyRemoved.holds(run).status).toBe('holds')
  })

  it('does not count a leave the hub refused', () => {
    const run = runOf([created, bobLeaves[0]!, { ...bobLeaves[1]!, ok: false }, state(A1, 1, [A1, B1], withBob)])
    expect(leaverEventuallyRemoved.holds(run).status).toBe('holds')
  })
})
