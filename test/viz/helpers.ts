/**
 * Fixtures for the viewer tests: real traces written by mimi-sim (test/viz/fixtures/, see
 * fixtures/README.md for how each was made), read through readTrace exactly as the viewer reads
 * them, and small edits of them for the cases no run produces (markup in labels, unknown types).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { readTrace } from '../../sim/trace/read.js'
import type { Trace, TraceEvent } from '../../sim/trace/events.js'

export const FIXTURE = (name: string): string => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url))
export const GOLDEN = (name: string): string => fileURLToPath(new URL(`golden/${name}`, import.meta.url))

/** `s2-service`, `s2-mls` or `s2-faults`, read and checked. */
export function fixture(name: string): Trace {
  const read = readTrace(readFileSync(FIXTURE(`${name}.trace.json`), 'utf8'))
  if (!read.ok) throw new Error(`fixture ${name}: ${read.error}`)
  return read.trace
}

/** A copy of `trace` with `extra` events spliced in before event `at`, renumbered. */
export function withEventsAt(trace: Trace, at: number, extra: readonly Record<string, unknown>[]): Trace {
  const before = trace.events.slice(0, at)
  const after = trace.events.slice(at)
  const events = [...before, ...(extra as unknown as TraceEvent[]), ...after].map((e, i) => ({ ...e, i }))
  const shift = (k: number | null) => (k !== null && k >= at ? k + extra.length : k)
  return { ...trace, events, verdicts: trace.verdicts.map((v) => ({ ...v, at: shift(v.at) })) }
}

/** A copy of `trace` whose actor labels and explanations are replaced by `markup`. */
export function withMarkup(trace: Trace, markup: string): Trace {
  return {
    ...trace,
    meta: { ...trace.meta, scenario: `${trace.meta.scenario} ${markup}`, description: markup },
    actors: trace.actors.map((a) => ({ ...a, label: `${a.label}${markup}` })),
    events: trace.events.map((e) => ({ ...e, explain: `${e.explain} ${markup}` })),
    verdicts: trace.verdicts.map((v) => ({ ...v, property: `${v.property}${markup}`, explain: markup })),
  }
}

/**
 * `trace`'s events repeated until there are at least `n`, renumbered, with message numbers, steps
 * and times shifted per copy so every copy stays a well-formed run segment; cut to exactly `n`.
 */
export function tiled(trace: Trace, n: number): Trace {
  const msgs = Math.max(0, ...trace.events.map((e) => (typeof (e as { msg?: unknown }).msg === 'number' ? (e as { msg: number }).msg : 0)))
  const steps = Math.max(...trace.events.map((e) => e.step)) + 2
  const ticks = trace.events.at(-1)!.t + 1
  const events: TraceEvent[] = []
  for (let copy = 0; events.length < n; copy++) {
    for (const e of trace.events) {
      if (events.length >= n) break
      const x = e as TraceEvent & { msg?: number }
      const shifted = { ...x, i: events.length, step: e.step + copy * steps, t: e.t + copy * ticks, ...(typeof x.msg === 'number' ? { msg: x.msg + copy * msgs } : {}) }
      events.push(shifted as TraceEvent)
    }
  }
  return { ...trace, events, verdicts: trace.verdicts.map((v) => ({ ...v, at: v.at })) }
}
