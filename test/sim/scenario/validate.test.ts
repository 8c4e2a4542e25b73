/**
 * Scenario validation (sim/scenario/validate.ts): the baseline S1 scenario passes, and each class of
 * mistake yields exactly one line `<path>: <problem> (<fix>)` naming the path and the fix.
 */
import { describe, expect, it } from 'vitest'
import { validateScenario } from '../../../sim/scenario/index.js'

const PROPERTIES = ['noEavesdropper', 'policyAgreement', 'rosterMatchesMembership']

/** Digest S1: Alice@A (hub), Bob@B, Cathy@C; Bob adds Cathy, Cathy sends. A fresh mutable copy each call. */
function baseline(): any {
  return {
    name: 's1-baseline',
    description: 'Bob (ordinary_user) adds Cathy; Cathy sends a message.',
    spec: ['draft-ietf-mimi-protocol-06 §3.2', 'draft-ietf-mimi-protocol-06 §3.4'],
    providers: [{ id: 'a.example' }, { id: 'b.example' }, { id: 'c.example' }],
    users: [
      { id: 'alice', provider: 'a.example' },
      { id: 'bob', provider: 'b.example' },
      { id: 'cathy', provider: 'c.example' },
    ],
    rooms: [
      {
        id: 'clubhouse',
        kind: 'named',
        hub: 'a.example',
        policy: 'cooperative',
        creator: 'alice',
        participants: [
          { user: 'alice', role: 'group_admin' },
          { user: 'bob', role: 'ordinary_user' },
        ],
      },
    ],
    network: { ordering: 'per-link' },
    steps: [
      { actor: 'bob', do: 'add', room: 'clubhouse', target: 'cathy' },
      { actor: 'cathy', do: 'send', room: 'clubhouse', text: 'hello' },
    ],
    expect: { rosterMatchesMembership: 'holds' },
  }
}

function errorOf(edit: (s: any) => void): string {
  const s = baseline()
  edit(s)
  const r = validateScenario(s, PROPERTIES)
  if (r.ok) throw new Error('expected the scenario to be rejected')
  expect(r.error).not.toContain('\n')
  return r.error
}

