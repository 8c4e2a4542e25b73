/**
 * The packed frontier (sim/explore/packed.ts) against the object frontier (frontier.ts): states held
 * as integer vectors and transitions replayed by id must give the very search the model's objects
 * give — the same states, fingerprints, shortest counterexamples and coverage — on ordered and
 * unordered networks, with loss, duplication and retries, scripted and free, and for the
 * `eventually` property judged where runs end.
 */
import { describe, expect, it } from 'vitest'
import { PROPERTIES } from '../../../properties/index.js'
import { buildModel, Coverage, explore, type ExploreResult } from '../../../sim/explore/index.js'
import type { Scenario } from '../../../sim/scenario/types.js'
import { S2_WORLD, scenarioFile } from './worlds.js'

const outcome = (r: ExploreResult) => ({ generated: r.generated, unique: r.unique, depth: r.depth, stopped: r.stopped, found: r.found, fingerprints: Array.from(r.fingerprints ?? []) })

/** S2's world on a network that may lose and duplicate one message, in any order: clients time out and resend. */
const FAULTY: Scenario = { ...S2_WORLD, name: 's2-faulty', network: { ordering: 'unordered', loss: true, duplication: true, maxFaults: 1 } }

async function both(world: Scenario, policy: 'service' | 'mls', maxSteps: number | null) {
  const m = await buildModel(world, { design: { policy }, properties: PROPERTIES, ...(maxSteps === null ? {} : { maxSteps }) })
  const run = (packed: boolean) => {
    const coverage = new Coverage()
    const r = explore(m, { depth: 200, all: true, fingerprints: true, coverage, packed })
    return { r: outcome(r), cov: coverage.report(m.actors.map((a) => a.machine), {}), fired: Object.fromEntries([...coverage.fired].sort()) }
  }
  return { packed: run(true), objects: run(false) }
}

describe('the packed frontier (sim/explore/packed.ts)', () => {
  for (const policy of ['service', 'mls'] as const) {
    it(`searches exactly as the object frontier: S2's world, 3 free steps, every property, policy=${policy}`, async () => {
      const { packed, objects } = await both(S2_WORLD, policy, 3)
      expect(packed).toEqual(objects)
      expect(packed.r.unique).toBeGreaterThan(1000)
    })
  }

  it('searches exactly as the object frontier where messages are lost, duplicated and resent (unordered network, 2 steps)', async () => {
    const { packed, objects } = await both(FAULTY, 'mls', 2)
    expect(packed).toEqual(objects)
    expect(packed.fired['client:busy:timeout#0']).toBeGreaterThan(0)
  })

  it('searches exactly as the object frontier on a scripted scenario, whose ends judge leaverEventuallyRemoved', async () => {
    const { packed, objects } = await both(scenarioFile('leave-vs-external-commit'), 'service', null)
    expect(packed).toEqual(objects)
    expect(packed.r.found.map((f) => f.property)).toContain('leaverEventuallyRemoved')
  })
})
