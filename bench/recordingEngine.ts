/**
 * A recording proxy around an MlsEngine, and an exact replay of what it recorded.
 *
 * Measures: nothing by itself. It lets bench/overhead.ts split a simulator run into "time inside
 * the engine" and "everything else", and then re-issue the very same engine calls, in the same
 * order, on a fresh engine with the same seed, with no simulator around them ("bare"). That bare
 * replay is the baseline for the simulator's overhead: it is exactly the MLS work the run needs.
 *
 * Replay mapping: an argument that was (part of) an earlier call's result — a GroupState, Wire,
 * KeyPackage, identity — is replaced by the corresponding part of the replay's result for that call
 * (found by object identity when the plan is built, before any timing). Validators are plain
 * functions of the change they are shown, so the recorded ones are reused as they are. RealMls is
 * deterministic for a given seed and call sequence, so the replay yields equal results; `fingerprint`
 * checks that (wire sizes, views, verdicts, error texts), outside the timed region.
 */
import type { MlsEngine } from '../model/mls/types.js'
import { type Span, stopwatch } from './stats.js'

const ASYNC = ['createIdentity', 'externalSender', 'keyPackage', 'createGroup', 'commit', 'join', 'process', 'protect', 'proposeExternalAdd', 'proposeExternalRemove', 'proposeExternalContext', 'joinExternal'] as const
const SYNC = ['view', 'pendingCount', 'groupInfoEpoch'] as const
type Method = (typeof ASYNC)[number] | (typeof SYNC)[number]
type AnyFn = (...args: unknown[]) => unknown

export interface Call {
  readonly method: Method
  readonly args: readonly unknown[]
  readonly result: unknown
  readonly threw: boolean
  readonly span: Span
}

export interface Recording {
  readonly engine: MlsEngine
  readonly calls: Call[]
  /** Total time spent inside the wrapped engine so far. */
  engineTime(): Span
}

export function recordingEngine(inner: MlsEngine): Recording {
  const calls: Call[] = []
  const total = { wall: 0, cpu: 0 }
  const done = (method: Method, args: unknown[], result: unknown, threw: boolean, span: Span) => {
    total.wall += span.wall
    total.cpu += span.cpu
    calls.push({ method, args, result, threw, span })
  }
  const target = inner as unknown as Record<Method, AnyFn>
  const proxy: Record<string, unknown> = { name: inner.name }
  for (const method of ASYNC) {
    proxy[method] = async (...args: unknown[]) => {
      const sw = stopwatch()
      let result: unknown
      let threw = false
      try {
        result = await target[method](...args)
        return result
      } catch (err) {
        threw = true
        result = err
        throw err
      } finally {
        done(method, args, result, threw, sw())
      }
    }
  }
  for (const method of SYNC) {
    proxy[method] = (...args: unknown[]) => {
      const sw = stopwatch()
      const result = target[method](...args)
      done(method, args, result, false, sw())
      return result
    }
  }
  return { engine: proxy as unknown as MlsEngine, calls, engineTime: () => ({ ...total }) }
}

/** An argument template: a literal, a part of an earlier result, or a structure of templates. */
type Arg =
  | { readonly t: 'lit'; readonly v: unknown }
  | { readonly t: 'ref'; readonly call: number; readonly key: string | null }
  | { readonly t: 'arr'; readonly items: readonly Arg[] }
  | { readonly t: 'obj'; readonly fields: readonly (readonly [string, Arg])[] }

export interface PlannedCall {
  readonly method: Method
  readonly args: readonly Arg[]
  readonly threw: boolean
}

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null

/** Turn recorded calls into a replay plan; throws if an engine value came from nowhere. */
export function plan(calls: readonly Call[]): PlannedCall[] {
  const produced = new Map<object, { call: number; key: string | null }>()
  const template = (v: unknown): Arg => {
    if (!isObject(v)) return { t: 'lit', v }
    const ref = produced.get(v)
    if (ref) return { t: 'ref', ...ref }
    if (Array.isArray(v)) return { t: 'arr', items: v.map(template) }
    if ('native' in v) throw new Error('an engine value passed to the engine was not produced by an earlier call')
    return { t: 'obj', fields: Object.entries(v).map(([k, x]) => [k, template(x)] as const) }
  }
  return calls.map((c, i) => {
    const args = c.args.map(template)
    if (!c.threw && isObject(c.result)) {
      if (!produced.has(c.result)) produced.set(c.result, { call: i, key: null })
      for (const [k, x] of Object.entries(c.result)) if (isObject(x) && !produced.has(x)) produced.set(x, { call: i, key: k })
    }
    return { method: c.method, args, threw: c.threw }
  })
}

function resolve(a: Arg, results: readonly unknown[]): unknown {
  switch (a.t) {
    case 'lit':
      return a.v
    case 'ref': {
      const r = results[a.call]
      return a.key === null ? r : (r as Record<string, unknown>)[a.key]
    }
    case 'arr':
      return a.items.map((x) => resolve(x, results))
    case 'obj':
      return Object.fromEntries(a.fields.map(([k, x]) => [k, resolve(x, results)]))
  }
}

/** Issue the planned calls on `engine`; returns the time of the whole loop and every result. */
export async function replay(calls: readonly PlannedCall[], engine: MlsEngine): Promise<{ span: Span; results: unknown[] }> {
  const target = engine as unknown as Record<Method, AnyFn>
  const results: unknown[] = new Array(calls.length)
  const sw = stopwatch()
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i]!
    const args = c.args.map((a) => resolve(a, results))
    if (c.threw) {
      try {
        await target[c.method](...args)
      } catch (err) {
        results[i] = err
        continue
      }
      throw new Error(`replay: call ${i} (${c.method}) threw when recorded but not when replayed`)
    }
    results[i] = await target[c.method](...args)
  }
  return { span: sw(), results }
}

/** A comparable summary of a result: plain data kept, engine-native objects reduced to what is observable. */
export function fingerprint(v: unknown): string {
  return JSON.stringify(v, (key, x: unknown) => {
    if (key === 'native') return undefined
    if (x instanceof Error) return `${x.constructor.name}: ${x.message}`
    if (typeof x === 'function' || typeof x === 'bigint') return String(x)
    return x
  })
}
