/**
 * What a property is (design.md "Properties are first-class"): a named predicate over a finished
 * run, shared by the runner, the search, the tests and the viewer. A property reads only the trace
 * (events and actors), so the same verdict can be recomputed from a saved trace file.
 */
import type { TraceActor, TraceEvent, TraceMeta } from '../sim/trace/events.js'

export interface RunView {
  readonly meta: TraceMeta
  readonly actors: readonly TraceActor[]
  readonly events: readonly TraceEvent[]
}

export interface PropertyVerdict {
  readonly status: 'holds' | 'violated'
  /** The event that witnesses a violation. */
  readonly at: number | null
  readonly explain: string
}

export interface Property {
  readonly id: string
  readonly kind: 'always' | 'eventually'
  /** Draft sections the property states, e.g. `draft-ietf-mimi-arch-02 §4.3`. */
  readonly spec: readonly string[]
  /** The claim in one sentence, as a test name would state it. */
  readonly claim: string
  holds(run: RunView): PropertyVerdict
}

export const holds = (explain: string): PropertyVerdict => ({ status: 'holds', at: null, explain })
export const violated = (at: number, explain: string): PropertyVerdict => ({ status: 'violated', at, explain })

/** One step of a property written as a fold (the explorer's monitor runs the same step). */
export type FoldStep<S> = { readonly state: S } | { readonly violated: string }

/**
 * Judge a run by folding `step` over its events from `initial`: violated at the first event whose
 * step says so, else holds with `holdsText`.
 */
export function judgeByFold<S, E>(run: RunView, initial: S, step: (s: S, e: E) => FoldStep<S>, holdsText: string): PropertyVerdict {
  let s = initial
  for (const e of run.events) {
    const r = step(s, e as unknown as E)
    if ('violated' in r) return violated(e.i, r.violated)
    s = r.state
  }
  return holds(holdsText)
}
