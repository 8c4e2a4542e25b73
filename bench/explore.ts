/**
 * `npm run bench:explore`: the explorer's BFS throughput on S2's world, reported as Stateright does
 * (total, unique, depth, seconds), next to two baselines measured in the same run: random small-world
 * runs stepped by XState's transition() through `runScenario`, and the same search with its memo of
 * local reactions turned off (sim/explore/memo.ts; the two alternate, so load on a shared machine
 * falls on both). Two property sets: noEavesdropper alone (what bench:peers compares with SPIN and
 * Quint), and every property (each has an exact monitor, sim/explore/monitors/). No test depends on it.
 */
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { noEavesdropper, PROPERTIES } from '../properties/index.js'
import type { Property } from '../properties/types.js'
import { runArbitrary, scenarioOf, SMALL_WORLD } from '../sim/check/index.js'
import { buildModel, explore } from '../sim/explore/index.js'
import { runScenario } from '../sim/runner.js'
import type { Scenario } from '../sim/scenario/types.js'

const ROUNDS = 3

async function throughput(world: Scenario, properties: readonly Property[], label: string): Promise<void> {
  const model = await buildModel(world, { design: { policy: 'mls' }, properties, maxSteps: 4 })
  const secs = { memo: [] as number[], fresh: [] as number[] }
  let last = explore(model, { depth: 400, seconds: 60, all: true })
  for (let k = 0; k < ROUNDS; k++) {
    const fresh = explore(model, { depth: 400, seconds: 60, all: true, memo: false })
    last = explore(model, { depth: 400, seconds: 60, all: true })
    secs.fresh.push(fresh.seconds)
    secs.memo.push(last.seconds)
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  const r = last
  console.log(`explore S2 world, policy=mls, ≤ 4 steps, ${label}: total=${r.generated}, unique=${r.unique}, depth=${r.depth}, sec=${median(secs.memo).toFixed(2)} (${Math.round(r.unique / median(secs.memo))} unique/s, ${Math.round(r.generated / median(secs.memo))} transitions/s, ${r.stopped}; median of ${ROUNDS} after one warm-up)`)
  console.log(`  memo of local reactions: ${r.reactions?.computed} computed, ${r.reactions?.replayed} replayed; without it ${median(secs.fresh).toFixed(2)} s: ${(median(secs.fresh) / median(secs.memo)).toFixed(2)}× faster with it`)
}

async function main(): Promise<void> {
  const runs = fc.sample(runArbitrary(SMALL_WORLD, 6), { numRuns: 150, seed: 3 })
  let transitions = 0
  const t0 = performance.now()
  for (const [i, run] of runs.entries()) transitions += (await runScenario(scenarioOf(SMALL_WORLD, run, `b${i}`), { design: { policy: 'mls' }, engine: 'symbolic', choices: run.choices, properties: PROPERTIES })).transitions
  const xstateSeconds = (performance.now() - t0) / 1000
  console.log(`runScenario (XState transition()): ${transitions} machine transitions in ${xstateSeconds.toFixed(2)} s = ${Math.round(transitions / xstateSeconds)}/s`)
  const world = JSON.parse(readFileSync(new URL('./peers/s2-world.json', import.meta.url), 'utf8')) as Scenario
  await throughput(world, [noEavesdropper], 'noEavesdropper')
  await throughput(world, PROPERTIES, `all ${PROPERTIES.length} properties`)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err))
  process.exitCode = 1
})
