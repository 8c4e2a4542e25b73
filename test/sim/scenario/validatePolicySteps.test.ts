/**
 * Validation of the room-policy steps (sim/scenario/validatePolicySteps.ts, called from
 * validateSteps.ts): kick, ban, changeRole, edit with every EditSpec component, leave and hubPropose.
 * Each rule is broken once and must yield exactly its one line `<path>: <problem> (<fix>)`; a scenario
 * using every new field is accepted, and the runner can resolve and run what was accepted.
 */
import { describe, expect, it } from 'vitest'
import { allDesigns, designLabel } from '../../../model/design.js'
import { PROPERTIES } from '../../../properties/index.js'
import { runScenario } from '../../../sim/runner.js'
import { validateScenario } from '../../../sim/scenario/index.js'
import { errorOf, policyScenario } from './fixtures.js'

const NAMES = PROPERTIES.map((p) => p.id)
const COOPERATIVE = 'banned, ordinary_user, group_admin, super_admin, policy_enforcer'
const USERS = 'alice, bob, cathy, dave, erin'

const stepError = (step: Record<string, unknown>): string => errorOf((s) => (s.steps[3] = step))
const editError = (edit: unknown): string => stepError({ actor: 'alice', do: 'edit', room: 'clubhouse', edits: [edit] })

