/**
 * Validation of the world's room-policy fields (sim/scenario/validateWorld.ts): a room's preauth
 * list, base policy and join codes, a user's policyEngine, and the forgetProposals capability. Each
 * rule broken once yields exactly its one line `<path>: <problem> (<fix>)`.
 */
import { describe, expect, it } from 'vitest'
import { validateScenario } from '../../../sim/scenario/index.js'
import { CAPABILITIES } from '../../../sim/scenario/types.js'
import { errorOf, policyScenario } from './fixtures.js'

const NAMES = ['noEavesdropper', 'policyAgreement', 'rosterMatchesMembership']
const COOPERATIVE = 'banned, ordinary_user, group_admin, super_admin, policy_enforcer'

const accepts = (edit: (s: any) => void): boolean => {
  const s = policyScenario()
  edit(s)
  return validateScenario(s, NAMES).ok
}

describe('validateScenario: providers', () => {
  it('takes the valid capabilities from CAPABILITIES, forgetProposals among them', () => {
    expect(CAPABILITIES).toContain('forgetProposals')
    expect(errorOf((s) => (s.providers[0].malicious.capabilities = ['forget']))).toBe(
      `providers[0].malicious.capabilities[0]: unknown capability "forget" (valid: ${CAPABILITIES.join(', ')})`,
    )
    expect(accepts((s) => (s.providers[0].malicious.capabilities = [...CAPABILITIES]))).toBe(true)
  })
})

describe('validateScenario: users', () => {
  it('accepts policyEngine draft and kick-unlists, and refuses any other', () => {
    expect(accepts((s) => (s.users[0].policyEngine = 'kick-unlists'))).toBe(true)
    expect(errorOf((s) => (s.users[0].policyEngine = 'lenient'))).toBe('users[0].policyEngine: unknown policy engine "lenient" (valid: draft, kick-unlists)')
  })

  it('lists policyEngine among the valid keys', () => {
    expect(errorOf((s) => (s.users[0].engine = 'draft'))).toBe('users[0].engine: unknown key "engine" (valid keys: id, provider, clients, malicious, policyEngine)')
  })
})

