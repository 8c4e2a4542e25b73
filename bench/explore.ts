/**
 * `npm run bench:explore`: the explorer's BFS throughput on S2's world, reported as Stateright does
 * (total, unique, depth, seconds), next to the baseline of random small-world runs stepped by XState's
 * transition() through `runScenario`, measured in the same run. Two property sets: noEavesdropper
 * alone (what bench:peers compares with SPIN and Quint), and every property with an exact monitor
 * (a property judged by the history fallback keeps whole histories in the state, so it measures the
 * fallback, not the explorer; sim/explore/monitors/). No test depends on it.
 */
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { noEavesdropper, PROPERTIES } from '../properties/index.js'
import type { Property } from '../properties/types.js'
import { runArbitrary, scenarioOf, SMALL_WORLD } from '../sim/check/index.js'
import { buildModel, explore } from '../sim/explore/index.js'
import { monitorFor, monitorWorld } from '../sim/explore/monitors/index.js'
import { runScenario } from '../sim/runner.js'
import type { Scenario } from '../sim/scenario/types.js'

async function throughput(world: Scenario, properties: readonly Property[], label: string): Promise<void> {
  const model = await buildModel(world, { design: { policy: 'mls' }, properties, maxSteps: 4 })
  const r = explore(model, { depth: 400, seconds: 60, all: true })
  console.log(`explore S2 world, policy=mls, ≤ 4 steps, ${label}: total=${r.generated}, unique=${r.unique}, depth=${r.depth}, sec=${r.seconds.toFixed(2)} (${Math.round(r.unique / r.seconds)} unique/s, ${Math.round(r.generated / r.seconds)} transitions/s, ${r.stopped})`)
}

async function main(): Promise<void> {
  const runs = fc.sample(runArbitrary(SMALL_WORLD, 6), { numRuns: 150, seed: 3 })
  let transitions = 0
  const t0 = performance.now()
  for (const [i, run] of runs.entries()) transitions += (await runScenario(scenarioOf(SMALL_WORLD, run, `b${i}`), { design: { policy: 'mls' }, engine: 'symbolic', choices: run.choices, properties: PROPERTIES })).transitions
  const xstateSeconds = (performance.now() - t0) / 1000
  console.log(`runScenario (XState transition()): ${transitions} machine transitions in ${xstateSeconds.toFixed(2)} s = ${Math.round(transitions / xstateSeconds)}/s`)
  const world = JSON.parse(readFileSync(new URL('./peers/s2-world.json', import.meta.url), 'utf8')) as Scenario
  const exact = PROPERTIES.filter((p) => monitorFor(p, monitorWorld([])).mode === 'exact')
  await throughput(world, [noEavesdropper], 'noEavesdropper')
  await throughput(world, exact, `exact monitors (${exact.map((p) => p.id).join(', ')})`)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err))
  process.exitCode = 1
})
