/**
 * A scenario that uses every room-policy field of the scenario contract (sim/scenario/types.ts): a
 * room's preauth list, base policy and join codes, a user's policyEngine, the forgetProposals
 * capability, and the steps kick, ban, changeRole (of another user and of oneself), edit (every
 * component), leave and hubPropose (edits, and a kick). Shared by the validation tests, which break
 * one field at a time, and by the test that runs it. A fresh mutable copy each call.
 */

import { expect } from 'vitest'
import { propertyIds } from '../../../properties/index.js'
import { validateScenario } from '../../../sim/scenario/index.js'

/** The one line validation gives for the fixture after `edit` breaks it (never more than one line). */
export function errorOf(edit: (s: any) => void): string {
  const s = policyScenario()
  edit(s)
  const r = validateScenario(s, propertyIds())
  if (r.ok) throw new Error('expected the scenario to be rejected')
  expect(r.error).not.toContain('\n')
  return r.error
}

/** Steps 0–3 are fixed so that tests can name `steps[3]`; the rest exercise every new step kind. */
export function policyScenario(): any {
  return {
    name: 'policy-fields',
    description: 'Every room-policy field and step of the scenario contract, once.',
    spec: ['draft-ietf-mimi-room-policy-03 §8.1', 'draft-ietf-mimi-protocol-06 §3.5'],
    providers: [
      { id: 'a.example', malicious: { capabilities: ['forgetProposals'], budget: 1 } },
      { id: 'b.example' },
      { id: 'c.example' },
    ],
    users: [
      { id: 'alice', provider: 'a.example' },
      { id: 'bob', provider: 'b.example', policyEngine: 'kick-unlists' },
      { id: 'cathy', provider: 'c.example', policyEngine: 'draft' },
      { id: 'dave', provider: 'b.example' },
      { id: 'erin', provider: 'c.example' },
    ],
    rooms: [
      {
        id: 'clubhouse',
        kind: 'named',
        hub: 'a.example',
        policy: 'cooperative',
        creator: 'alice',
        participants: [
          { user: 'alice', role: 'super_admin' },
          { user: 'bob', role: 'group_admin' },
          { user: 'cathy', role: 'ordinary_user' },
          { user: 'dave', role: 'ordinary_user' },
        ],
        preauth: [
          { user: 'erin', provider: 'c.example', kind: 'user', role: 'ordinary_user' },
          { provider: 'b.example', role: 'ordinary_user' },
          { role: 'banned' },
        ],
        base: { fixedMembership: false, multiDevice: true, maxUsers: 10, maxClients: null },
        joinCodes: [
          { code: 'open-sesame', role: 'ordinary_user' },
          { code: 'staff-only', role: 'group_admin' },
        ],
      },
      {
        id: 'stage',
        kind: 'named',
        hub: 'b.example',
        policy: 'moderated',
        creator: 'bob',
        participants: [
          { user: 'bob', role: 'moderator' },
          { user: 'cathy', role: 'attendee' },
        ],
      },
    ],
    network: { ordering: 'per-link' },
    steps: [
      { actor: 'alice', do: 'send', room: 'clubhouse', text: 'hello' },
      { actor: 'bob', do: 'changeRole', room: 'clubhouse', target: 'cathy', role: 'group_admin' },
      { actor: 'cathy', do: 'changeRole', room: 'clubhouse', target: 'cathy', role: 'ordinary_user' },
      {
        actor: 'alice',
        do: 'edit',
        room: 'clubhouse',
        edits: [
          { component: 'roles', grant: [{ role: 'no_role', capability: 'canOpenJoin', to: ['ordinary_user'] }, { role: 'ordinary_user', capability: 'canKick' }] },
        ],
      },
      {
        actor: 'alice',
        do: 'edit',
        room: 'clubhouse',
        edits: [
          { component: 'metadata', name: 'Clubhouse', description: 'members only', avatar: '', subject: 'launch', mood: 'busy' },
          { component: 'base', maxUsers: 12, maxClients: 20, multiDevice: true, fixedMembership: false },
          { component: 'preauth', entries: [{ user: 'erin', role: 'ordinary_user' }] },
          { component: 'participants', add: [{ user: 'erin', role: 'ordinary_user' }], change: [{ user: 'dave', role: 'group_admin' }], remove: [] },
        ],
      },
      { actor: 'alice', do: 'edit', room: 'clubhouse', edits: [{ component: 'roles', template: 'cooperative' }] },
      { actor: 'bob', do: 'kick', room: 'clubhouse', target: 'dave' },
      { actor: 'bob', do: 'ban', room: 'clubhouse', target: 'cathy' },
      { actor: 'a.example', do: 'hubPropose', room: 'clubhouse', edits: [{ component: 'metadata', subject: 'hub notice' }] },
      { actor: 'a.example', do: 'hubPropose', room: 'clubhouse', kick: ['bob'] },
      { actor: 'alice', do: 'commit', room: 'clubhouse' },
      { actor: 'bob', do: 'edit', room: 'stage', edits: [{ component: 'participants', change: [{ user: 'cathy', role: 'speaker' }] }] },
      { actor: 'cathy', do: 'leave', room: 'stage' },
      { actor: 'bob', do: 'commit', room: 'stage' },
    ],
    expect: { policyAgreement: 'holds' },
  }
}
