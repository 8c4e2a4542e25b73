/**
 * Role-set / policy files (docs/policy-format.md): a malformed or internally inconsistent file is
 * refused with one line that names the entry and the fix; a valid one loads to the role set it
 * spells out.
 */
import { describe, expect, it } from 'vitest'
import { BANNED } from '../../../model/policy/index.js'
import { HUB, validatePolicy, worldUser } from '../../../sim/escalate/index.js'

type Doc = Record<string, unknown>
const zero = { index: 0, name: 'no_role', capabilities: [] }
const banned = { index: 1, name: 'banned', capabilities: [], maxActive: 0 }
const user = { index: 2, name: 'member', capabilities: ['canAddParticipant', 'canRemoveSelf', 'canReceiveMessage', 'canSendMessage', 'canAddOwnClient'], changes: [[0, [2]], [2, [0]]] }
const doc = (over: Doc = {}): Doc => ({ name: 'small', roles: [zero, banned, user], ...over })
const error = (d: Doc): string => {
  const v = validatePolicy(d)
  if (v.ok) throw new Error('expected the file to be refused')
  return v.error
}

describe('policy file validation', () => {
  it('an unknown capability names its entry and points at the registry', () => {
    const roles = [zero, banned, { ...user, capabilities: ['canAddParticipant', 'canRemoveSelf', 'canReceiveMessage', 'canSendMessage', 'canFly'] }]
    expect(error(doc({ roles }))).toBe('roles[2].capabilities[4]: unknown capability "canFly" (see the MIMI Role Capabilities registry, POL §10.2)')
  })

  it('Appendix A\'s unregistered canRevokeVoice is refused as a draft erratum; its canUnban spelling is accepted as canUnBan', () => {
    expect(error(doc({ roles: [zero, banned, { ...user, capabilities: ['canRevokeVoice'] }] }))).toContain('roles[2].capabilities[0]: unknown capability "canRevokeVoice" (Appendix A uses it but the registry does not define it')
    const v = validatePolicy(doc({ roles: [zero, banned, { ...user, capabilities: ['canUnban'] }] }))
    expect(v.ok && v.spec.roles.roles[2]!.capabilities).toEqual(['canUnBan'])
  })

  it('a duplicate role index names the second entry and the first', () => {
    expect(error(doc({ roles: [zero, banned, user, { ...user, name: 'other' }] }))).toBe('roles[3].index: duplicate role index 2 (roles[2] already has it; give each role its own index)')
  })

  it('a role change to a role the set does not define names the change entry', () => {
    expect(error(doc({ roles: [zero, { ...user, changes: [[0, [2, 7]]] }] }))).toBe('roles[1].changes[0]: role change to role 7, which the set does not define (define role 7 or drop it from the targets)')
  })

  it('canOpenJoin on a non-zero role, a missing role 0 and a maximum below its minimum are each refused', () => {
    expect(error(doc({ roles: [zero, { ...user, capabilities: ['canOpenJoin'] }] }))).toMatch(/^roles\[1\]\.capabilities\[0\]: canOpenJoin MUST NOT appear in a non-zero role/)
    expect(error(doc({ roles: [user] }))).toMatch(/^roles: no role with index 0/)
    expect(error(doc({ roles: [zero, { ...user, minParticipants: 3, maxParticipants: 1 }] }))).toMatch(/^roles\[1\]\.maxParticipants: maximum 1 is below the minimum 3/)
  })

  it('field types and unknown keys are refused with the path', () => {
    expect(error(doc({ roles: [zero, { ...user, index: -1 }] }))).toMatch(/^roles\[1\]\.index: expected an integer/)
    expect(error(doc({ roles: [zero, { ...user, caps: [] }] }))).toMatch(/^roles\[1\]\.caps: unknown key "caps"/)
    expect(error(doc({ extra: 1 }))).toMatch(/^extra: unknown key "extra"/)
    expect(error({ roles: [zero] })).toMatch(/^name: missing/)
  })

  it('preauth and participants name defined roles; role 0 is refused for both', () => {
    expect(error(doc({ preauth: [{ claims: { user: 'eve' }, role: 'admin' }] }))).toMatch(/^preauth\[0\]\.role: unknown role "admin" \(known: no_role \(0\), banned \(1\), member \(2\)\)/)
    expect(error(doc({ preauth: [{ claims: { user: 'eve' }, role: 0 }] }))).toMatch(/^preauth\[0\]\.role: a preauth entry cannot target role 0/)
    expect(error(doc({ participants: [{ user: 'alice', role: 'no_role' }] }))).toMatch(/^participants\[0\]\.role: role 0 means "not a participant"/)
    expect(error(doc({ participants: [{ user: 'alice', role: 'member' }, { user: 'alice', role: 'member' }] }))).toMatch(/^participants\[1\]\.user: "alice" is listed twice/)
    expect(error(doc({ participants: [{ user: 'alice', role: 'banned', client: true }] }))).toMatch(/^participants\[0\]\.client: role banned allows no active participants/)
  })

  it('a valid file loads: roles canonical, claims resolved ("hub" is the hub), participants with their clients', () => {
    const v = validatePolicy(doc({
      roles: [user, banned, zero],
      preauth: [{ claims: { provider: 'hub', kind: 'service' }, role: 'member' }, { claims: { user: 'eve' }, role: 2 }],
      participants: [{ user: 'bob', role: 'member' }, { user: 'carol', role: 'banned' }],
    }))
    expect(v.ok).toBe(true)
    if (!v.ok) return
    expect(v.spec.roles.roles.map((r) => r.index)).toEqual([0, BANNED, 2])
    expect(v.spec.preauth).toEqual([{ claims: { provider: HUB, kind: 'service' }, role: 2 }, { claims: { user: worldUser('eve') }, role: 2 }])
    expect(v.spec.participants).toEqual([{ user: worldUser('bob'), role: 2, client: true }, { user: worldUser('carol'), role: BANNED, client: false }])
  })

  it('what a file leaves out gets a default: an open room, no preauth without a policy_enforcer role, alice in the one usable role', () => {
    const v = validatePolicy(doc())
    expect(v.ok).toBe(true)
    if (!v.ok) return
    expect(v.spec.base.fixedMembership).toBe(false)
    expect(v.spec.preauth).toEqual([])
    expect(v.spec.participants).toEqual([{ user: worldUser('alice'), role: 2, client: true }])
  })
})
