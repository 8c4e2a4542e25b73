/** bannedStaysBanned on hand-made runs: the ban comes from the agreed-policy oracle, so only an honest, authorized, completed ban or unban moves it (draft-ietf-mimi-room-policy-03 §8.1.3). */
import { describe, expect, it } from 'vitest'
import { bannedStaysBanned } from '../../properties/index.js'
import { A1, ALICE, B1, BOB, created, createdWith, E1, EVE, policy, runOf } from './fixtures.js'

const begin = (actor: string, action: string, target: string, role: number | null = null) => ({ type: 'intent.begin', actor, action, target, role })
const done = (actor: string, action: string, ok = true) => ({ type: 'intent.done', actor, action, ok })
/** Alice (group_admin) bans Bob and the hub accepts it. */
const aliceBansBob = [begin(A1, 'ban', BOB), done(A1, 'ban')]
const receive = (actor: string, text: string) => ({ type: 'app.receive', actor, sender: A1, text })
const state = (actor: string, members: string[]) => ({ type: 'client.state', actor, epoch: 2, members, policy: policy([ALICE, 3]), digest: 'd', removed: false })

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
})
