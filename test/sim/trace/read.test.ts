/**
 * Reading a trace back (sim/trace/read.ts): a trace `runScenario` produced round-trips through
 * JSON, and each malformation gets its own one-line error naming the path inside the document.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_DESIGN } from '../../../model/design.js'
import { PROPERTIES, propertyIds } from '../../../properties/index.js'
import { runScenario } from '../../../sim/runner.js'
import { loadScenarioFile } from '../../../sim/scenario/index.js'
import type { Scenario } from '../../../sim/scenario/types.js'
import { TRACE_FORMAT, TRACE_VERSION, type Trace } from '../../../sim/trace/events.js'
import { readTrace } from '../../../sim/trace/read.js'

const SCENARIOS = fileURLToPath(new URL('../../../scenarios/', import.meta.url))

/** A mutable deep copy of a trace, for building malformed documents. */
type Doc = Record<string, unknown> & { meta: Record<string, unknown>; actors: Record<string, unknown>[]; events: Record<string, unknown>[]; verdicts: Record<string, unknown>[] }
const copy = (t: unknown): Doc => JSON.parse(JSON.stringify(t)) as Doc

async function scenario(name: string): Promise<Scenario> {
  const loaded = await loadScenarioFile(join(SCENARIOS, `${name}.json`), propertyIds())
  if (!loaded.ok) throw new Error(loaded.error)
  return loaded.scenario
}

/** A trace exactly as runScenario produced it. */
let real: Trace
/** A mutable copy of `real`, the base for every malformation. */
let valid: Doc
/** A violating trace (hub-injects-eavesdropper under policy=service). */
let attack: Trace

beforeAll(async () => {
  real = (await runScenario(await scenario('baseline-add'), { design: DEFAULT_DESIGN, engine: 'symbolic', seed: 0, properties: PROPERTIES })).trace
  attack = (await runScenario(await scenario('hub-injects-eavesdropper'), { design: { policy: 'service' }, engine: 'symbolic', seed: 0, properties: PROPERTIES })).trace
  valid = copy(real)
})

function error(doc: unknown): string {
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc)
  const r = readTrace(text)
  expect(r.ok).toBe(false)
  const e = (r as { ok: false; error: string }).error
  expect(e).not.toContain('\n')
  return e
}

describe('readTrace accepts traces', () => {
  it('a trace runScenario produced round-trips through JSON and readTrace', () => {
    const r = readTrace(JSON.stringify(real))
    expect(r).toEqual({ ok: true, trace: JSON.parse(JSON.stringify(real)) })
  })

  it('a violating trace runScenario produced round-trips too', () => {
    const r = readTrace(JSON.stringify(attack, null, 1) + '\n')
    expect(r).toEqual({ ok: true, trace: JSON.parse(JSON.stringify(attack)) })
    expect(r.ok && r.trace.verdicts.find((v) => v.property === 'noEavesdropper')?.status).toBe('violated')
  })

  it('the trace runScenario produced has the contract header', () => {
    expect(real.format).toBe(TRACE_FORMAT)
    expect(real.version).toBe(TRACE_VERSION)
    expect(real.meta.engine).toBe('symbolic')
    expect(real.events.every((e, k) => e.i === k)).toBe(true)
    expect(real.verdicts.map((v) => v.property)).toEqual(propertyIds())
  })

  // Regression: this once failed (found by this suite, fixed in the CLI).
  it('an event type without a namespace is accepted (readers skip types they do not know)', () => {
    const d = copy(valid)
    d.events[1]!.type = 'custom'
    expect(readTrace(JSON.stringify(d)).ok).toBe(true)
  })

  it('a trace with no events and no verdicts is accepted', () => {
    expect(readTrace(JSON.stringify({ ...valid, events: [], verdicts: [] })).ok).toBe(true)
  })
})

