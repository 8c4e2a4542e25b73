/**
 * Compiles an XState v5 machine — its `config` (states, `on`, `always`, `entry`/`exit`, guards and
 * actions referenced by name) plus the implementations given to `setup()` — into a plain step
 * function over `{ value, context }`, so search never pays for `transition()` (design.md
 * "Performance": about 44 k transitions/s). The machines stay the single source of the model: the
 * compiler reads whatever events, guards and actions they declare, so a new intent or guard in
 * model/ needs no change here; a differential test keeps the two equal (test/sim/compile).
 *
 * Semantics reproduced (the subset the model uses; anything else is refused at compile time, with
 * the feature named, rather than mis-executed): flat atomic states; the first enabled candidate for
 * an event wins, looked up in the state, then under `*`, then on the root; guards get
 * `({ context, event }, params)`; actions are `assign`s, applied in XState's order (exit, transition,
 * entry) as `Object.assign({}, context, update)`; after every event, eventless `always` transitions
 * run until none is enabled; an unhandled event leaves the snapshot unchanged.
 *
 * Simplified: no nested or parallel states, delays, invoked or spawned actors, or non-assign
 * actions — none of which a model machine may use anyway (model/ is pure: effects go to `outbox`).
 */
import type { AnyStateMachine } from 'xstate'

export interface Snap {
  readonly value: string
  readonly context: any // eslint-disable-line @typescript-eslint/no-explicit-any
}

type Event = { readonly type: string }
type GuardFn = (args: { context: unknown; event: Event }, params: unknown) => boolean
type AssignFn = (args: { context: unknown; event: Event }, params: unknown) => Record<string, unknown>

interface Action {
  readonly name: string
  readonly run: AssignFn
  readonly params: unknown
}

/** One candidate transition, precompiled. `id` names it for coverage: `machine:state:event#k`. */
export interface Candidate {
  readonly id: string
  readonly source: string
  readonly event: string
  readonly guardName: string | null
  readonly guard: GuardFn | null
  readonly guardParams: unknown
  readonly target: string | null
  readonly reenter: boolean
  readonly actions: readonly Action[]
  /** Draft references from the transition's `meta.spec`, if the model gives any. */
  readonly spec: readonly string[]
}

export interface CompiledMachine {
  readonly id: string
  /** Every candidate transition, in config order (coverage denominators). */
  readonly candidates: readonly Candidate[]
  /** Event types some state handles, sorted. */
  readonly events: readonly string[]
  initial(input: unknown): Snap
  /** The snapshot after `event`; the same object when no transition is enabled. */
  step(snap: Snap, event: Event): Snap
  /** As XState's `snapshot.can(event)`: some enabled candidate has a target or actions. */
  can(snap: Snap, event: Event): boolean
  /** Like `step`, and also reports the candidate ids taken (event transition first, then `always`). */
  stepTraced(snap: Snap, event: Event, taken: string[]): Snap
}

export class CompileError extends Error {
  override readonly name = 'CompileError'
}

const MAX_MICROSTEPS = 100
const SUPPORTED_STATE_KEYS = new Set(['on', 'always', 'entry', 'exit', 'type', 'meta', 'description', 'tags'])

const asArray = <T>(x: T | readonly T[] | undefined): readonly T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x as T])

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

function compileGuard(machineId: string, where: string, g: Any, guards: Record<string, Any>): { name: string | null; fn: GuardFn | null; params: unknown } {
  if (g === undefined) return { name: null, fn: null, params: undefined }
  if (typeof g === 'function') return { name: g.name || 'inline', fn: g, params: undefined }
  const name = typeof g === 'string' ? g : g?.type
  const params = typeof g === 'object' ? g.params : undefined
  const fn = typeof name === 'string' ? guards[name] : undefined
  if (typeof fn !== 'function') throw new CompileError(`${machineId} ${where}: guard "${String(name)}" is not a function given to setup() (combinators like and/or/not are not compiled)`)
  return { name, fn, params }
}