describe('validateScenario: room-policy steps', () => {
  it('accepts a scenario that uses every new step kind, edit component and room/user/provider field', () => {
    const s = policyScenario()
    expect(validateScenario(s, NAMES)).toEqual({ ok: true, scenario: s })
  })

  it('accepts a hubPropose by an honest hub, and a grant to no_role', () => {
    const s = policyScenario()
    delete s.providers[0].malicious
    s.steps.push({ actor: 'a.example', do: 'hubPropose', room: 'clubhouse', edits: [{ component: 'roles', grant: [{ role: 'no_role', capability: 'canUseJoinCode' }] }] })
    expect(validateScenario(s, NAMES).ok).toBe(true)
  })

  describe('kick, ban, changeRole', () => {
    it('refuses a step done by a provider, or by an unknown user', () => {
      expect(stepError({ actor: 'a.example', do: 'kick', room: 'clubhouse', target: 'dave' })).toBe(
        `steps[3].actor: "a.example" is a provider, not a user (kick is done by a user; known users: ${USERS})`,
      )
      expect(stepError({ actor: 'zed', do: 'ban', room: 'clubhouse', target: 'dave' })).toBe(`steps[3].actor: unknown user "zed" (known: ${USERS})`)
    })

    it('refuses an unknown room, and a missing or unknown target', () => {
      expect(stepError({ actor: 'bob', do: 'kick', room: 'lobby', target: 'dave' })).toBe('steps[3].room: unknown room "lobby" (known: clubhouse, stage)')
      expect(stepError({ actor: 'bob', do: 'ban', room: 'clubhouse' })).toBe(`steps[3].target: missing (give the user to ban; known users: ${USERS})`)
      expect(stepError({ actor: 'bob', do: 'changeRole', room: 'clubhouse', target: 'zed', role: 'banned' })).toBe(`steps[3].target: unknown user "zed" (known: ${USERS})`)
    })

    it('refuses a kick or ban of oneself, pointing at leave (a committer cannot remove itself)', () => {
      expect(stepError({ actor: 'bob', do: 'kick', room: 'clubhouse', target: 'bob' })).toBe(
        'steps[3].target: "bob" is the actor, and a member cannot commit its own removal (RFC 9420 §12.2) (to leave the room, use { "actor": "bob", "do": "leave", "room": "clubhouse" })',
      )
      expect(stepError({ actor: 'cathy', do: 'ban', room: 'stage', target: 'cathy' })).toMatch(/^steps\[3\]\.target: "cathy" is the actor, /)
    })

    it('accepts a changeRole of oneself, and refuses a missing, unknown or no_role role', () => {
      expect(validateScenario({ ...policyScenario(), steps: [{ actor: 'bob', do: 'changeRole', room: 'clubhouse', target: 'bob', role: 'ordinary_user' }] }, NAMES).ok).toBe(true)
      expect(stepError({ actor: 'bob', do: 'changeRole', room: 'clubhouse', target: 'cathy' })).toBe(`steps[3].role: missing (give the new role; valid: ${COOPERATIVE})`)
      expect(stepError({ actor: 'bob', do: 'changeRole', room: 'clubhouse', target: 'cathy', role: 'speaker' })).toBe(
        `steps[3].role: unknown role "speaker" in policy "cooperative" (valid: ${COOPERATIVE})`,
      )
      expect(stepError({ actor: 'bob', do: 'changeRole', room: 'clubhouse', target: 'cathy', role: 'no_role' })).toBe(
        `steps[3].role: role "no_role" means "not a participant" (valid: ${COOPERATIVE})`,
      )
    })

    it('checks roles against the room\'s own template', () => {
      expect(stepError({ actor: 'bob', do: 'changeRole', room: 'stage', target: 'cathy', role: 'group_admin' })).toBe(
        'steps[3].role: unknown role "group_admin" in policy "moderated" (valid: banned, guest, attendee, speaker, moderator, super_admin, policy_enforcer)',
      )
    })

    it('refuses a key the action does not take', () => {
      expect(stepError({ actor: 'bob', do: 'kick', room: 'clubhouse', target: 'dave', role: 'banned' })).toBe(
        'steps[3].role: unknown key "role" (valid keys: actor, do, room, target)',
      )
    })
  })

  describe('edit', () => {
    it('refuses missing, empty or non-list edits', () => {
      const components = 'participants, roles, preauth, base, metadata'
      const hint = `list one or more edits, e.g. [{ "component": "metadata", "name": "Lounge" }]; components: ${components}`
      expect(stepError({ actor: 'alice', do: 'edit', room: 'clubhouse' })).toBe(`steps[3].edits: missing (${hint})`)
      expect(stepError({ actor: 'alice', do: 'edit', room: 'clubhouse', edits: [] })).toBe(`steps[3].edits: empty list (${hint})`)
      expect(stepError({ actor: 'alice', do: 'edit', room: 'clubhouse', edits: { component: 'metadata' } })).toBe(`steps[3].edits: expected an array, got an object (${hint})`)
    })

    it('refuses an unknown component, and a key another component takes, listing the valid keys', () => {
      expect(editError({ component: 'acl' })).toBe('steps[3].edits[0].component: unknown component "acl" (valid: participants, roles, preauth, base, metadata)')
      expect(editError({ name: 'Lounge' })).toBe('steps[3].edits[0].component: missing (valid: participants, roles, preauth, base, metadata)')
      expect(editError({ component: 'participants', entries: [] })).toBe('steps[3].edits[0].entries: unknown key "entries" (valid keys: component, add, remove, change)')
      expect(editError({ component: 'metadata', topic: 'x' })).toBe('steps[3].edits[0].topic: unknown key "topic" (valid keys: component, name, description, avatar, subject, mood)')
      expect(editError({ component: 'base', maxusers: 3 })).toBe('steps[3].edits[0].maxusers: unknown key "maxusers" (valid keys: component, fixedMembership, multiDevice, maxUsers, maxClients)')
    })

    it('participants: refuses undeclared users and roles outside the template', () => {
      expect(editError({ component: 'participants', add: [{ user: 'zed', role: 'ordinary_user' }] })).toBe(`steps[3].edits[0].add[0].user: unknown user "zed" (known: ${USERS})`)
      expect(editError({ component: 'participants', change: [{ user: 'dave', role: 'admin' }] })).toBe(
        `steps[3].edits[0].change[0].role: unknown role "admin" in policy "cooperative" (valid: ${COOPERATIVE})`,
      )
      expect(editError({ component: 'participants', add: [{ user: 'erin', role: 'no_role' }] })).toBe(
        `steps[3].edits[0].add[0].role: role "no_role" means "not a participant" (valid: ${COOPERATIVE})`,
      )
      expect(editError({ component: 'participants', remove: ['dave', 'zed'] })).toBe(`steps[3].edits[0].remove[1]: unknown user "zed" (known: ${USERS})`)
      expect(editError({ component: 'participants', add: [{ user: 'erin', role: 'ordinary_user', clients: 2 }] })).toBe(
        'steps[3].edits[0].add[0].clients: unknown key "clients" (valid keys: user, role)',
      )
    })

    it('roles: refuses an unregistered capability, naming the registry', () => {
      const grant = [{ role: 'ordinary_user', capability: 'canKick' }, { role: 'ordinary_user', capability: 'canFly' }]
      expect(editError({ component: 'roles', grant })).toBe('steps[3].edits[0].grant[1].capability: unknown capability "canFly" (see the MIMI Role Capabilities registry, POL §10.2)')
    })

    it('roles: accepts the Appendix A alias canUnban, and refuses the unregistered canGrantVoice', () => {
      const s = policyScenario()
      s.steps[3].edits[0].grant[0].capability = 'canUnban'
      expect(validateScenario(s, NAMES).ok).toBe(true)
      expect(editError({ component: 'roles', grant: [{ role: 'ordinary_user', capability: 'canGrantVoice' }] })).toMatch(/^steps\[3\]\.edits\[0\]\.grant\[0\]\.capability: unknown capability "canGrantVoice" /)
    })

    it('roles: refuses an unknown template, an unknown grant role (no_role is valid) and an unknown target role', () => {
      expect(editError({ component: 'roles', template: 'anarchy' })).toBe('steps[3].edits[0].template: unknown policy template "anarchy" (valid: cooperative, moderated, multi-org, strict)')
      expect(editError({ component: 'roles', grant: [{ role: 'guest', capability: 'canKick' }] })).toBe(
        `steps[3].edits[0].grant[0].role: unknown role "guest" in policy "cooperative" (valid: no_role, ${COOPERATIVE})`,
      )
      expect(editError({ component: 'roles', grant: [{ role: 'no_role', capability: 'canOpenJoin', to: ['ordinary_user', 'member'] }] })).toBe(
        `steps[3].edits[0].grant[0].to[1]: unknown role "member" in policy "cooperative" (valid: no_role, ${COOPERATIVE})`,
      )
      expect(editError({ component: 'roles', grant: [{ role: 'no_role' }] })).toBe(
        'steps[3].edits[0].grant[0].capability: missing (give a capability name; see the MIMI Role Capabilities registry, POL §10.2)',
      )
    })

    it('preauth: refuses missing entries, undeclared names, claims that never match and role no_role', () => {
      expect(editError({ component: 'preauth' })).toBe(
        'steps[3].edits[0].entries: missing (give the whole new preauth list, e.g. [{ "user": "bob", "role": "ordinary_user" }], or [] to clear it)',
      )
      expect(editError({ component: 'preauth', entries: [{ provider: 'z.example', role: 'ordinary_user' }] })).toBe(
        'steps[3].edits[0].entries[0].provider: unknown provider "z.example" (known: a.example, b.example, c.example)',
      )
      expect(editError({ component: 'preauth', entries: [{ role: 'ordinary_user' }, { user: 'erin', provider: 'b.example', role: 'ordinary_user' }] })).toBe(
        'steps[3].edits[0].entries[1].provider: user "erin" belongs to c.example, not b.example, so the entry matches nobody (drop one of the two claims, or make them agree)',
      )
      expect(editError({ component: 'preauth', entries: [{ user: 'erin', kind: 'service', role: 'ordinary_user' }] })).toBe(
        'steps[3].edits[0].entries[0].kind: a service (a provider acting as external sender) has no user, so the entry matches nobody (use "kind": "user" with a "user" claim, or drop the "user" claim)',
      )
      expect(editError({ component: 'preauth', entries: [{ kind: 'bot', role: 'ordinary_user' }] })).toBe('steps[3].edits[0].entries[0].kind: unknown claim kind "bot" (valid: user, service)')
      expect(editError({ component: 'preauth', entries: [{ user: 'erin', role: 'no_role' }] })).toBe(
        `steps[3].edits[0].entries[0].role: role "no_role" means "not a participant" (valid: ${COOPERATIVE})`,
      )
    })

    it('preauth: accepts an entry with no claim (anyone) and an empty list (clear it)', () => {
      const s = policyScenario()
      s.steps[3] = { actor: 'alice', do: 'edit', room: 'clubhouse', edits: [{ component: 'preauth', entries: [{ role: 'ordinary_user' }] }, { component: 'preauth', entries: [] }] }
      expect(validateScenario(s, NAMES).ok).toBe(true)
    })

    it('base: refuses a non-boolean flag and a limit below 1; null means no limit', () => {
      expect(editError({ component: 'base', fixedMembership: 'yes' })).toBe(
        'steps[3].edits[0].fixedMembership: expected true or false, got the string "yes" (true: the participant list is fixed at creation (POL §5))',
      )
      expect(editError({ component: 'base', maxUsers: 0 })).toBe(
        'steps[3].edits[0].maxUsers: expected an integer of at least 1 or null, got 0 (the most non-banned users in the list, or null for no limit)',
      )
      expect(editError({ component: 'base', maxClients: 2.5 })).toBe(
        'steps[3].edits[0].maxClients: expected an integer of at least 1 or null, got 2.5 (the most clients in the group, or null for no limit)',
      )
      const s = policyScenario()
      s.steps[3] = { actor: 'alice', do: 'edit', room: 'clubhouse', edits: [{ component: 'base', maxUsers: null, maxClients: null }] }
      expect(validateScenario(s, NAMES).ok).toBe(true)
    })

    it('metadata: refuses a value that is not a string', () => {
      expect(editError({ component: 'metadata', name: 7 })).toBe('steps[3].edits[0].name: expected a string, got 7 (give the room\'s new name as a string)')
    })
  })

  describe('leave', () => {
    it('refuses a provider as actor, an unknown room and a target', () => {
      expect(stepError({ actor: 'b.example', do: 'leave', room: 'stage' })).toBe(`steps[3].actor: "b.example" is a provider, not a user (leave is done by a user; known users: ${USERS})`)
      expect(stepError({ actor: 'cathy', do: 'leave', room: 'lobby' })).toBe('steps[3].room: unknown room "lobby" (known: clubhouse, stage)')
      expect(stepError({ actor: 'cathy', do: 'leave', room: 'stage', target: 'cathy' })).toBe('steps[3].target: unknown key "target" (valid keys: actor, do, room)')
    })
  })

  describe('hubPropose', () => {
    it('refuses a user, an unknown provider, and a provider that is not the room\'s hub', () => {
      const hint = 'hubPropose is done by the room\'s hub, named by its provider id; known providers: a.example, b.example, c.example'
      expect(stepError({ actor: 'alice', do: 'hubPropose', room: 'clubhouse', kick: ['dave'] })).toBe(`steps[3].actor: "alice" is a user, not a provider (${hint})`)
      expect(stepError({ actor: 'z.example', do: 'hubPropose', room: 'clubhouse', kick: ['dave'] })).toBe('steps[3].actor: unknown provider "z.example" (known: a.example, b.example, c.example)')
      expect(stepError({ actor: 'b.example', do: 'hubPropose', room: 'clubhouse', kick: ['dave'] })).toBe(
        'steps[3].actor: provider "b.example" is not the hub of room "clubhouse" (hubPropose is done by the room\'s hub, a.example)',
      )
    })

    it('refuses kick and edits in one step, citing ts-mls bug #742', () => {
      expect(stepError({ actor: 'a.example', do: 'hubPropose', room: 'clubhouse', edits: [{ component: 'metadata', name: 'x' }], kick: ['dave'] })).toBe(
        'steps[3].kick: a hubPropose step carries both "kick" and "edits" (ts-mls 1.6.4 bug #742: a room-policy change cannot be committed with a Remove; propose the kick and the edits in two steps)',
      )
    })

    it('refuses a step that proposes nothing, an empty kick and an undeclared user', () => {
      expect(stepError({ actor: 'a.example', do: 'hubPropose', room: 'clubhouse' })).toBe(
        'steps[3]: a hubPropose step proposes nothing (give "edits": [...] (policy edits) or "kick": [...] (users whose clients to remove))',
      )
      expect(stepError({ actor: 'a.example', do: 'hubPropose', room: 'clubhouse', kick: [] })).toBe(
        `steps[3].kick: empty list (list the users whose clients the hub proposes to remove, e.g. ["eve"]; known users: ${USERS})`,
      )
      expect(stepError({ actor: 'a.example', do: 'hubPropose', room: 'clubhouse', kick: ['zed'] })).toBe(`steps[3].kick[0]: unknown user "zed" (known: ${USERS})`)
    })

    it('checks the edits it carries as an edit step\'s', () => {
      expect(stepError({ actor: 'a.example', do: 'hubPropose', room: 'clubhouse', edits: [] })).toMatch(/^steps\[3\]\.edits: empty list \(/)
      expect(stepError({ actor: 'a.example', do: 'hubPropose', room: 'clubhouse', edits: [{ component: 'roles', grant: [{ role: 'banned', capability: 'canFly' }] }] })).toBe(
        'steps[3].edits[0].grant[0].capability: unknown capability "canFly" (see the MIMI Role Capabilities registry, POL §10.2)',
      )
    })
  })
})

describe('an accepted policy scenario runs', () => {
  for (const design of allDesigns()) {
    it(`every step of the all-fields scenario begins under ${designLabel(design)} with symbolic MLS`, async () => {
      const s = policyScenario()
      const r = await runScenario(s, { design, engine: 'symbolic', seed: 0, properties: PROPERTIES })
      const begun = r.trace.events.filter((e) => e.type === 'step.begin').map((e) => e.step)
      expect(begun).toEqual(s.steps.map((_: unknown, k: number) => k))
      expect(r.trace.events.filter((e) => e.type === 'hub.propose' && e.step >= 8 && e.step <= 9).length).toBeGreaterThan(0)
    })
  }
})
