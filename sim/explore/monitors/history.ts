/**
 * The fallback for a property with no hand-written monitor (one added to properties/ later): its
 * state is the whole event history, and at each event the property's own `holds` judges the run so
 * far. Exact for any property, but quadratic, and two paths merge only if their histories are equal
 * — so it explores a tree, not a graph. docs/explore.md says how to add an exact monitor. An
 * `eventually` property is judged only on a finished run (`final`).
 */
import type { Property } from '../../../properties/types.js'
import type { TraceEvent, TraceMeta } from '../../trace/events.js'
import type { Monitor, MonitorEvent, MonitorWorld } from './types.js'

export function historyMonitor(p: Property, w: MonitorWorld): Monitor<readonly MonitorEvent[]> {
  const META: TraceMeta = { scenario: 'explore', description: '', spec: [], design: { ...w.design }, seed: 0, choices: [], engine: 'symbolic', tool: 'explore' }
  const viewOf = (events: readonly MonitorEvent[]) => ({ meta: META, actors: w.actors, events: events.map((x, i) => ({ ...x, i, step: 0, t: 0, explain: '' }) as unknown as TraceEvent) })
  return {
    property: p.id,
    mode: 'history',
    initial: [],
    next(s, e) {
      const events = [...s, e]
      if (p.kind === 'eventually') return { state: events }
      const v = p.holds(viewOf(events))
      // The first prefix that violates it: its witness may be an earlier event (noFork's rejection
      // is witnessed by the reject, but shows only once another honest member takes the commit).
      return v.status === 'violated' ? { violated: v.explain } : { state: events }
    },
    ...(p.kind === 'eventually'
      ? {
          final(s: readonly MonitorEvent[]) {
            const v = p.holds(viewOf(s))
            return v.status === 'violated' ? v.explain : null
          },
        }
      : {}),
  }
}
