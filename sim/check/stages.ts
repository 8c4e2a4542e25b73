/**
 * The units of a property search, cut so that the search splits over threads and machines with the
 * same outcome (design.md "Parallelism"). A search is a chain of stages: first the runs of at most
 * `maxSteps` steps fast-check draws from the seed; then, once a violation of length L is known, the
 * runs of at most L−1 steps (every step sequence when there are few enough, else fast-check's draw
 * from seed + L−1), and so on until a stage has no violation.
 *
 * A stage is a fixed, numbered list of runs: fast-check's k-th draw from its seed, or the k-th step
 * sequence in lexicographic order. `scan` finds the first violating run of a stage among the indices
 * of one slice (k mod n = i), so the first violation of the whole stage is the least of the slices'.
 * `shrinkAt` shrinks run k alone — fast-check replays it by its path and shrinks exactly as it would
 * have after finding it — so whoever holds the least index gets the single search's counterexample.
 */
import fc from 'fast-check'
import type { Trace } from '../trace/events.js'
import type { Scenario, StepAction } from '../scenario/types.js'
import { runScenario } from '../runner.js'
import { allRuns, alphabetSize, type GeneratedRun, runArbitrary } from './arbitraries.js'
import type { RunCoverage } from './coverage.js'
import type { CheckOptions } from './options.js'

/** Up to this many step sequences of one length are tried one by one instead of sampled. */
export const EXHAUSTIVE_LIMIT = 2_000

export interface Stage {
  /** The most steps a run of this stage takes. */
  readonly bound: number
  readonly kind: 'sample' | 'enumerate'
  /** fast-check's seed (sample stages). */
  readonly seed: number
}

export interface Slice {
  readonly index: number
  readonly count: number
}

export const WHOLE: Slice = { index: 0, count: 1 }

/** The outcome of scanning one slice of a stage. */
export interface Scan {
  /** The stage index of the first violating run in the slice, or null. */
  readonly first: number | null
  /** Runs executed. */
  readonly runs: number
  readonly seconds: number
}

export interface Found {
  readonly run: GeneratedRun
  readonly scenario: Scenario
  readonly trace: Trace
  readonly shrinks: number
}

export const stageKey = (s: Stage): string => `${s.kind}:${s.bound}:${s.seed}`

export function firstStage(opts: CheckOptions): Stage {
  return { bound: opts.maxSteps, kind: 'sample', seed: opts.seed }
}

/** The stage that looks for a run of at most `bound` steps, once one of bound + 1 is known. */
export function shorterStage(opts: CheckOptions, bound: number): Stage {
  return alphabetSize(opts.world) ** bound <= EXHAUSTIVE_LIMIT ? { bound, kind: 'enumerate', seed: 0 } : { bound, kind: 'sample', seed: opts.seed + bound }
}

/** What every run of a search goes through: the runner, coverage, and the count of runs. */
export class Runs {
  executed = 0

  constructor(
    readonly opts: CheckOptions,
    readonly coverage: RunCoverage | null,
  ) {}

  scenarioOf(run: GeneratedRun): Scenario {
    return { ...this.opts.world, name: `check-${this.opts.property.id}`, steps: run.steps, expect: {} }
  }

  /** One generated run, judged on the one property searched. */
  async run(run: GeneratedRun): Promise<Trace> {
    this.executed += 1
    this.coverage?.observe(run)
    const r = await runScenario(this.scenarioOf(run), { design: this.opts.design, engine: this.opts.engine ?? 'symbolic', choices: run.choices, properties: [this.opts.property] })
    return r.trace
  }

  async violates(run: GeneratedRun): Promise<boolean> {
    return (await this.run(run)).verdicts[0]!.status === 'violated'
  }
}

/** The first violating run of the stage within the slice (fast-check draws every run, executes the slice's). */
export async function scan(runs: Runs, stage: Stage, slice: Slice = WHOLE): Promise<Scan> {
  const started = performance.now()
  const before = runs.executed
  const mine = (k: number) => k % slice.count === slice.index
  let first: number | null = null
  if (stage.kind === 'enumerate') {
    let k = 0
    for (const steps of allRuns(runs.opts.world, stage.bound)) {
      if (mine(k) && (await runs.violates({ steps, choices: [] }))) {
        first = k
        break
      }
      k++
    }
  } else {
    let k = 0
    const prop = fc.asyncProperty(runArbitrary(runs.opts.world, stage.bound), async (run) => {
      const index = k++
      if (!mine(index)) return true
      if ((runs.executed - before) % 50 === 49) runs.opts.onProgress?.(runs.executed)
      if (!(await runs.violates(run))) return true
      first = index
      return false
    })
    await fc.check(prop, { numRuns: runs.opts.runs, seed: stage.seed, endOnFailure: true })
  }
  return { first, runs: runs.executed - before, seconds: (performance.now() - started) / 1000 }
}

/**
 * The counterexample run `k` of the stage becomes: fast-check's shrink of it (sample stages), cut
 * after the step that produced its witness (a run's prefix is a run, and fast-check's array
 * shrinker does not always drop a trailing element); a step sequence is kept as it is.
 */
export async function shrinkAt(runs: Runs, stage: Stage, k: number): Promise<Found> {
  if (stage.kind === 'enumerate') {
    let j = 0
    for (const steps of allRuns(runs.opts.world, stage.bound)) {
      if (j++ !== k) continue
      const run = { steps, choices: [] }
      return { run, scenario: runs.scenarioOf(run), trace: await runs.run(run), shrinks: 0 }
    }
    throw new Error(`stage ${stageKey(stage)} has no run ${k}`)
  }
  const prop = fc.asyncProperty(runArbitrary(runs.opts.world, stage.bound), async (run) => !(await runs.violates(run)))
  const details = await fc.check(prop, { numRuns: runs.opts.runs, seed: stage.seed, path: String(k) })
  if (!details.failed || !details.counterexample) throw details.errorInstance ?? new Error(`run ${k} of stage ${stageKey(stage)} does not violate when replayed (a nondeterminism bug)`)
  const shrunk = details.counterexample[0] as GeneratedRun
  const first = await runs.run(shrunk)
  const witness = first.verdicts[0]!
  if (witness.status !== 'violated') throw new Error(`the shrunk counterexample does not replay (a nondeterminism bug)${details.errorInstance ? `: ${String(details.errorInstance)}` : ''}`)
  const lastStep = Math.max(0, first.events[witness.at!]!.step)
  const cut: GeneratedRun = { steps: shrunk.steps.slice(0, lastStep + 1) as StepAction[], choices: shrunk.choices }
  const trace = await runs.run(cut)
  if (trace.verdicts[0]!.status !== 'violated') throw new Error('the cut counterexample does not replay (a nondeterminism bug)')
  return { run: cut, scenario: runs.scenarioOf(cut), trace, shrinks: details.numShrinks }
}
