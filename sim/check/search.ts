/**
 * Property search over generated runs (design.md: fast-check supplies the steps and the choice
 * list, and shrinks a counterexample to the shortest run that still violates the property).
 *
 * fast-check's shrinking only simplifies the run it happened to find, so once a violation of length
 * L is known the search is repeated among runs of at most L−1 steps, with the same budget, until
 * none violates: the reported run is the shortest the budget can find.
 *
 * Runs go through `SymbolicMls` for speed; the shrunk counterexample is then replayed, with exactly
 * the choices it took, through `RealMls`, and reported as confirmed (real MLS shows the same
 * violation), refuted, or — when the real replay itself fails — unconfirmed with the reason.
 */
import fc from 'fast-check'
import type { Design, DesignInput } from '../../model/design.js'
import type { EngineName } from '../../model/mls/types.js'
import type { Property } from '../../properties/types.js'
import { runScenario } from '../runner.js'
import type { Scenario, StepAction } from '../scenario/types.js'
import type { Trace } from '../trace/events.js'
import { allRuns, alphabetSize, type GeneratedRun, runArbitrary } from './arbitraries.js'

export interface CheckOptions {
  readonly world: Scenario
  readonly design: DesignInput
  readonly property: Property
  readonly runs: number
  readonly seed: number
  readonly maxSteps: number
  /** Replay a symbolic counterexample with RealMls (default true). */
  readonly confirm?: boolean
  /** The engine generated runs go through (default symbolic; real is exact but far slower). */
  readonly engine?: EngineName
  readonly onProgress?: (runsDone: number) => void
}

export interface Counterexample {
  readonly steps: readonly StepAction[]
  readonly choices: readonly number[]
  /** Number of steps of the shrunk run. */
  readonly length: number
  /** Runs tried before the first violation, and shrink steps taken after it. */
  readonly foundAfterRuns: number
  readonly shrinks: number
  readonly secondsToFirst: number
  readonly trace: Trace
  readonly confirmed: boolean | null
  readonly realTrace: Trace | null
  readonly confirmNote: string
}

export interface CheckResult {
  readonly property: string
  readonly design: DesignInput
  readonly seed: number
  readonly runs: number
  readonly seconds: number
  readonly violation: Counterexample | null
}

export function scenarioOf(world: Scenario, run: GeneratedRun, name: string): Scenario {
  return { ...world, name, steps: run.steps, expect: {} }
}

const nameOf = (opts: CheckOptions): string => `check-${opts.property.id}`

/** One generated run through the search engine, judged on the one property searched. */
function runGenerated(opts: CheckOptions, run: GeneratedRun) {
  return runScenario(scenarioOf(opts.world, run, nameOf(opts)), { design: opts.design, engine: opts.engine ?? 'symbolic', choices: run.choices, properties: [opts.property] })
}

interface Found {
  readonly run: GeneratedRun
  readonly scenario: Scenario
  readonly trace: Trace
  readonly shrinks: number
}

/**
 * One fast-check search with runs of at most `maxSteps` steps; the shrunk counterexample is cut
 * after the step that produced its witness (a run's prefix is a run, and fast-check's array
 * shrinker does not always drop a trailing element).
 */
