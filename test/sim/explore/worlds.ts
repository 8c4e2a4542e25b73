/** Small worlds whose exhaustive state counts the explore tests pin. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { noEavesdropper, policyAgreement, rosterMatchesMembership } from '../../../properties/index.js'
import type { Property } from '../../../properties/types.js'
import type { SearchSpec } from '../../../sim/explore/index.js'
import { SMALL_WORLD } from '../../../sim/check/world.js'
import type { Scenario } from '../../../sim/scenario/types.js'
import { ROOT } from '../../helpers.js'

export const scenarioFile = (name: string): Scenario => JSON.parse(readFileSync(join(ROOT, 'scenarios', `${name}.json`), 'utf8')) as Scenario

/** S2's world without its script: the explorer picks the steps (the peer benchmark's world). */
export const S2_WORLD: Scenario = { ...scenarioFile('hub-injects-eavesdropper'), name: 's2-world', steps: [] }

/** Two interchangeable followers, each with one ordinary participant: bob on b.example, cathy on c.example. */
export const TWIN_FOLLOWERS: Scenario = {
  ...SMALL_WORLD,
  name: 'twin-followers',
  description: 'Hub a.example (alice, malicious eve); followers b.example (bob) and c.example (cathy), both ordinary participants.',
  spec: [],
  providers: [{ id: 'a.example', malicious: { capabilities: ['injectAdd', 'admitJoin'], budget: 1 } }, { id: 'b.example' }, { id: 'c.example' }],
  rooms: [{ ...SMALL_WORLD.rooms[0]!, participants: [...SMALL_WORLD.rooms[0]!.participants, { user: 'cathy', role: 'ordinary_user' }] }],
}

/**
 * The properties the pinned state counts were first taken over, when only these three had an exact
 * monitor (sim/explore/monitors/). Every property has one now, and the five added since split no
 * state in these worlds (monitors.test.ts pins that), so the counts stand for all eight.
 */
export const EXACT_PROPERTIES: readonly Property[] = [noEavesdropper, policyAgreement, rosterMatchesMembership]

/** The search spec the shard and --admin tests split: a free world, 2 steps, depth 60, `all`, no budgets. */
export const searchSpec = (scenario: string, over: Partial<SearchSpec>): SearchSpec => ({
  scenario,
  design: {},
  properties: [],
  depth: 60,
  maxStates: null,
  seconds: null,
  all: true,
  free: true,
  maxSteps: 2,
  symmetry: false,
  admin: false,
  ...over,
})
