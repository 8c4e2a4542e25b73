/**
 * `npm run bench:explore`: the explorer's BFS throughput on S2's world, reported as Stateright does
 * (total, unique, depth, seconds), next to baselines measured in the same run: random small-world
 * runs stepped by XState's transition() through `runScenario`; the same search holding its states as
 * the model's objects instead of packed integer vectors (sim/explore/frontier.ts, packed.ts); and
 * with its memo of local reactions turned off as well (sim/explore/memo.ts). The three alternate, so
 * load on a shared machine falls on all of them. Two property sets: noEavesdropper alone (what bench:peers compares with SPIN and
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

const STEPS = 5

async function throughput(world: Scenario, properties: readonly Property[], label: string): Promise<void> {
  const model = await buildModel(world, { design: { policy: 'mls' }, properties, maxSteps: STEPS })
  const modes = { packed: {}, objects: { packed: false }, fresh: { memo: false } } as const
  const secs: Record<keyof typeof modes, number[]> = { packed: [], objects: [], fresh: [] }
  let last = explore(model, { depth: 400, seconds: 60, all: true })
  for (let k = 0; k < ROUNDS; k++) {
    for (const mode of ['fresh', 'objects', 'packed'] as const) {
      const r = explore(model, { depth: 400, seconds: 60, all: true, ...modes[mode] })
      if (r.unique !== last.unique) throw new Error(`${mode}: ${r.unique} unique states, the packed search found ${last.unique}`)
      secs[mode].push(r.seconds)
      if (mode === 'packed') last = r
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  const r = last
  const t = median(secs.packed)
  console.log(`explore S2 world, policy=mls, ≤ ${STEPS} steps, ${label}: total=${r.generated}, unique=${r.unique}, depth=${r.depth}, sec=${t.toFixed(2)} (${Math.round(r.unique / t)} unique/s, ${Math.round(r.generated / t)} transitions/s, ${r.stopped}; median of ${ROUNDS} after one warm-up)`)
  console.log(`  states as objects (packed: false): ${median(secs.objects).toFixed(2)} s, so packed is ${(median(secs.objects) / t).toFixed(2)}× faster`)
  console.log(`  memo of local reactions: ${r.reactions?.computed} computed, ${r.reactions?.replayed} replayed; without it (and unpacked) ${median(secs.fresh).toFixed(2)} s: ${(median(secs.fresh) / t).toFixed(2)}× slower`)
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
