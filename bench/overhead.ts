/**
 * (a) Simulator overhead over the bare MLS calls a run makes (design.md "Performance": ≤ 1.2×).
 *
 * Measures one scenario run with `engine: 'real'` (RealMls on ts-mls) three ways, interleaved in
 * every repetition so machine noise hits all three:
 * - sim:     runScenario with a recording proxy around RealMls (bench/recordingEngine.ts), which also
 *            yields the time spent inside engine calls and the exact call sequence;
 * - plain:   runScenario with a plain RealMls (no proxy), to show the proxy costs nothing noticeable;
 * - bare:    the recorded call sequence replayed directly on a fresh RealMls with the same seed.
 * Baseline: "bare" — the same MLS work, in the same order, with no simulator around it. The ratio
 * plain/bare is the simulator's overhead; everything the simulator does besides MLS (XState
 * transitions, the network, the trace, property checks) is in the numerator only.
 */
import { readFileSync } from 'node:fs'
import type { Design } from '../model/design.js'
import { createRealMls } from '../model/mls/index.js'
import { PROPERTIES } from '../properties/index.js'
import { runScenario } from '../sim/runner.js'
import type { Scenario } from '../sim/scenario/types.js'
import { fingerprint, plan, type PlannedCall, recordingEngine, replay } from './recordingEngine.js'
import { interleave, med } from './stats.js'

export interface OverheadFigures {
  readonly scenario: string
  readonly design: Design
  readonly seed: number
  readonly reps: number
  /** Engine calls one run makes, and how many of them are asynchronous MLS operations. */
  readonly engineCalls: number
  readonly mlsOps: number
  readonly replayMatches: boolean
  /** Medians over the repetitions, milliseconds. */
  readonly simMs: number
  readonly plainSimMs: number
  readonly engineInSimMs: number
  readonly bareMs: number
  /** plainSimMs / bareMs: the simulator's overhead (goal ≤ 1.2). */
  readonly ratio: number
  /** simMs / bareMs, with the recording proxy in place. */
  readonly ratioProxied: number
  /** engineInSimMs / bareMs: whether engine calls themselves run slower inside the simulator. */
  readonly engineInSimRatio: number
}

export function loadScenario(file: string): Scenario {
  return JSON.parse(readFileSync(new URL(`../scenarios/${file}`, import.meta.url), 'utf8')) as Scenario
}

const SYNC_METHODS = new Set(['view', 'pendingCount', 'groupInfoEpoch'])

export async function measureOverhead(file: string, design: Design, reps: number, warmup: number, seed = 0): Promise<OverheadFigures> {
  const scenario = loadScenario(file)
  const engineSeed = `mimi-sim/${seed}` // what runScenario itself would use for this seed
  let planned: PlannedCall[] = []
  let calls = 0
  let ops = 0
  let matches: boolean | null = null

  const figures = await interleave(
    {
      sim: async () => {
        const rec = recordingEngine(createRealMls(engineSeed))
        const t0 = performance.now()
        const r = await runScenario(scenario, { design, engine: 'real', seed, properties: PROPERTIES, mls: rec.engine })
        const ms = performance.now() - t0
        if (!r.expectationsMet) throw new Error(`${file} under ${JSON.stringify(design)}: expectations not met`)
        planned = plan(rec.calls)
        calls = rec.calls.length
        ops = rec.calls.filter((c) => !SYNC_METHODS.has(c.method)).length
        if (matches === null) {
          // Check once, untimed, that the bare replay is the same MLS work (equal results, call by call).
          const again = await replay(planned, createRealMls(engineSeed))
          matches = rec.calls.every((c, i) => fingerprint(c.result) === fingerprint(again.results[i]))
          if (!matches) throw new Error(`${file}: the bare replay diverged from the recorded run (nondeterministic engine?)`)
        }
        return { ms, engineMs: rec.engineMs() }
      },
      plain: async () => {
        const t0 = performance.now()
        await runScenario(scenario, { design, engine: 'real', seed, properties: PROPERTIES })
        return { ms: performance.now() - t0, engineMs: NaN }
      },
      bare: async () => ({ ms: (await replay(planned, createRealMls(engineSeed))).ms, engineMs: NaN }),
    },
    reps,
    warmup,
  )
  const simMs = med(figures.sim, (f) => f.ms)
  const plainSimMs = med(figures.plain, (f) => f.ms)
  const engineInSimMs = med(figures.sim, (f) => f.engineMs)
  const bareMs = med(figures.bare, (f) => f.ms)
  return {
    scenario: scenario.name,
    design,
    seed,
    reps,
    engineCalls: calls,
    mlsOps: ops,
    replayMatches: matches === true,
    simMs,
    plainSimMs,
    engineInSimMs,
    bareMs,
    ratio: plainSimMs / bareMs,
    ratioProxied: simMs / bareMs,
    engineInSimRatio: engineInSimMs / bareMs,
  }
}
