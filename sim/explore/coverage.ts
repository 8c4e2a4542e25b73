/**
 * What a search exercised (design.md: "random search hides its coverage: report distinct states,
 * transitions and draft sections"): distinct global states and transitions between them; which of
 * the compiled machines' transitions fired, per machine; which events each kind of actor received
 * and which trace event types it produced; and the draft sections behind all of that — the `spec`
 * tags of the properties checked, of machine transitions (`meta.spec`, when the model gives one) and
 * of the trace event types seen (specTable.ts, the Draft column of docs/trace-format.md; an intent's
 * by its action). `check` measures its runs with this same class (sim/check/coverage.ts).
 *
 * Counts are plain objects with sorted keys in the JSON, so a coverage report is deterministic and
 * two reports (shards, workers) merge by adding counts.
 */
import type { CompiledMachine } from '../compile/index.js'
import { SPEC_OF_EVENT, SPEC_OF_INTENT } from './specTable.js'

export interface CoverageReport {
  readonly states: number
  readonly transitions: number
  /** Per machine: transitions fired, out of all candidate transitions, and the ones never fired. */
  readonly machines: Readonly<Record<string, { readonly fired: number; readonly of: number; readonly never: readonly string[] }>>
  /** Actor kind → machine event type → times received. */
  readonly received: Readonly<Record<string, Readonly<Record<string, number>>>>
  /** Actor kind → trace event type → times produced. */
  readonly produced: Readonly<Record<string, Readonly<Record<string, number>>>>
  /** Draft section → the sources that exercised it (property ids, transition ids, event types), sorted. */
  readonly sections: Readonly<Record<string, readonly string[]>>
}

const bump = (m: Map<string, Map<string, number>>, a: string, b: string, n = 1): void => {
  let inner = m.get(a)
  if (!inner) m.set(a, (inner = new Map()))
  inner.set(b, (inner.get(b) ?? 0) + n)
}

const sortedRecord = <V>(m: ReadonlyMap<string, V>): Record<string, V> => Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))

export class Coverage {
  readonly fired = new Map<string, number>()
  readonly received = new Map<string, Map<string, number>>()
  readonly produced = new Map<string, Map<string, number>>()
  /** Actions of the intents begun (intent.begin), for their draft sections. */
  readonly intents = new Set<string>()
  states = 0
  transitions = 0

  /** An actor of `kind` received `event` and took the transitions `taken`, `n` times. */
  machineEvent(kind: string, event: string, taken: readonly string[], n = 1): void {
    bump(this.received, kind, event, n)
    for (const id of taken) this.fired.set(id, (this.fired.get(id) ?? 0) + n)
  }

  /** An actor of `kind` produced a trace event of `type` (an intent.begin: of `action`), `n` times. */
  traceEvent(kind: string, type: string, action?: string, n = 1): void {
    bump(this.produced, kind, type, n)
    if (action !== undefined) this.intents.add(action)
  }

  /** Forget every count (a thread of a shared search leaves the levels every thread searched to the first: bfs.ts). */
  clear(): void {
    this.fired.clear()
    this.received.clear()
    this.produced.clear()
    this.intents.clear()
    this.states = 0
    this.transitions = 0
  }

  /** Add another search's counts (a shard's or a worker's). */
  addReport(r: CoverageReport): void {
    this.states += r.states
    this.transitions += r.transitions
    for (const [kind, evs] of Object.entries(r.received)) for (const [e, n] of Object.entries(evs)) bump(this.received, kind, e, n)
    for (const [kind, evs] of Object.entries(r.produced)) for (const [e, n] of Object.entries(evs)) bump(this.produced, kind, e, n)
  }

  report(machines: readonly CompiledMachine[], propertySpecs: Readonly<Record<string, readonly string[]>>, firedIds?: ReadonlySet<string>): CoverageReport {
    const fired = firedIds ?? new Set(this.fired.keys())
    const perMachine: Record<string, { fired: number; of: number; never: string[] }> = {}
    const sections = new Map<string, Set<string>>()
    const cite = (section: string, source: string) => {
      let s = sections.get(section)
      if (!s) sections.set(section, (s = new Set()))
      s.add(source)
    }
    for (const m of [...machines].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const ids = m.candidates.map((c) => c.id)
      perMachine[m.id] = { fired: ids.filter((id) => fired.has(id)).length, of: ids.length, never: ids.filter((id) => !fired.has(id)).sort() }
      for (const c of m.candidates) if (fired.has(c.id)) for (const s of c.spec) cite(s, c.id)
    }
    for (const [id, specs] of Object.entries(propertySpecs)) for (const s of specs) cite(s, `property ${id}`)
    for (const evs of this.produced.values()) for (const type of evs.keys()) for (const s of SPEC_OF_EVENT[type] ?? []) cite(s, type)
    for (const action of this.intents) for (const s of SPEC_OF_INTENT[action] ?? []) cite(s, `intent.begin ${action}`)
    const nested = (m: Map<string, Map<string, number>>) => sortedRecord(new Map([...m.entries()].map(([k, v]) => [k, sortedRecord(v)])))
    return {
      states: this.states,
      transitions: this.transitions,
      machines: perMachine,
      received: nested(this.received),
      produced: nested(this.produced),
      sections: sortedRecord(new Map([...sections.entries()].map(([k, v]) => [k, [...v].sort()]))),
    }
  }
}

/** Merge coverage reports (shards, workers): counts add, fired transitions unite. */
export function mergeCoverage(reports: readonly CoverageReport[], states: number, transitions: number): CoverageReport {
  const c = new Coverage()
  for (const r of reports) c.addReport(r)
  const machines: Record<string, { fired: number; of: number; never: string[] }> = {}
  for (const r of reports) {
    for (const [id, m] of Object.entries(r.machines)) {
      const prev = machines[id]
      const never = prev ? prev.never.filter((x) => m.never.includes(x)) : [...m.never]
      machines[id] = { fired: m.of - never.length, of: m.of, never }
    }
  }
  const sections = new Map<string, Set<string>>()
  for (const r of reports) for (const [s, srcs] of Object.entries(r.sections)) for (const x of srcs) (sections.get(s) ?? sections.set(s, new Set()).get(s)!).add(x)
  const base = c.report([], {})
  return {
    ...base,
    states,
    transitions,
    machines: sortedRecord(new Map(Object.entries(machines))),
    sections: sortedRecord(new Map([...sections.entries()].map(([k, v]) => [k, [...v].sort()]))),
  }
}

/** The human-readable lines of a coverage report. */
export function coverageLines(r: CoverageReport): string[] {
  const out: string[] = []
  out.push(`coverage: ${r.states.toLocaleString('en-US')} distinct states, ${r.transitions.toLocaleString('en-US')} transitions`)
  for (const [id, m] of Object.entries(r.machines)) out.push(`  machine ${id}: ${m.fired} of ${m.of} transitions fired${m.never.length ? ` (never: ${m.never.join(', ')})` : ''}`)
  for (const [kind, evs] of Object.entries(r.produced)) out.push(`  ${kind} produced: ${Object.entries(evs).map(([e, n]) => `${e} ${n}`).join(', ')}`)
  const sections = Object.keys(r.sections)
  out.push(`  draft sections exercised (${sections.length}): ${sections.join('; ')}`)
  return out
}
