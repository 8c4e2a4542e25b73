/**
 * Reading a trace file back (for `show`, and later the viewer): parse, check the format tag and
 * version, and check the shape of every event enough that a reader can trust the fields it uses.
 * Errors are one line naming the path inside the document and what was expected.
 */
import { TRACE_FORMAT, TRACE_VERSION, type Trace } from './events.js'

export type TraceRead = { readonly ok: true; readonly trace: Trace } | { readonly ok: false; readonly error: string }

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string')

/** The meta fields readers rely on; the first that is missing or mistyped, as one line. */
function checkMeta(m: Record<string, unknown>): string | null {
  for (const key of ['scenario', 'description', 'tool'] as const) if (typeof m[key] !== 'string') return `meta.${key}: expected a string`
  if (!isStrings(m.spec)) return 'meta.spec: expected an array of strings'
  if (!isObj(m.design) || !Object.values(m.design).every((v) => typeof v === 'string')) return 'meta.design: expected an object of knob names to values'
  if (!(m.seed === null || Number.isInteger(m.seed))) return 'meta.seed: expected an integer or null'
  if (!Array.isArray(m.choices) || !m.choices.every((c) => Number.isInteger(c) && (c as number) >= 0)) return 'meta.choices: expected an array of non-negative integers'
  if (m.engine !== 'real' && m.engine !== 'symbolic') return 'meta.engine: expected "real" or "symbolic"'
  return null
}

export function readTrace(text: string): TraceRead {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (err) {
    const why = (err as Error).message.split('\n')[0]!.slice(0, 120)
    return { ok: false, error: `not JSON: ${why} (is this a trace written by mimi-sim run or check?)` }
  }
  if (!isObj(doc)) return { ok: false, error: 'the document is not a JSON object (expected a mimi-sim trace)' }
  if (doc.format !== TRACE_FORMAT) return { ok: false, error: `format: expected "${TRACE_FORMAT}", got ${doc.format === undefined ? 'nothing' : JSON.stringify(doc.format)} (is this a mimi-sim trace?)` }
  if (doc.version !== TRACE_VERSION) return { ok: false, error: `version: this mimi-sim reads trace version ${TRACE_VERSION}, the file has ${JSON.stringify(doc.version)}` }
  if (!isObj(doc.meta)) return { ok: false, error: 'meta: missing or not an object' }
  const metaError = checkMeta(doc.meta)
  if (metaError) return { ok: false, error: metaError }
  for (const key of ['actors', 'events', 'verdicts'] as const) {
    if (!Array.isArray(doc[key])) return { ok: false, error: `${key}: missing or not an array` }
  }
  const actors = doc.actors as unknown[]
  for (const [k, a] of actors.entries()) {
    const ok =
      isObj(a) && typeof a.id === 'string' && typeof a.label === 'string' && (a.kind === 'client' || a.kind === 'provider') &&
      typeof a.provider === 'string' && (a.user === null || typeof a.user === 'string') && isStrings(a.hubOf) && typeof a.malicious === 'boolean'
    if (!ok) return { ok: false, error: `actors[${k}]: expected { id, label, kind: client|provider, provider, user, hubOf: string[], malicious: boolean }` }
  }
  const ids = new Set(actors.map((a) => (a as { id: string }).id))
  for (const [k, e] of (doc.events as unknown[]).entries()) {
    if (!isObj(e)) return { ok: false, error: `events[${k}]: not an object` }
    if (e.i !== k) return { ok: false, error: `events[${k}].i: expected ${k} (events are numbered in order)` }
    if (typeof e.type !== 'string' || !/^[a-z][a-zA-Z]*(\.[a-zA-Z]+)*$/.test(e.type)) return { ok: false, error: `events[${k}].type: expected a tag like "net.send"` }
    if (typeof e.step !== 'number' || typeof e.t !== 'number') return { ok: false, error: `events[${k}]: step and t must be numbers` }
    if (typeof e.actor !== 'string' || !ids.has(e.actor)) return { ok: false, error: `events[${k}].actor: ${JSON.stringify(e.actor)} is not one of the trace's actors` }
    if (typeof e.explain !== 'string') return { ok: false, error: `events[${k}].explain: expected a string` }
  }
  for (const [k, v] of (doc.verdicts as unknown[]).entries()) {
    if (!isObj(v) || typeof v.property !== 'string' || (v.status !== 'holds' && v.status !== 'violated')) {
      return { ok: false, error: `verdicts[${k}]: expected { property, status: holds|violated, … }` }
    }
  }
  return { ok: true, trace: doc as unknown as Trace }
}
