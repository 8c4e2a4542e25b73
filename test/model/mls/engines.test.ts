/**
 * Differential test: SymbolicMls models RealMls's observable behaviour. The same generated runs, with
 * the same choices, produce the same trace under both engines — the same events in the same order,
 * the same epochs, members, verdicts — except for what only real crypto has (digests, wire sizes,
 * and the wording of MLS failures).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PROPERTIES } from '../../../properties/index.js'
import { runArbitrary, SMALL_WORLD } from '../../../sim/check/index.js'
import { runScenario } from '../../../sim/runner.js'
import type { TraceEvent } from '../../../sim/trace/events.js'
import { catalogue } from '../../helpers.js'

function observable(e: TraceEvent): unknown {
  const { digest: _d, bytes: _b, error: _e, explain, ...rest } = e as TraceEvent & { digest?: unknown; bytes?: unknown; error?: unknown }
  return e.type === 'mls.fail' ? rest : { ...rest, explain }
}

async function both(scenario: Parameters<typeof runScenario>[0], policy: 'service' | 'mls', choices: readonly number[]) {
  const opts = { design: { policy }, choices, properties: PROPERTIES } as const
  const sym = await runScenario(scenario, { ...opts, engine: 'symbolic' })
  const real = await runScenario(scenario, { ...opts, engine: 'real' })
  return { sym: sym.trace, real: real.trace }
}

describe('SymbolicMls agrees with RealMls on everything a run observes', () => {
  for (const s of catalogue()) {
    for (const policy of ['service', 'mls'] as const) {
      it(`${s.name} under policy=${policy}`, async () => {
        const { sym, real } = await both(s, policy, [])
        expect(sym.events.map(observable)).toEqual(real.events.map(observable))
        expect(sym.verdicts).toEqual(real.verdicts)
      })
    }
  }

  it('on generated runs over a network that reorders, drops and duplicates (old-epoch keys, duplicate adds)', async () => {
    const world = { ...SMALL_WORLD, network: { ordering: 'unordered' as const, loss: true, duplication: true, maxFaults: 3 } }
    const runs = fc.sample(runArbitrary(world, 8), { numRuns: 64, seed: 77 })
    for (const [k, run] of runs.entries()) {
      const policy = k % 2 === 0 ? 'service' : 'mls'
      const { sym, real } = await both({ ...world, steps: run.steps }, policy, run.choices)
      expect(sym.events.map(observable), `run ${k}: ${JSON.stringify(run.steps)}`).toEqual(real.events.map(observable))
    }
  })

  it('on generated runs of the small world, under both designs', async () => {
    const runs = fc.sample(runArbitrary(SMALL_WORLD, 6), { numRuns: 20, seed: 20261126 })
    for (const [k, run] of runs.entries()) {
      const policy = k % 2 === 0 ? 'service' : 'mls'
      const { sym, real } = await both({ ...SMALL_WORLD, steps: run.steps }, policy, run.choices)
      expect(sym.events.map(observable), `run ${k}: ${JSON.stringify(run.steps)}`).toEqual(real.events.map(observable))
    }
  })
})
