/**
 * A search path as a run `mimi-sim run` can replay: the steps it took and the choice list (the
 * runner asks the chooser only when there is more than one network option, so only those moves
 * are choices). The run is replayed with SymbolicMls — its trace must show the violation the
 * monitor saw, or the explorer and the runner disagree (a bug, reported as such) — and then with
 * RealMls, which confirms it or not (design.md "Real crypto, and fast search").
 */
import type { Property } from '../../properties/types.js'
import { runScenario } from '../runner.js'
import type { Scenario, StepAction } from '../scenario/types.js'
import type { Trace } from '../trace/events.js'
import { applyCode, moveOfCode } from './exec.js'
import type { ExploreModel } from './model.js'

export interface Replayable {
  readonly steps: readonly StepAction[]
  readonly choices: readonly number[]
}

export function replayableOf(model: ExploreModel, codes: readonly number[]): Replayable {
  const steps: StepAction[] = []
  const choices: number[] = []
  let s = model.initial
  for (const code of codes) {
    if (code >= 0) {
      if (model.net.options(s.net).length > 1) choices.push(code)
    } else if (code !== -1) steps.push(model.moves[moveOfCode(code)]!.action)
    s = applyCode(model, s, code).state
  }
  return { steps, choices }
}

export function scenarioFor(model: ExploreModel, r: Replayable, property: string): Scenario {
  return { ...model.scenario, name: `explore-${property}`, steps: r.steps, expect: {} }
}

export interface Confirmed {
  readonly symbolic: Trace
  readonly real: Trace | null
  /** true: RealMls shows it too; false: it does not; null: not replayed, or the replay failed. */
  readonly confirmed: boolean | null
  readonly note: string
}

export async function confirm(model: ExploreModel, r: Replayable, property: Property, withReal: boolean): Promise<Confirmed> {
  const scenario = scenarioFor(model, r, property.id)
  const sym = await runScenario(scenario, { design: model.design, engine: 'symbolic', choices: r.choices, properties: [property] })
  if (sym.trace.verdicts[0]!.status !== 'violated') {
    throw new Error(`explore found a violation of ${property.id} that \`run\` does not reproduce (explorer and runner disagree: a bug)`)
  }
  if (!withReal) return { symbolic: sym.trace, real: null, confirmed: null, note: 'not replayed with RealMls (--no-confirm)' }
  try {
    const real = await runScenario(scenario, { design: model.design, engine: 'real', choices: r.choices, properties: [property] })
    const ok = real.trace.verdicts[0]!.status === 'violated'
    return { symbolic: sym.trace, real: real.trace, confirmed: ok, note: ok ? 'RealMls (ts-mls) shows the same violation' : 'RealMls (ts-mls) does not show it: the symbolic model is wrong here' }
  } catch (err) {
    return { symbolic: sym.trace, real: null, confirmed: null, note: `RealMls replay failed: ${(err as Error).message}` }
  }
}
