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
 * plain/bare (paired per repetition, then the median; on CPU time and on wall time, see stats.ts) is
 * the simulator's overhead; everything the simulator does besides MLS (XState transitions, the
 * network, the trace, property checks, the garbage it leaves for the collector) is in the numerator. The share of a proxied run spent
 * outside engine calls is reported too: it comes from a single run, so machine noise cancels.
 */
import { fileURLToPath } from 'node:url'
import type { Design } from '../model/design.js'
import { createRealMls } from '../model/mls/index.js'
import { PROPERTIES, propertyIds } from '../properties/index.js'
import { runScenario } from '../sim/runner.js'
import { loadScenarioFile, type Scenario } from '../sim/scenario/index.js'
import { fingerprint, plan, type PlannedCall, recordingEngine, replay } from './recordingEngine.js'
import { type Both, interleave, median, medianSpan, pairedRatio, type Span, stopwatch } from './stats.js'

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
  readonly simMs: Both
  readonly proxiedSimMs: Both
  readonly engineInSimMs: Both
  readonly bareMs: Both
  /** Median over repetitions of plain sim / bare in the same repetition: the simulator's overhead (goal ≤ 1.2). */
  readonly ratio: Both
  /** Smallest and largest per-repetition CPU ratio (how noisy the machine was). */
  readonly cpuRatioRange: readonly [number, number]
  /** The same, paired per repetition, for the proxied run and for the time inside engine calls. */
  readonly ratioProxied: Both
  readonly engineInSimRatio: Both
  /** Median share of the proxied run spent outside engine calls (one run measures both parts). */
  readonly simulatorShare: Both
  /** Median of proxied run / its own time inside the engine: the overhead with noise cancelled. */
  readonly inRunRatio: Both
}

/** A scenario from scenarios/, loaded and validated as the CLI does. */
export async function loadScenario(file: string): Promise<Scenario> {
  const load = await loadScenarioFile(fileURLToPath(new URL(`../scenarios/${file}`, import.meta.url)), propertyIds())
  if (!load.ok) throw new Error(load.error)
  return load.scenario
}

interface Rep {
  readonly span: Span
  readonly engine: Span | null
}

const SYNC_METHODS = new Set(['view', 'pendingCount', 'groupInfoEpoch'])

export async function measureOverhead(file: string, design: Design, reps: number, warmup: number, seed = 0): Promise<OverheadFigures> {
  const scenario = await loadScenario(file)
  const engineSeed = `mimi-sim/${seed}` // what runScenario itself would use for this seed
  let planned: PlannedCall[] = []
  let calls = 0
  let ops = 0
  let matches: boolean | null = null

  const figures = await interleave(
    {
      sim: async (): Promise<Rep> => {
        const rec = recordingEngine(createRealMls(engineSeed))
        const sw = stopwatch()
        const r = await runScenario(scenario, { design, engine: 'real', seed, properties: PROPERTIES, mls: rec.engine })
        const span = sw()
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
        return { span, engine: rec.engineTime() }
      },
      plain: async (): Promise<Rep> => {
        const sw = stopwatch()
        await runScenario(scenario, { design, engine: 'real', seed, properties: PROPERTIES })
        return { span: sw(), engine: null }
      },
      bare: async (): Promise<Rep> => ({ span: (await replay(planned, createRealMls(engineSeed))).span, engine: null }),
    },
    reps,
    warmup,
  )
  const sim = figures.plain.map((f) => f.span)
  const proxied = figures.sim.map((f) => f.span)
  const inEngine = figures.sim.map((f) => f.engine!)
  const bare = figures.bare.map((f) => f.span)
  const cpuRatios = sim.map((x, i) => x.cpu / bare[i]!.cpu)
  return {
    scenario: scenario.name,
    design,
    seed,
    reps,
    engineCalls: calls,
    mlsOps: ops,
    replayMatches: matches === true,
    simMs: medianSpan(sim),
    proxiedSimMs: medianSpan(proxied),
    engineInSimMs: medianSpan(inEngine),
    bareMs: medianSpan(bare),
    ratio: pairedRatio(sim, bare),
    cpuRatioRange: [Math.min(...cpuRatios), Math.max(...cpuRatios)],
    ratioProxied: pairedRatio(proxied, bare),
    engineInSimRatio: pairedRatio(inEngine, bare),
    simulatorShare: {
      cpu: median(proxied.map((x, i) => 1 - inEngine[i]!.cpu / x.cpu)),
      wall: median(proxied.map((x, i) => 1 - inEngine[i]!.wall / x.wall)),
    },
    inRunRatio: pairedRatio(proxied, inEngine),
  }
}
