/**
 * Property search over generated runs (design.md: fast-check supplies the steps and the choice
 * list, and shrinks a counterexample to the shortest run that still violates the property).
 *
 * fast-check's shrinking only simplifies the run it happened to find, so once a violation of length
 * L is known the search is repeated among runs of at most L−1 steps, with the same budget, until
 * none violates: the reported run is the shortest the budget can find. The stages of that chain,
 * and why they split over shards with the same outcome, are in stages.ts; `decide` walks the chain
 * with whatever answers "the first violating run of this stage" — this thread (`check`) or the
 * shards' results (shard.ts).
 *
 * Runs go through `SymbolicMls` for speed; the shrunk counterexample is then replayed, with exactly
 * the choices it took, through `RealMls`, and reported as confirmed (real MLS shows the same
 * violation), refuted, or — when the real replay itself fails — unconfirmed with the reason.
 */
import type { CoverageReport } from '../explore/index.js'
import { runScenario } from '../runner.js'
import type { Scenario } from '../scenario/types.js'
import type { Trace } from '../trace/events.js'
import type { GeneratedRun } from './arbitraries.js'
import { RunCoverage } from './coverage.js'
import type { CheckOptions, CheckResult } from './options.js'
import { firstStage, Runs, type Scan, scan, shorterStage, shrinkAt, type Stage } from './stages.js'

export type { CheckOptions, CheckResult, Counterexample } from './options.js'

export function scenarioOf(world: Scenario, run: GeneratedRun, name: string): Scenario {
  return { ...world, name, steps: run.steps, expect: {} }
}

/** Answers "the first violating run of this stage": by scanning here, or from shards' results. */
export type Oracle = (stage: Stage) => Promise<Scan>

export interface Decided {
  /** When the search began (performance.now()). */
  readonly started: number
  readonly shards: number
  /** Runs executed elsewhere (by shards) for this search. */
  readonly remoteRuns: () => number
  readonly coverage: () => CoverageReport | null
}

/** Walk the chain of stages with `oracle`, shrinking here; then confirm with RealMls. */
export async function decide(runs: Runs, oracle: Oracle, how: Decided): Promise<CheckResult> {
  const opts = runs.opts
  const done = (violation: CheckResult['violation']): CheckResult => ({
    property: opts.property.id,
    design: opts.design,
    seed: opts.seed,
    runs: runs.executed + how.remoteRuns(),
    seconds: (performance.now() - how.started) / 1000,
    violation,
    coverage: how.coverage(),
    shards: how.shards,
  })
  const stage0 = firstStage(opts)
  const s0 = await oracle(stage0)
  if (s0.first === null) return done(null)
  let found = await shrinkAt(runs, stage0, s0.first)
  let shrinks = found.shrinks
  // Shrinking only simplifies the run it found; it never tries a different, shorter story.
  for (let len = found.run.steps.length - 1; len >= 1; len = found.run.steps.length - 1) {
    const stage = shorterStage(opts, len)
    const s = await oracle(stage)
    if (s.first === null) break
    found = await shrinkAt(runs, stage, s.first)
    shrinks += found.shrinks
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
  return done({ steps: found.run.steps, choices, length: found.run.steps.length, foundAfterRuns: s0.first + 1, shrinks, secondsToFirst: s0.seconds, trace, confirmed, realTrace, confirmNote })
}

/** The search in this thread. */
export async function check(opts: CheckOptions): Promise<CheckResult> {
  const started = performance.now()
  const coverage = opts.coverage === false ? null : await RunCoverage.create(opts.world, opts.design, opts.property)
  const runs = new Runs(opts, coverage)
  return decide(runs, (stage) => scan(runs, stage), { started, shards: 1, remoteRuns: () => 0, coverage: () => coverage?.report() ?? null })
}
