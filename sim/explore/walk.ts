/**
 * One run as a path through the explore model: the loop of sim/runner.ts `runScenario` — each step
 * (skipped when its actor is busy), then the network settled by the choice list, then the timers of
 * waiting clients until all is quiet — taken move by move with the explorer's stepper. Choices are
 * read as the runner's replay chooser reads them: one per network decision with more than one
 * option, modulo the number of options, 0 past the end of the list.
 *
 * At the end, `eventually` properties are judged on the whole run, as `run` judges them.
 *
 * `check` walks every run it generates this way to measure its coverage in the explorer's terms
 * (distinct states, transitions, machine transitions fired); test/sim/explore/walk.test.ts holds
 * the walk to `run` on every step kind (same verdicts, same trace event types per actor kind).
 */
import type { Coverage } from './coverage.js'
import { anyWaiting, applyCode, endViolations, stepCode, TIMERS } from './exec.js'
import type { ExploreModel, GState } from './model.js'

/** A settle that takes this many deliveries is a model bug (runner.ts stops at the same bound). */
const MAX_DELIVERIES_PER_STEP = 2_000

export interface Walked {
  readonly state: GState
  /** The move codes taken (exec.ts), one per transition. */
  readonly codes: readonly number[]
  /** Each property violated on the way (by id), at the transition (1-based) that violated it. */
  readonly violated: ReadonlyMap<string, number>
}

export type WalkObserver = (from: GState, code: number, to: GState) => void

/** Walk steps (move indices of `model.moves`) with the run's choice list. */
export function walk(model: ExploreModel, moves: readonly number[], choices: readonly number[], cov: Coverage | null = null, observe?: WalkObserver): Walked {
  let s = model.initial
  let k = 0
  const codes: number[] = []
  const violated = new Map<string, number>()
  const take = (code: number) => {
    const r = applyCode(model, s, code, cov)
    observe?.(s, code, r.state)
    codes.push(code)
    for (const v of r.violations ?? []) {
      const id = model.properties[v.property]!.id
      if (!violated.has(id)) violated.set(id, codes.length)
    }
    s = r.state
  }
  const settle = () => {
    for (let n = 0; s.net.pending.length > 0; n++) {
      if (n >= MAX_DELIVERIES_PER_STEP) throw new Error(`walk: the network did not settle after ${MAX_DELIVERIES_PER_STEP} deliveries (model bug: message loop)`)
      const count = model.net.options(s.net).length
      let pick = 0
      if (count > 1) {
        const want = k < choices.length ? choices[k]! : 0
        k += 1
        pick = ((want % count) + count) % count
      }
      take(pick)
    }
  }
  const quiet = () => {
    settle()
    while (anyWaiting(model, s)) {
      take(TIMERS)
      settle()
    }
  }
  for (const m of moves) {
    take(stepCode(m))
    quiet()
  }
  // The run ends here: `eventually` properties are judged on it as a whole.
  for (const v of endViolations(model, s) ?? []) {
    const id = model.properties[v.property]!.id
    if (!violated.has(id)) violated.set(id, codes.length)
  }
  return { state: s, codes, violated }
}