describe('validateScenario: rooms', () => {
  it('lists preauth, base and joinCodes among the valid keys', () => {
    expect(errorOf((s) => (s.rooms[0].joinCode = []))).toBe(
      'rooms[0].joinCode: unknown key "joinCode" (valid keys: id, kind, hub, policy, creator, participants, preauth, base, joinCodes)',
    )
  })

  describe('preauth', () => {
    it('refuses a non-list, an unknown key and undeclared names', () => {
      expect(errorOf((s) => (s.rooms[0].preauth = { role: 'ordinary_user' }))).toBe(
        'rooms[0].preauth: expected an array, got an object (list preauth entries, e.g. [{ "user": "bob", "role": "ordinary_user" }], or [] for none)',
      )
      expect(errorOf((s) => (s.rooms[0].preauth[1].domain = 'b.example'))).toBe('rooms[0].preauth[1].domain: unknown key "domain" (valid keys: user, provider, kind, role)')
      expect(errorOf((s) => (s.rooms[0].preauth[0].user = 'zed'))).toBe('rooms[0].preauth[0].user: unknown user "zed" (known: alice, bob, cathy, dave, erin)')
      expect(errorOf((s) => (s.rooms[0].preauth[1].provider = 'z.example'))).toBe('rooms[0].preauth[1].provider: unknown provider "z.example" (known: a.example, b.example, c.example)')
    })

    it('refuses claims that can never match together', () => {
      expect(errorOf((s) => (s.rooms[0].preauth[0].provider = 'a.example'))).toBe(
        'rooms[0].preauth[0].provider: user "erin" belongs to c.example, not a.example, so the entry matches nobody (drop one of the two claims, or make them agree)',
      )
      expect(errorOf((s) => (s.rooms[0].preauth[0].kind = 'service'))).toBe(
        'rooms[0].preauth[0].kind: a service (a provider acting as external sender) has no user, so the entry matches nobody (use "kind": "user" with a "user" claim, or drop the "user" claim)',
      )
      expect(accepts((s) => (s.rooms[0].preauth = [{ provider: 'b.example', kind: 'service', role: 'policy_enforcer' }]))).toBe(true)
    })

    it('refuses a missing role, a role outside the template, and no_role', () => {
      expect(errorOf((s) => delete s.rooms[0].preauth[2].role)).toBe(`rooms[0].preauth[2].role: missing (give the role it grants; valid: ${COOPERATIVE})`)
      expect(errorOf((s) => (s.rooms[1].preauth = [{ role: 'ordinary_user' }]))).toBe(
        'rooms[1].preauth[0].role: unknown role "ordinary_user" in policy "moderated" (valid: banned, guest, attendee, speaker, moderator, super_admin, policy_enforcer)',
      )
      expect(errorOf((s) => (s.rooms[0].preauth[2].role = 'no_role'))).toBe(`rooms[0].preauth[2].role: role "no_role" means "not a participant" (valid: ${COOPERATIVE})`)
    })
  })

  describe('base', () => {
    it('refuses a non-object, an unknown key, a non-boolean flag and a limit below 1', () => {
      expect(errorOf((s) => (s.rooms[0].base = true))).toBe(
        'rooms[0].base: expected an object, got true (write e.g. { "maxUsers": 10 }; keys: fixedMembership, multiDevice, maxUsers, maxClients)',
      )
      expect(errorOf((s) => (s.rooms[0].base.persistent = true))).toBe(
        'rooms[0].base.persistent: unknown key "persistent" (valid keys: fixedMembership, multiDevice, maxUsers, maxClients)',
      )
      expect(errorOf((s) => (s.rooms[0].base.multiDevice = 1))).toBe('rooms[0].base.multiDevice: expected true or false, got 1 (false: at most one client per user (POL §5))')
      expect(errorOf((s) => (s.rooms[0].base.maxUsers = -3))).toBe(
        'rooms[0].base.maxUsers: expected an integer of at least 1 or null, got -3 (the most non-banned users in the list, or null for no limit)',
      )
      expect(errorOf((s) => (s.rooms[0].base.maxClients = '4'))).toBe(
        'rooms[0].base.maxClients: expected an integer of at least 1 or null, got the string "4" (the most clients in the group, or null for no limit)',
      )
    })

    it('accepts an empty base policy and null limits', () => {
      expect(accepts((s) => (s.rooms[0].base = {}))).toBe(true)
      expect(accepts((s) => (s.rooms[0].base = { maxUsers: null, maxClients: 1 }))).toBe(true)
    })
  })

  describe('joinCodes', () => {
    it('refuses an empty code, a repeated code and a role outside the template', () => {
      expect(errorOf((s) => (s.rooms[0].joinCodes[0].code = ' '))).toBe('rooms[0].joinCodes[0].code: empty string (give a non-empty code, e.g. "open-sesame")')
      expect(errorOf((s) => (s.rooms[0].joinCodes[1].code = 'open-sesame'))).toBe(
        'rooms[0].joinCodes[1].code: duplicate join code "open-sesame" (already at rooms[0].joinCodes[0]; list each code once)',
      )
      expect(errorOf((s) => (s.rooms[0].joinCodes[1].role = 'admin'))).toBe(`rooms[0].joinCodes[1].role: unknown role "admin" in policy "cooperative" (valid: ${COOPERATIVE})`)
    })

    it('refuses a missing code or role and an unknown key', () => {
      expect(errorOf((s) => delete s.rooms[0].joinCodes[0].code)).toBe('rooms[0].joinCodes[0].code: missing (give the code a joiner presents, e.g. "open-sesame")')
      expect(errorOf((s) => delete s.rooms[0].joinCodes[0].role)).toBe(`rooms[0].joinCodes[0].role: missing (give the role the code grants; valid: ${COOPERATIVE})`)
      expect(errorOf((s) => (s.rooms[0].joinCodes[0].expires = 3))).toBe('rooms[0].joinCodes[0].expires: unknown key "expires" (valid keys: code, role)')
    })
  })
})