describe('readTrace rejects malformed traces with a one-line error', () => {
  it('not JSON', () => {
    const e = error('{"format": "mimi-sim/trace",')
    expect(e.startsWith('not JSON: ')).toBe(true)
    expect(e.endsWith('(is this a trace written by mimi-sim run or check?)')).toBe(true)
  })

  // Regression: this once failed (found by this suite, fixed in the CLI).
  it('not JSON, with a line break near the start: still one line', () => {
    const r = readTrace('hello, not json\n')
    expect(r.ok).toBe(false)
    expect((r as { ok: false; error: string }).error).not.toContain('\n')
  })

  it('JSON that is not an object', () => {
    expect(error('[1, 2]')).toBe('the document is not a JSON object (expected a mimi-sim trace)')
    expect(error('null')).toBe('the document is not a JSON object (expected a mimi-sim trace)')
  })

  it('wrong format tag', () => {
    expect(error({ ...valid, format: 'other/trace' })).toBe('format: expected "mimi-sim/trace", got "other/trace" (is this a mimi-sim trace?)')
  })

  it('missing format tag', () => {
    const { format: _format, ...rest } = valid
    expect(error(rest)).toBe('format: expected "mimi-sim/trace", got nothing (is this a mimi-sim trace?)')
  })

  it('wrong version', () => {
    expect(error({ ...valid, version: 1 })).toBe('version: this mimi-sim reads trace version 2, the file has 1')
    expect(error({ ...valid, version: '2' })).toBe('version: this mimi-sim reads trace version 2, the file has "2"')
  })

  it('missing meta', () => {
    expect(error({ ...valid, meta: null })).toBe('meta: missing or not an object')
  })

  it('missing events', () => {
    const { events: _events, ...rest } = valid
    expect(error(rest)).toBe('events: missing or not an array')
  })

  it('actors or verdicts not an array', () => {
    expect(error({ ...valid, actors: {} })).toBe('actors: missing or not an array')
    expect(error({ ...valid, verdicts: 'none' })).toBe('verdicts: missing or not an array')
  })

  it('an actor of an unknown kind', () => {
    const d = copy(valid)
    d.actors[2]!.kind = 'robot'
    expect(error(d)).toBe('actors[2]: expected { id, label, kind: client|provider, provider, user, hubOf: string[], malicious: boolean }')
  })

  it('event index out of order', () => {
    const d = copy(valid)
    d.events[2]!.i = 3
    expect(error(d)).toBe('events[2].i: expected 2 (events are numbered in order)')
  })

  it('an event that is not an object', () => {
    const d = copy(valid)
    ;(d.events as unknown[])[1] = 'net.send'
    expect(error(d)).toBe('events[1]: not an object')
  })

  it('bad type tag', () => {
    const d = copy(valid)
    d.events[1]!.type = 'net.'
    expect(error(d)).toBe('events[1].type: expected a tag like "net.send"')
    d.events[1]!.type = 'Net Send'
    expect(error(d)).toBe('events[1].type: expected a tag like "net.send"')
    d.events[1]!.type = 42
    expect(error(d)).toBe('events[1].type: expected a tag like "net.send"')
  })

  it('step or t not a number', () => {
    const d = copy(valid)
    d.events[4]!.t = '0'
    expect(error(d)).toBe('events[4]: step and t must be numbers')
  })

  it('unknown actor', () => {
    const d = copy(valid)
    d.events[3]!.actor = 'mimi://x.example/d/mallory/1'
    expect(error(d)).toBe('events[3].actor: "mimi://x.example/d/mallory/1" is not one of the trace\'s actors')
  })

  it('explain not a string', () => {
    const d = copy(valid)
    delete d.events[0]!.explain
    expect(error(d)).toBe('events[0].explain: expected a string')
  })

  it('bad verdict status', () => {
    const d = copy(valid)
    d.verdicts[1]!.status = 'maybe'
    expect(error(d)).toBe('verdicts[1]: expected { property, status: holds|violated, … }')
  })

  it('a verdict without a property', () => {
    const d = copy(valid)
    delete d.verdicts[0]!.property
    expect(error(d)).toBe('verdicts[0]: expected { property, status: holds|violated, … }')
  })

  // Regression: this once failed (found by this suite, fixed in the CLI).
  it('meta without design is rejected, naming meta.design', () => {
    const d = copy(valid)
    delete d.meta.design
    expect(error(d)).toContain('meta.design')
  })

  // Regression: this once failed (found by this suite, fixed in the CLI).
  it('an actor without hubOf is rejected, naming actors[0]', () => {
    const d = copy(valid)
    delete d.actors[0]!.hubOf
    expect(error(d)).toContain('actors[0]')
  })
})
