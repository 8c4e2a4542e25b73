/**
 * A monitor is a property evaluated incrementally: it folds the events of a run one at a time and
 * says, at the event that witnesses it, that the property is violated. Its state is a plain
 * immutable value and part of a search state's identity, so two paths merge only when every
 * property would judge their futures alike (design.md "Properties are first-class": the same
 * definitions as properties/, checked against them by test/sim/explore/monitors.test.ts).
 */
import type { TraceActor } from '../../trace/events.js'

/** What a monitor reads of an event: the trace event without its index, step and time. */
export interface MonitorEvent {
  readonly type: string
  readonly actor: string
  readonly room: string | null
  readonly epoch: number | null
  readonly [field: string]: unknown
}

export type Step<S> = { readonly state: S } | { readonly violated: string }

export interface Monitor<S = unknown> {
  readonly property: string
  /** `exact`: a hand-written fold; `history`: the property re-run on the whole history (slow, no merging). */
  readonly mode: 'exact' | 'history'
  readonly initial: S
  /**
   * The event types `next` can act on. On any other event it returns `{ state }` with the very state
   * it was given, so the search skips it unread (test/sim/explore/monitors.test.ts holds every
   * monitor that declares this to it). Absent: every event may matter.
   */
  readonly reads?: ReadonlySet<string>
  next(state: S, event: MonitorEvent): Step<S>
  /**
   * For an `eventually` property: its verdict on a run that ends in `state` (a terminal search
   * state), or null when it holds. Such a property never reports a violation from `next`, since a
   * prefix of a run cannot show that something will never happen.
   */
  final?(state: S): string | null
}

export interface MonitorWorld {
  readonly actors: readonly TraceActor[]
  /** actor id → user, for clients. */
  readonly userOf: ReadonlyMap<string, string>
  readonly honest: ReadonlySet<string>
  /** The design searched: a property may judge differently per design (hubLeastPrivilege reads `policy`). */
  readonly design: Readonly<Record<string, string>>
}

export function monitorWorld(actors: readonly TraceActor[], design: Readonly<Record<string, string>> = {}): MonitorWorld {
  const userOf = new Map<string, string>()
  for (const a of actors) if (a.user) userOf.set(a.id, a.user)
  return { actors, userOf, honest: new Set(actors.filter((a) => !a.malicious).map((a) => a.id)), design }
}