describe('validateScenario', () => {
  it('accepts the S1 baseline and returns it unchanged', () => {
    const s = baseline()
    const r = validateScenario(s, PROPERTIES)
    expect(r).toEqual({ ok: true, scenario: s })
  })

  it('accepts the optional fields: design, clients, malicious, network faults, add role, design-dependent expect', () => {
    const s = baseline()
    s.design = { policy: 'service' }
    s.users[0].clients = 2
    s.users.push({ id: 'eve', provider: 'a.example', malicious: true })
    s.providers[0].malicious = { capabilities: ['injectAdd', 'admitJoin'], budget: 1 }
    s.network = { ordering: 'unordered', loss: true, duplication: false, maxFaults: 3 }
    s.steps[0].role = 'ordinary_user'
    s.steps.push({ actor: 'a.example', do: 'injectAdd', room: 'clubhouse', target: 'eve' }, { actor: 'alice', do: 'commit', room: 'clubhouse' })
    s.expect.noEavesdropper = { 'policy=service': 'violated', 'policy=mls': 'holds' }
    expect(validateScenario(s, PROPERTIES).ok).toBe(true)
  })

  it('rejects a step in an undeclared room', () => {
    expect(errorOf((s) => (s.steps[1].room = 'lobby'))).toBe('steps[1].room: unknown room "lobby" (known: clubhouse)')
  })

  it('rejects an unknown key, naming it and listing the valid keys', () => {
    expect(errorOf((s) => (s.rooms[0].hubb = 'a.example'))).toBe(
      'rooms[0].hubb: unknown key "hubb" (valid keys: id, kind, hub, policy, creator, participants, preauth, base, joinCodes)',
    )
    expect(errorOf((s) => (s.steps[1].txt = 'hi'))).toBe('steps[1].txt: unknown key "txt" (valid keys: actor, do, room, text)')
  })

  it('rejects a role the policy template lacks, listing the valid ones', () => {
    expect(errorOf((s) => (s.rooms[0].participants[1].role = 'admin'))).toBe(
      'rooms[0].participants[1].role: unknown role "admin" in policy "cooperative" (valid: banned, ordinary_user, group_admin, super_admin, policy_enforcer)',
    )
  })

  it('rejects an unknown policy template, listing the valid ones', () => {
    expect(errorOf((s) => (s.rooms[0].policy = 'coop'))).toBe('rooms[0].policy: unknown policy template "coop" (valid: cooperative, moderated, multi-org, strict)')
  })

  it('rejects a bad design value, listing the valid ones', () => {
    expect(errorOf((s) => (s.design = { policy: 'hub' }))).toBe('design.policy: unknown value "hub" (valid: service, mls)')
    expect(errorOf((s) => (s.design = { polcy: 'mls' }))).toBe('design.polcy: unknown design key "polcy" (valid: hubRole, policy)')
  })

  it('rejects an expect property that is not known, listing the known ones', () => {
    expect(errorOf((s) => (s.expect = { noEavesdroper: 'holds' }))).toBe(
      'expect.noEavesdroper: unknown property "noEavesdroper" (known: noEavesdropper, policyAgreement, rosterMatchesMembership)',
    )
  })

  it('rejects a design-dependent expectation keyed by an invalid design', () => {
    expect(errorOf((s) => (s.expect.noEavesdropper = { 'policy=hub': 'holds' }))).toBe(
      'expect.noEavesdropper["policy=hub"]: unknown value "hub" (valid: service, mls)',
    )
    expect(errorOf((s) => (s.expect.noEavesdropper = 'ok'))).toBe('expect.noEavesdropper: unknown verdict "ok" (valid: holds, violated)')
  })

  it('rejects a creator who is not a participant', () => {
    expect(errorOf((s) => (s.rooms[0].creator = 'cathy'))).toBe(
      'rooms[0].creator: "cathy" is not a participant (participants: alice, bob; add the creator to them or pick one of them)',
    )
  })

  it('rejects a one-to-one room with 3 participants', () => {
    expect(
      errorOf((s) => {
        s.rooms[0].kind = 'one-to-one'
        s.rooms[0].participants.push({ user: 'cathy', role: 'ordinary_user' })
      }),
    ).toBe('rooms[0].participants: a one-to-one room has exactly 2 participants, not 3 (change the participants, or use a kind that fits 3: ad-hoc, named)')
  })

  it('rejects injectAdd by a provider that is not malicious', () => {
    expect(errorOf((s) => s.steps.push({ actor: 'a.example', do: 'injectAdd', room: 'clubhouse', target: 'alice' }))).toBe(
      'steps[2].actor: provider "a.example" is not malicious (give providers[0] "malicious": { "capabilities": ["injectAdd"], "budget": 1 })',
    )
  })

  it('rejects injectAdd by a malicious provider that is not the hub, or for a user of another provider', () => {
    expect(
      errorOf((s) => {
        s.providers[1].malicious = { capabilities: ['injectAdd'], budget: 1 }
        s.steps.push({ actor: 'b.example', do: 'injectAdd', room: 'clubhouse', target: 'bob' })
      }),
    ).toBe('steps[2].actor: provider "b.example" is not the hub of room "clubhouse" (injectAdd is done by the room\'s hub, a.example)')
    expect(
      errorOf((s) => {
        s.providers[0].malicious = { capabilities: ['injectAdd'], budget: 1 }
        s.steps.push({ actor: 'a.example', do: 'injectAdd', room: 'clubhouse', target: 'bob' })
      }),
    ).toBe('steps[2].target: user "bob" belongs to b.example, not a.example (injectAdd concerns a user of the acting provider; users of a.example: alice)')
  })

  it('rejects forgeAcl without the capability, and an honest step done by a provider', () => {
    expect(
      errorOf((s) => {
        s.providers[2].malicious = { capabilities: ['injectAdd'], budget: 1 }
        s.steps.push({ actor: 'c.example', do: 'forgeAcl', room: 'clubhouse', victim: 'cathy', target: 'alice' })
      }),
    ).toBe('steps[2].actor: provider "c.example" lacks capability forgeAcl (add "forgeAcl" to providers[2].malicious.capabilities)')
    expect(errorOf((s) => (s.steps[0].actor = 'b.example'))).toBe(
      'steps[0].actor: "b.example" is a provider, not a user (add is done by a user; known users: alice, bob, cathy)',
    )
  })

  it('rejects a duplicate user id', () => {
    expect(errorOf((s) => s.users.push({ id: 'bob', provider: 'c.example' }))).toBe(
      'users[3].id: duplicate user id "bob" (already declared at users[1]; give each user a distinct id)',
    )
  })

  it('rejects a non-integer or out-of-range clients count', () => {
    expect(errorOf((s) => (s.users[0].clients = 1.5))).toBe(
      'users[0].clients: expected an integer from 1 to 8, got 1.5 (give the number of devices, 1 to 8; default 1)',
    )
    expect(errorOf((s) => (s.users[0].clients = 9))).toBe(
      'users[0].clients: expected an integer from 1 to 8, got 9 (give the number of devices, 1 to 8; default 1)',
    )
  })

  it('rejects ids that are not valid URI parts, and undeclared references', () => {
    expect(errorOf((s) => (s.providers[0].id = 'A.example'))).toBe(
      'providers[0].id: "A.example" is not a lower-case domain name (write a domain such as "a.example")',
    )
    expect(errorOf((s) => (s.users[0].id = 'al ice'))).toBe('users[0].id: "al ice" is not URI-safe (use only letters, digits and . _ ~ -)')
    expect(errorOf((s) => (s.users[1].provider = 'b.exmple'))).toBe(
      'users[1].provider: unknown provider "b.exmple" (known: a.example, b.example, c.example)',
    )
  })

  it('rejects bad network settings and missing sections', () => {
    expect(errorOf((s) => (s.network.ordering = 'fifo'))).toBe('network.ordering: unknown ordering "fifo" (valid: per-link, unordered)')
    expect(errorOf((s) => (s.network.maxFaults = 11))).toBe(
      'network.maxFaults: expected an integer from 0 to 10, got 11 (the most drops plus duplicates in one run, 0 to 10; default 2)',
    )
    expect(errorOf((s) => delete s.network)).toBe('network: missing (give at least { "ordering": "per-link" }; orderings: per-link, unordered)')
  })

  it('reports the first error in document order', () => {
    expect(
      errorOf((s) => {
        s.steps[1].room = 'lobby'
        s.users[0].clients = 0
      }),
    ).toMatch(/^users\[0\]\.clients: /)
  })

  it('rejects a non-object scenario', () => {
    const r = validateScenario([], PROPERTIES)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatch(/^scenario: expected an object, got an array \(/)
  })
})
