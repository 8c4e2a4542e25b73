/**
 * bannedStaysBanned on hand-made runs: the ban comes from the agreed-policy oracle, so only an
 * honest, authorized, completed ban or unban moves it (draft-ietf-mimi-room-policy-03 §8.1.3), and
 * it covers the epochs from the one it was agreed at: a lagging client's view of an earlier epoch is
 * not judged against it.
 */
import { describe, expect, it } from 'vitest'
import { bannedStaysBanned } from '../../properties/index.js'
import { A1, ALICE, B1, BOB, created, createdWith, E1, EVE, policy, runOf } from './fixtures.js'

const begin = (actor: string, action: string, target: string, role: number | null = null) => ({ type: 'intent.begin', actor, action, target, role })
const done = (actor: string, action: string, ok = true) => ({ type: 'intent.done', actor, action, ok })
/** Alice (group_admin) bans Bob and the hub accepts it. */
const aliceBansBob = [begin(A1, 'ban', BOB), done(A1, 'ban')]
const receive = (actor: string, text: string) => ({ type: 'app.receive', actor, sender: A1, text })
const state = (actor: string, members: string[], epoch = 2) => ({ type: 'client.state', actor, epoch, members, policy: policy([ALICE, 3]), digest: 'd', removed: false })
/** Alice's ban as under policy=mls: its intent ends at the epoch of the list change (here 4). */
const banAt = (epoch: number) => [begin(A1, 'ban', BOB), { ...done(A1, 'ban'), epoch }]
const unbanAt = (epoch: number) => [begin(A1, 'changeRole', BOB, 2), { ...done(A1, 'changeRole'), epoch }]
const receiveAt = (actor: string, text: string, epoch: number) => ({ ...receive(actor, text), epoch })

