/**
 * Property search over generated runs (design.md: fast-check supplies the steps and the choice
 * list, and shrinks a counterexample to the shortest run that still violates the property).
 *
 * Runs go through `SymbolicMls` for speed; the shrunk counterexample is then replayed, with exactly
 * the choices it took, through `RealMls`, and reported as confirmed (real MLS shows the same
 * violation), refuted, or — when the real replay itself fails — unconfirmed with the reason.
 */
import fc from 'fast-check'
import type { Design } from '../../model/design.js'
import type { Property } from '../../properties/types.js'
import { runScenario } from '../runner.js'
import type { Scenario, StepAction } from '../scenario/types.js'
import type { Trace } from '../trace/events.js'
import { type GeneratedRun, runArbitrary } from './arbitraries.js'

export interface CheckOptions {
  readonly world: Scenario
  readonly design: Design
  readonly property: Property
  readonly runs: number
  readonly seed: number
  readonly maxSteps: number
  /** Replay a symbolic counterexample with RealMls (default true). */
  readonly confirm?: boolean
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
  readonly design: Design
  readonly seed: number
  readonly runs: number
  readonly seconds: number
  readonly violation: Counterexample | null
}

export function scenarioOf(world: Scenario, run: GeneratedRun, name: string): Scenario {
  return { ...world, name, steps: run.steps, expect: {} }
}

export async function check(opts: CheckOptions): Promise<CheckResult> {
  const started = performance.now()
  let runs = 0
  let firstAt: number | null = null
  let firstRuns = 0
  const name = `check-${opts.property.id}`
  const prop = fc.asyncProperty(runArbitrary(opts.world, opts.maxSteps), async (run) => {
    runs += 1
    if (runs % 50 === 0) opts.onProgress?.(runs)
    const r = await runScenario(scenarioOf(opts.world, run, name), { design: opts.design, engine: 'symbolic', choices: run.choices, properties: [opts.property] })
    const ok = r.trace.verdicts[0]!.status === 'holds'
    if (!ok && firstAt === null) {
      firstAt = performance.now()
      firstRuns = runs
    }
    return ok
  })
  const details = await fc.check(prop, { numRuns: opts.runs, seed: opts.seed })
  const seconds = (performance.now() - started) / 1000
  const base = { property: opts.property.id, design: opts.design, seed: opts.seed, seconds }
  if (!details.failed) return { ...base, runs: details.numRuns, violation: null }
  if (details.errorInstance && !details.counterexample) throw details.errorInstance
  const shrunk = details.counterexample![0] as GeneratedRun
  const first = await runScenario(scenarioOf(opts.world, shrunk, name), { design: opts.design, engine: 'symbolic', choices: shrunk.choices, properties: [opts.property] })
  const witness = first.trace.verdicts[0]!
  if (witness.status !== 'violated') {
    const cause = details.errorInstance ? `: ${String(details.errorInstance)}` : ''
    throw new Error(`the shrunk counterexample does not replay (a nondeterminism bug)${cause}`)
  }
  // Steps after the one that produced the witness cannot matter (a run's prefix is a run), and
  // fast-check's array shrinker does not always drop a trailing element, so cut them here.
  const lastStep = Math.max(0, first.trace.events[witness.at!]!.step)
  const cut: GeneratedRun = { steps: shrunk.steps.slice(0, lastStep + 1), choices: shrunk.choices }
  const scenario = scenarioOf(opts.world, cut, name)
  const replay = await runScenario(scenario, { design: opts.design, engine: 'symbolic', choices: cut.choices, properties: [opts.property] })
  if (replay.trace.verdicts[0]!.status !== 'violated') throw new Error('the cut counterexample does not replay (a nondeterminism bug)')
  const choices = replay.trace.meta.choices
  let confirmed: boolean | null = null
  let realTrace: Trace | null = null
  let confirmNote = 'not replayed with RealMls (--no-confirm)'
  if (opts.confirm !== false) {
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
    runs: details.numRuns,
    violation: {
      steps: cut.steps,
      choices,
      length: cut.steps.length,
      foundAfterRuns: firstRuns,
      shrinks: details.numShrinks,
      secondsToFirst: ((firstAt ?? performance.now()) - started) / 1000,
      trace: replay.trace,
      confirmed,
      realTrace,
      confirmNote,
    },
  }
}
