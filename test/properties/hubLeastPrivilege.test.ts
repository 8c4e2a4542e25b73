/** hubLeastPrivilege on hand-made runs: which policy.change notes count (enforcer by design), and which hub capabilities exceed least privilege (draft-ietf-mimi-room-policy-03 §4, §8.6). */
import { describe, expect, it } from 'vitest'
import { hubLeastPrivilege } from '../../properties/index.js'
import { A1, ALICE, E1, EVE, HUB, runUnder } from './fixtures.js'

const MLS = { policy: 'mls', hubRole: 'policy_enforcer' }
const SERVICE = { policy: 'service', hubRole: 'policy_enforcer' }
const change = (actor: string, used: [string, string][], forced = false) =>
  ({ type: 'policy.change', actor, updates: ['a change'], used, forced, participants: [] })

describe('hubLeastPrivilege', () => {
  it('is violated when an honest client accepts a change by which the hub changed the preauth list, with that change as witness', () => {
    const run = runUnder(MLS, [{ type: 'app.send', actor: A1, text: 'hi' }, change(A1, [[HUB, 'canChangePreauthorizedUserList']])])
    const v = hubLeastPrivilege.holds(run)
    expect(v).toMatchObject({ status: 'violated', at: 1 })
    expect(v.explain).toContain('canChangePreauthorizedUserList')
    expect(v.explain).toContain('accepts')
  })

  it('witnesses the first such change, not a later one', () => {
    const run = runUnder(MLS, [change(A1, [[HUB, 'canBan']]), change(A1, [[HUB, 'canChangeRoleDefinitions']]), change(A1, [[HUB, 'canAddParticipant']])])
    expect(hubLeastPrivilege.holds(run)).toMatchObject({ status: 'violated', at: 1 })
  })

  it('holds while the hub exercises only least-privilege capabilities (ban, unban, remove, kick, re-role)', () => {
    const caps = ['canBan', 'canUnBan', 'canRemoveParticipant', 'canKick', 'canChangeUserRole']
    expect(hubLeastPrivilege.holds(runUnder(MLS, caps.map((cap) => change(A1, [[HUB, cap]])))).status).toBe('holds')
  })

  it.each(['canAddParticipant', 'canChangeRoleDefinitions', 'canChangePreauthorizedUserList', 'canChangeRoomMembershipStyle'])('counts %s by the hub as beyond least privilege', (cap) => {
    expect(hubLeastPrivilege.holds(runUnder(MLS, [change(A1, [[HUB, 'canBan'], [HUB, cap]])])).status).toBe('violated')
  })

  it('holds when the capability beyond least privilege is a participant\'s, not the hub\'s', () => {
    const run = runUnder(MLS, [change(A1, [[ALICE, 'canAddParticipant'], [ALICE, 'canChangeRoleDefinitions']])])
    expect(hubLeastPrivilege.holds(run).status).toBe('holds')
  })

  it('counts a change the hub forced past its own role', () => {
    const v = hubLeastPrivilege.holds(runUnder(SERVICE, [change(HUB, [[HUB, 'canAddParticipant']], true)]))
    expect(v).toMatchObject({ status: 'violated', at: 0 })
    expect(v.explain).toContain('records')
  })

  it('under policy=service, takes the hub\'s own record as the enforcer\'s', () => {
    expect(hubLeastPrivilege.holds(runUnder(SERVICE, [change(HUB, [[HUB, 'canAddParticipant']])])).status).toBe('violated')
  })

  it('under policy=mls, ignores the hub\'s own policy.change note: only clients enforce there', () => {
    expect(hubLeastPrivilege.holds(runUnder(MLS, [change(HUB, [[HUB, 'canAddParticipant']], true)])).status).toBe('holds')
  })

  it('ignores a change only a malicious client accepted', () => {
    const run = runUnder(MLS, [change(E1, [[HUB, 'canChangePreauthorizedUserList'], [EVE, 'canAddParticipant']])])
    expect(hubLeastPrivilege.holds(run).status).toBe('holds')
  })
})
