/**
 * The small world the property search explores by default (issue: 2–3 providers, 3–4 users, one
 * room): hub a.example, which may be malicious, with alice and its colluding user eve; follower
 * b.example with bob; follower c.example with cathy. The room starts with alice (group_admin) and
 * bob (ordinary_user), as in digest S1/S2. Any scenario's world can replace it (`check --world`).
 */
import type { Scenario } from '../scenario/types.js'

export const SMALL_WORLD: Scenario = {
  name: 'small-world',
  description: 'Hub a.example (malicious within a budget of 2 moves) with alice and colluding eve; followers b.example (bob) and c.example (cathy).',
  spec: ['draft-ietf-mimi-protocol-06 §3', 'draft-ietf-mimi-protocol-06 §5'],
  providers: [
    { id: 'a.example', malicious: { capabilities: ['admitJoin', 'forgeAcl', 'injectAdd'], budget: 2 } },
    { id: 'b.example' },
    { id: 'c.example' },
  ],
  users: [
    { id: 'alice', provider: 'a.example' },
    { id: 'bob', provider: 'b.example' },
    { id: 'cathy', provider: 'c.example' },
    { id: 'eve', provider: 'a.example', malicious: true },
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
  steps: [],
  expect: {},
}
