/**
 * Display names for the URIs a trace carries (docs/trace-format.md "actors"): an actor's own
 * `label`; for users and rooms, which have no actor record, the last path segment of the MIMI URI
 * (`mimi://a.example/u/alice` → `alice`). The viewer depends on trace types only (design.md), so
 * this does not reuse the model's URI parser; a URI it does not recognise is shown as written.
 */
import type { TraceActor } from '../../sim/trace/events.js'

export type NameOf = (uri: string) => string

export function namer(actors: readonly TraceActor[]): NameOf {
  const labels = new Map(actors.map((a) => [a.id, a.label] as const))
  return (uri: string) => {
    const label = labels.get(uri)
    if (label !== undefined) return label
    const m = /^mimi:\/\/[^/]+\/[ur]\/([^/]+)$/.exec(uri)
    return m ? m[1]! : uri.replace(/^mimi:\/\//, '')
  }
}