describe('bannedStaysBanned', () => {
  it('holds when the banned user\'s clients read nothing and are no member afterwards', () => {
    const run = runOf([created, receive(B1, 'before'), ...aliceBansBob, state(A1, [A1]), receive(A1, 'after')])
    expect(bannedStaysBanned.holds(run).status).toBe('holds')
  })

  it('is violated when a client of a banned user decrypts a later message, with that event as witness', () => {
    const v = bannedStaysBanned.holds(runOf([created, ...aliceBansBob, receive(B1, 'secret')]))
    expect(v).toMatchObject({ status: 'violated', at: 3 })
    expect(v.explain).toContain('banned bob')
  })

  it('is violated when an honest member\'s state still lists a banned user\'s client as a member', () => {
    const v = bannedStaysBanned.holds(runOf([created, ...aliceBansBob, state(A1, [A1]), state(A1, [A1, B1])]))
    expect(v).toMatchObject({ status: 'violated', at: 4 })
    expect(v.explain).toContain('bob/1')
  })

  it('ignores a malicious member\'s state', () => {
    expect(bannedStaysBanned.holds(runOf([created, ...aliceBansBob, state(E1, [A1, B1])])).status).toBe('holds')
  })

  it('ignores the state of a client that is itself removed', () => {
    expect(bannedStaysBanned.holds(runOf([created, ...aliceBansBob, { ...state(A1, [A1, B1]), removed: true }])).status).toBe('holds')
  })

  it('lets an honest admin\'s unban (a role change from banned) lift the ban', () => {
    const run = runOf([created, ...aliceBansBob, begin(A1, 'changeRole', BOB, 2), done(A1, 'changeRole'), receive(B1, 'welcome back')])
    expect(bannedStaysBanned.holds(run).status).toBe('holds')
  })

  it('does not count a ban the hub refused', () => {
    const run = runOf([created, begin(A1, 'ban', BOB), done(A1, 'ban', false), receive(B1, 'still in')])
    expect(bannedStaysBanned.holds(run).status).toBe('holds')
  })

  it('does not count a ban by an honest participant whose role lacks canBan', () => {
    const run = runOf([created, begin(B1, 'ban', ALICE), done(B1, 'ban'), receive(A1, 'still in')])
    expect(bannedStaysBanned.holds(run).status).toBe('holds')
  })

  it('keeps a ban by a malicious actor out of the oracle, even when its role would allow it', () => {
    const run = runOf([createdWith([ALICE, 3], [BOB, 2], [EVE, 3]), begin(E1, 'ban', BOB), done(E1, 'ban'), receive(B1, 'still in')])
    expect(bannedStaysBanned.holds(run).status).toBe('holds')
  })

  describe('judges an event by its own epoch, from the epoch the ban was agreed at', () => {
    it('holds when bob, lagging, reports an epoch before the ban with himself a member (the explorer\'s false alarm)', () => {
      // The hub's pending proposal committed at epoch 2, bob removed at 3, listed banned at 4; bob applies epoch 2 last.
      const run = runOf([created, ...banAt(4), state(A1, [A1], 4), state(B1, [A1, B1], 2), { ...state(B1, [A1], 3), removed: true }])
      expect(bannedStaysBanned.holds(run).status).toBe('holds')
    })

    it('holds when a banned user\'s lagging client decrypts a message of an epoch before the ban', () => {
      expect(bannedStaysBanned.holds(runOf([created, ...banAt(4), receiveAt(B1, 'sent at 3', 3)])).status).toBe('holds')
    })

    it('is violated by an honest member\'s state at the ban\'s own epoch that lists the banned user\'s client', () => {
      const v = bannedStaysBanned.holds(runOf([created, ...banAt(4), state(B1, [A1, B1], 2), state(A1, [A1, B1], 4)]))
      expect(v).toMatchObject({ status: 'violated', at: 4 })
      expect(v.explain).toBe('alice/1 at epoch 4 has bob/1 as a member, although the participants banned bob from epoch 4')
    })

    it('is violated when the banned user decrypts a message of an epoch after the ban', () => {
      const v = bannedStaysBanned.holds(runOf([created, ...banAt(4), receiveAt(B1, 'early', 3), receiveAt(B1, 'late', 5)]))
      expect(v).toMatchObject({ status: 'violated', at: 4 })
      expect(v.explain).toContain('"late" at epoch 5')
    })

    it('after an unban and a re-ban, judges each epoch by the ban or unban that covered it', () => {
      const story = [created, ...banAt(4), ...unbanAt(6), ...banAt(8)]
      const at = (epoch: number) => bannedStaysBanned.holds(runOf([...story, state(A1, [A1, B1], epoch)])).status
      expect([3, 4, 5, 6, 7, 8, 9].map(at)).toEqual(['holds', 'violated', 'violated', 'holds', 'holds', 'violated', 'violated'])
      expect(bannedStaysBanned.holds(runOf([...story, receiveAt(B1, 'while unbanned', 7)])).status).toBe('holds')
    })

    it('lets a later agreement about an epoch override an earlier one (epochs out of order, as across a fork)', () => {
      // Banned from 4, unbanned from 6; then a ban agreed at epoch 5 covers 5 onwards.
      const story = [created, ...banAt(4), ...unbanAt(6), ...banAt(5)]
      const at = (epoch: number) => bannedStaysBanned.holds(runOf([...story, state(A1, [A1, B1], epoch)])).status
      expect([3, 4, 5, 6, 7].map(at)).toEqual(['holds', 'violated', 'violated', 'violated', 'violated'])
    })

    it('bans a user listed as banned when the room is created from the first epoch', () => {
      const v = bannedStaysBanned.holds(runOf([createdWith([ALICE, 3], [BOB, 1]), state(A1, [A1, B1], 1)]))
      expect(v).toMatchObject({ status: 'violated', at: 1 })
    })

    it('judges an event with no epoch by the ban as it stands', () => {
      expect(bannedStaysBanned.holds(runOf([created, ...banAt(4), receiveAt(B1, 'when?', null as unknown as number)])).status).toBe('violated')
      expect(bannedStaysBanned.holds(runOf([created, ...banAt(4), ...unbanAt(6), receiveAt(B1, 'when?', null as unknown as number)])).status).toBe('holds')
    })
  })
})