async function searchOnce(opts: CheckOptions, maxSteps: number, seed: number, count: { runs: number; first: number | null; firstRuns: number }): Promise<Found | null> {
  const runOne = (run: GeneratedRun) => runGenerated(opts, run)
  const prop = fc.asyncProperty(runArbitrary(opts.world, maxSteps), async (run) => {
    count.runs += 1
    if (count.runs % 50 === 0) opts.onProgress?.(count.runs)
    const ok = (await runOne(run)).trace.verdicts[0]!.status === 'holds'
    if (!ok && count.first === null) {
      count.first = performance.now()
      count.firstRuns = count.runs
    }
    return ok
  })
  const details = await fc.check(prop, { numRuns: opts.runs, seed })
  if (!details.failed) return null
  if (!details.counterexample) throw details.errorInstance ?? new Error('fast-check failed without a counterexample')
  const shrunk = details.counterexample[0] as GeneratedRun
  const first = await runOne(shrunk)
  const witness = first.trace.verdicts[0]!
  if (witness.status !== 'violated') {
    throw new Error(`the shrunk counterexample does not replay (a nondeterminism bug)${details.errorInstance ? `: ${String(details.errorInstance)}` : ''}`)
  }
  const lastStep = Math.max(0, first.trace.events[witness.at!]!.step)
  const cut: GeneratedRun = { steps: shrunk.steps.slice(0, lastStep + 1), choices: shrunk.choices }
  const replay = await runOne(cut)
  if (replay.trace.verdicts[0]!.status !== 'violated') throw new Error('the cut counterexample does not replay (a nondeterminism bug)')
  return { run: cut, scenario: scenarioOf(opts.world, cut, nameOf(opts)), trace: replay.trace, shrinks: details.numShrinks }
}

/** Up to this many step sequences of one length are tried one by one instead of sampled. */
export const EXHAUSTIVE_LIMIT = 2_000

async function enumerate(opts: CheckOptions, length: number, count: { runs: number }): Promise<Found | null> {
  for (const steps of allRuns(opts.world, length)) {
    count.runs += 1
    const run = { steps, choices: [] }
    const r = await runGenerated(opts, run)
    if (r.trace.verdicts[0]!.status === 'violated') return { run, scenario: scenarioOf(opts.world, run, nameOf(opts)), trace: r.trace, shrinks: 0 }
  }
  return null
}

export async function check(opts: CheckOptions): Promise<CheckResult> {
  const started = performance.now()
  const count = { runs: 0, first: null as number | null, firstRuns: 0 }
  let found = await searchOnce(opts, opts.maxSteps, opts.seed, count)
  const base = { property: opts.property.id, design: opts.design, seed: opts.seed }
  if (!found) return { ...base, runs: count.runs, seconds: (performance.now() - started) / 1000, violation: null }
  // Shrinking only simplifies the run it found; it never tries a different, shorter story. So
  // search again among strictly shorter runs until none violates: exhaustively over step sequences
  // (in-order delivery) while there are few enough, else randomly with the same budget.
  let shrinks = found.shrinks
  for (let len = found.run.steps.length - 1; len >= 1; len = found.run.steps.length - 1) {
    const shorter = alphabetSize(opts.world) ** len <= EXHAUSTIVE_LIMIT ? await enumerate(opts, len, count) : await searchOnce(opts, len, opts.seed + len, count)
    if (!shorter) break
    found = shorter
    shrinks += shorter.shrinks
  }
  const { scenario, trace } = found
  const choices = trace.meta.choices
  let confirmed: boolean | null = null
  let realTrace: Trace | null = null
  let confirmNote = opts.engine === 'real' ? 'found with RealMls itself: nothing to confirm' : 'not replayed with RealMls (--no-confirm)'
  if (opts.engine === 'real') confirmed = true
  else if (opts.confirm !== false) {
    try {
      const real = await runScenario(scenario, { design: opts.design, engine: 'real', choices, properties: [opts.property] })
      realTrace = real.trace
      confirmed = real.trace.verdicts[0]!.status === 'violated'
      confirmNote = confirmed ? 'RealMls (ts-mls) shows the same violation' : 'RealMls (ts-mls) does not show it: the symbolic model is wrong here'
    } catch (err) {
      confirmNote = `RealMls replay failed: ${(err as Error).message}`
    }
  }
  return {
    ...base,
    runs: count.runs,
    seconds: (performance.now() - started) / 1000,
    violation: {
      steps: found.run.steps,
      choices,
      length: found.run.steps.length,
      foundAfterRuns: count.firstRuns,
      shrinks,
      secondsToFirst: ((count.first ?? performance.now()) - started) / 1000,
      trace,
      confirmed,
      realTrace,
      confirmNote,
    },
  }
}