function compileAction(machineId: string, where: string, a: Any, actions: Record<string, Any>): Action {
  const name = typeof a === 'string' ? a : typeof a === 'function' ? a.name || 'inline' : a?.type
  const impl = typeof a === 'function' ? a : actions[name]
  const params = typeof a === 'object' && a !== null ? a.params : undefined
  if (!impl || impl.type !== 'xstate.assign') throw new CompileError(`${machineId} ${where}: action "${String(name)}" is not an assign (only assign actions are compiled; effects belong in context.outbox)`)
  const assignment = impl.assignment
  if (typeof assignment === 'function') return { name, run: assignment as AssignFn, params }
  // The object form: each property is a value or a function of the args.
  const run: AssignFn = (args, p) => {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(assignment)) out[key] = typeof assignment[key] === 'function' ? assignment[key](args, p) : assignment[key]
    return out
  }
  return { name, run, params }
}

export function compileMachine(machine: AnyStateMachine): CompiledMachine {
  const m = machine as Any
  const config = m.config as Any
  const impl = m.implementations as { guards: Record<string, Any>; actions: Record<string, Any> }
  const id: string = config.id ?? 'machine'
  if (config.type === 'parallel') throw new CompileError(`${id}: parallel machines are not compiled`)
  for (const key of ['invoke', 'after', 'entry', 'exit']) {
    if (config[key] !== undefined) throw new CompileError(`${id}: root "${key}" is not compiled`)
  }
  const states: Record<string, Any> = config.states ?? {}
  const names = Object.keys(states)
  if (!names.includes(config.initial)) throw new CompileError(`${id}: initial state "${String(config.initial)}" is not one of ${names.join(', ')}`)
  const candidates: Candidate[] = []
  const resolveTarget = (where: string, t: Any): string | null => {
    const raw = asArray<Any>(t)
    if (raw.length === 0) return null
    if (raw.length > 1) throw new CompileError(`${id} ${where}: multiple targets are not compiled`)
    const s = String(raw[0])
    const key = s.startsWith(`#${id}.`) ? s.slice(id.length + 2) : s.startsWith('.') ? s.slice(1) : s
    if (!names.includes(key)) throw new CompileError(`${id} ${where}: target "${s}" is not a state of the machine (only sibling states are compiled)`)
    return key
  }
  const compileTransitions = (source: string, event: string, spec: Any): Candidate[] =>
    asArray<Any>(spec).map((raw, k) => {
      const t = typeof raw === 'string' ? { target: raw } : raw
      const where = `${source} on ${event || 'always'}`
      const g = compileGuard(id, where, t.guard, impl.guards)
      const c: Candidate = {
        id: `${id}:${source}:${event || 'always'}#${k}`,
        source,
        event,
        guardName: g.name,
        guard: g.fn,
        guardParams: g.params,
        target: resolveTarget(where, t.target),
        reenter: t.reenter === true,
        actions: asArray<Any>(t.actions).map((a) => compileAction(id, where, a, impl.actions)),
        spec: asArray<string>(t.meta?.spec),
      }
      candidates.push(c)
      return c
    })

  const table: Record<string, Record<string, readonly Candidate[]>> = {}
  const always: Record<string, readonly Candidate[]> = {}
  const entry: Record<string, readonly Action[]> = {}
  const exit: Record<string, readonly Action[]> = {}
  for (const name of names) {
    const s = states[name] ?? {}
    for (const key of Object.keys(s)) {
      if (!SUPPORTED_STATE_KEYS.has(key)) throw new CompileError(`${id}.${name}: "${key}" is not compiled (flat states with on/always/entry/exit only)`)
    }
    if (s.type !== undefined && s.type !== 'atomic' && s.type !== 'final') throw new CompileError(`${id}.${name}: state type "${s.type}" is not compiled`)
    const on: Record<string, readonly Candidate[]> = {}
    for (const ev of Object.keys(s.on ?? {})) on[ev] = compileTransitions(name, ev, s.on[ev])
    table[name] = on
    always[name] = compileTransitions(name, '', s.always)
    entry[name] = asArray<Any>(s.entry).map((a) => compileAction(id, `${name} entry`, a, impl.actions))
    exit[name] = asArray<Any>(s.exit).map((a) => compileAction(id, `${name} exit`, a, impl.actions))
  }
  const rootOn: Record<string, readonly Candidate[]> = {}
  for (const ev of Object.keys(config.on ?? {})) rootOn[ev] = compileTransitions('(root)', ev, config.on[ev])
  const events = [...new Set([...Object.keys(rootOn), ...names.flatMap((n) => Object.keys(table[n]!))])].sort()

  const runActions = (context: unknown, event: Event, actions: readonly Action[]): unknown => {
    let ctx = context
    for (const a of actions) ctx = Object.assign({}, ctx, a.run({ context: ctx, event }, a.params))
    return ctx
  }
  const enabled = (list: readonly Candidate[] | undefined, context: unknown, event: Event): Candidate | null => {
    if (!list) return null
    for (const c of list) if (c.guard === null || c.guard({ context, event }, c.guardParams)) return c
    return null
  }
  // Candidate lists per state and event type, in lookup order, built once per pair.
  const lists = new Map<string, Map<string, readonly (readonly Candidate[])[]>>()
  const lookup = (value: string, type: string): readonly (readonly Candidate[])[] => {
    let byType = lists.get(value)
    if (byType === undefined) lists.set(value, (byType = new Map()))
    let found = byType.get(type)
    if (found === undefined) {
      const own = table[value]!
      const out: (readonly Candidate[])[] = []
      if (own[type]) out.push(own[type]!)
      if (own['*']) out.push(own['*']!)
      if (rootOn[type]) out.push(rootOn[type]!)
      if (rootOn['*']) out.push(rootOn['*']!)
      byType.set(type, (found = out))
    }
    return found
  }
  const take = (value: string, context: unknown, event: Event, c: Candidate): Snap => {
    // A root handler's target is a child of the root: the active state is left and the target entered.
    if (c.target !== null && (c.target !== value || c.reenter || c.source === '(root)')) {
      let ctx = runActions(context, event, exit[value]!)
      ctx = runActions(ctx, event, c.actions)
      ctx = runActions(ctx, event, entry[c.target]!)
      return { value: c.target, context: ctx }
    }
    return { value, context: runActions(context, event, c.actions) }
  }
  const settle = (snap: Snap, event: Event, taken: string[] | null): Snap => {
    let s = snap
    for (let k = 0; k < MAX_MICROSTEPS; k++) {
      const c = enabled(always[s.value], s.context, event)
      if (!c) return s
      taken?.push(c.id)
      s = take(s.value, s.context, event, c)
    }
    throw new Error(`${id}: eventless transitions did not settle after ${MAX_MICROSTEPS} microsteps (a model loop)`)
  }
  const stepWith = (snap: Snap, event: Event, taken: string[] | null): Snap => {
    for (const list of lookup(snap.value, event.type)) {
      const c = enabled(list, snap.context, event)
      if (c) {
        taken?.push(c.id)
        return settle(take(snap.value, snap.context, event, c), event, taken)
      }
    }
    return snap
  }
  return {
    id,
    candidates,
    events,
    initial(input) {
      const context = typeof config.context === 'function' ? config.context({ input }) : structuredClone(config.context ?? {})
      const init = { type: 'xstate.init', input }
      const start: Snap = { value: config.initial, context: runActions(context, init, entry[config.initial]!) }
      return settle(start, init, null)
    },
    step: (snap, event) => stepWith(snap, event, null),
    stepTraced: (snap, event, taken) => stepWith(snap, event, taken),
    can(snap, event) {
      for (const list of lookup(snap.value, event.type)) {
        const c = enabled(list, snap.context, event)
        if (c) return c.target !== null || c.actions.length > 0
      }
      return false
    },
  }
}
