/**
 * One transition of the search, carried out the way sim/runtime.ts and sim/runner.ts do it: the
 * actor's (compiled) machine takes the event; its effects follow in order — a note goes to the
 * property monitors, a send onto the network, an MLS operation through SymbolicMls with the result
 * fed straight back to the same actor (run to completion). Effects are then dropped from the
 * stored context (`outbox` is only the channel to the simulator; model code never reads it).
 * With the search's memo (memo.ts) an actor's whole reaction is computed once per (snapshot, event)
 * and replayed after; its notes then reach the monitors in one fold per monitor, its sends the
 * network in the same order. Without it (applyCode, rebuilding a path) every step is computed.
 *
 * A transition's moves, as integers (kept per state by the search, to rebuild a path): k ≥ 0
 * takes network option k; −1 fires the timers of every waiting client (the network is quiet);
 * −2 − m takes step move m (the next scripted step, or alphabet entry m).
 */
import type { Effect, Note } from '../../model/effects.js'
import type { Snap } from '../compile/index.js'
import type { ActorEvent } from '../runtime.js'
import type { Coverage } from './coverage.js'
import type { Canon } from './canon.js'
import type { Fold, LocalMemo, LocalOut, MachineStep, Reaction } from './memo.js'
import { type ExploreModel, type GState, NO_EFFECTS, VIOLATED } from './model.js'
import { runMlsSync } from './mls.js'
import { enqueue, type NetOption, type NetState } from './net.js'
import type { Monitor, MonitorEvent } from './monitors/index.js'

export const TIMERS = -1
export const stepCode = (move: number): number => -2 - move
export const moveOfCode = (code: number): number => -2 - code

export const TIMEOUT = { type: 'timeout' } as const

export interface Violation {
  readonly property: number
  readonly explain: string
}

/** What a transition may use beyond the model: coverage, the memo, and the parent's component ids (keys.ts). */
export interface ExecAids {
  readonly cov: Coverage | null
  readonly memo: LocalMemo | null
  /** With `ids`: the canon that numbered them, to number what the transition changes. */
  readonly canon: Canon | null
  readonly ids: number[] | null
}

const NO_AIDS: ExecAids = { cov: null, memo: null, canon: null, ids: null }

/** Mutable scratch for one transition; `finish` freezes it into the next state. */
export class Exec {
  private actors: Snap[] | null = null
  private mon: unknown[] | null = null
  /** The successor's component ids, copied from the parent's on the first change. */
  private ids: number[] | null = null
  net: NetState
  violations: Violation[] | null = null
  private readonly cov: Coverage | null
  private readonly memo: LocalMemo | null

  constructor(
    private readonly model: ExploreModel,
    private readonly from: GState,
    private readonly aids: ExecAids = NO_AIDS,
  ) {
    this.net = from.net
    this.cov = aids.cov
    this.memo = aids.memo
  }

  snap(i: number): Snap {
    return (this.actors ?? this.from.actors)[i]!
  }

  /** The successor's component ids (null when the parent's were not given). */
  get componentIds(): number[] | null {
    return this.ids ?? this.aids.ids
  }

  private setId(slot: number, id: number): void {
    const parent = this.aids.ids
    if (!parent) return
    this.ids ??= parent.slice()
    this.ids[slot] = id
  }

  /**
   * Actor `i` takes an event (from the network, a step or its timer), with everything it causes.
   * `key` is the event's memo key (memo.ts; −1 without a memo); the event itself is only built when
   * the reaction has to be computed, so a replay allocates nothing for it.
   */
  send(i: number, key: number, make: () => ActorEvent): void {
    const before = this.snap(i)
    const slot = this.model.actors[i]!
    const memo = this.memo
    const cov = this.cov
    const r = memo ? memo.react(key, this.componentIds?.[i] ?? -1, before, slot.id, () => this.react(i, before, make())) : this.react(i, before, make())
    // A replayed reaction counts for coverage as often as it is taken, as if computed each time.
    if (cov) for (const st of r.steps!) cov.machineEvent(slot.kind, st.type, st.taken)
    if (!r.changed) return
    if (!this.actors) this.actors = this.from.actors.slice()
    this.actors[i] = r.snap
    if (this.aids.ids) this.setId(i, r.snapId >= 0 ? r.snapId : this.aids.canon!.id(r.snap))
    if (memo && r.watched !== 0) this.fold(memo, r)
    for (const o of r.out) {
      if ('note' in o) {
        if (!memo) this.note(o.note, slot.kind)
        else cov?.traceEvent(slot.kind, o.note.type, o.note.type === 'intent.begin' ? o.note.action : undefined)
      } else {
        this.net = enqueue(this.net, slot.id, i, o.to, o.toIx, o.msg, o.cid)
        cov?.traceEvent(slot.kind, 'net.send')
      }
    }
  }

  private react(i: number, before: Snap, event: ActorEvent): Reaction {
    return reaction(this.model, i, before, event, this.cov !== null)
  }

  /** Every monitor over a memoised reaction's notes at once (the same steps `note` takes, one note at a time). */
  private fold(memo: LocalMemo, r: Reaction): void {
    const monitors = this.model.monitors
    let found: { readonly v: Violation; readonly at: number }[] | null = null
    for (let k = 0; k < monitors.length; k++) {
      const s = (this.mon ?? this.from.mon)[k]
      if (s === VIOLATED || !watches(r.watched, k)) continue
      const f = memo.fold(r, k, s) ?? memo.keepFold(r, k, s, foldNotes(monitors[k]!, r, s))
      if (f.state === s) continue
      this.setMon(k, f.state, f.id)
      if (f.state === VIOLATED) (found ??= []).push({ v: { property: k, explain: f.explain }, at: f.at })
    }
    // In the order `note` would report them: by the note that witnessed each, then by property.
    if (found) for (const x of found.sort((a, b) => a.at - b.at || a.v.property - b.v.property)) (this.violations ??= []).push(x.v)
  }

  private setMon(k: number, after: unknown, id = -1): void {
    if (!this.mon) this.mon = this.from.mon.slice()
    this.mon[k] = after
    if (this.aids.ids) this.setId(this.from.actors.length + k, id >= 0 ? id : this.aids.canon!.id(after))
  }

  note(n: Note, kind: string): void {
    this.cov?.traceEvent(kind, n.type, n.type === 'intent.begin' ? n.action : undefined)
    const monitors = this.model.monitors
    for (let k = 0; k < monitors.length; k++) {
      const s = (this.mon ?? this.from.mon)[k]
      if (s === VIOLATED) continue
      const r = monitors[k]!.next(s, n as unknown as MonitorEvent)
      const after = 'state' in r ? r.state : VIOLATED
      if (after === s) continue
      this.setMon(k, after)
      if (after === VIOLATED) (this.violations ??= []).push({ property: k, explain: (r as { violated: string }).violated })
    }
  }

  deliver(option: NetOption): void {
    const { net, env } = this.model.net.take(this.net, option)
    this.net = net
    const kind = this.model.actors[env.toIx]!.kind
    this.cov?.traceEvent(kind, option.kind === 'drop' ? 'net.drop' : 'net.deliver')
    if (option.kind === 'duplicate') this.cov?.traceEvent(kind, 'net.duplicate')
    if (option.kind !== 'drop') this.send(env.toIx, this.memo ? this.memo.deliveryKey(env) : -1, () => ({ type: 'deliver', from: env.from, msg: env.msg }))
  }

  timers(): void {
    const waiting: number[] = []
    const actors = this.model.actors
    for (let i = 0; i < actors.length; i++) if (actors[i]!.kind === 'client' && actors[i]!.machine.can(this.snap(i), TIMEOUT)) waiting.push(i)
    for (const i of waiting) this.send(i, this.memo ? this.memo.timerKey(i, TIMEOUT) : -1, () => TIMEOUT)
  }

  /** Take step move `m`; a scripted step whose actor is busy is skipped, as `run` does. */
  step(m: number): void {
    const move = this.model.moves[m]!
    const slot = this.model.actors[move.actor]!
    if (!slot.machine.can(this.snap(move.actor), move.event)) {
      this.cov?.traceEvent(slot.kind, 'step.skip')
      return
    }
    this.cov?.traceEvent(slot.kind, 'step.begin')
    this.send(move.actor, this.memo ? this.memo.moveKey(m, move.actor, move.event) : -1, () => move.event)
  }

  finish(steps: number): GState {
    return { actors: this.actors ?? this.from.actors, net: this.net, steps, mon: this.mon ?? this.from.mon }
  }
}

/** Monitors from the 31st on share the mask's last bit. */
const LAST_BIT = 30

/**
 * Which monitors read any note in `out`, as bits (monitor k at bit min(k, 30)). A monitor whose bit is
 * clear would return its state unchanged on every one of them (monitors/types.ts `reads`), so the
 * search folds it over none of them. On most reactions (a provider's, say) no bit is set.
 */
export function watchedBy(monitors: readonly Monitor[], out: readonly LocalOut[]): number {
  let mask = 0
  for (const o of out) {
    if (!('note' in o)) continue
    for (let k = 0; k < monitors.length; k++) {
      const reads = monitors[k]!.reads
      if (reads === undefined || reads.has(o.note.type)) mask |= 1 << Math.min(k, LAST_BIT)
    }
  }
  return mask
}

/** Whether monitor `k` must fold a reaction whose `watchedBy` mask is `mask`. */
export function watches(mask: number, k: number): boolean {
  return ((mask >>> Math.min(k, LAST_BIT)) & 1) !== 0
}

/** A monitor over reaction `r`'s notes from state `s`, one note at a time. */
export function foldNotes(monitor: Monitor, r: Reaction, s: unknown): Fold {
  let st = s
  for (let j = 0; j < r.out.length; j++) {
    const o = r.out[j]!
    if (!('note' in o)) continue
    const x = monitor.next(st, o.note as unknown as MonitorEvent)
    if ('violated' in x) return { state: VIOLATED, at: j, explain: x.violated }
    st = x.state
  }
  return { state: st, at: -1, explain: '' }
}

const NO_OUT: readonly LocalOut[] = Object.freeze([])

/** What actor `i` does with `event` in `before`: its machine steps, and each MLS result goes straight back to it (run to completion); with `traced`, the machine steps taken, for coverage. */
export function reaction(model: ExploreModel, i: number, before: Snap, event: ActorEvent, traced: boolean): Reaction {
  const out: LocalOut[] = []
  const steps: MachineStep[] | null = traced ? [] : null
  const snap = run(model, i, before, event, out, steps)
  // Every field a reaction will hold is set here, so memoising one (memo.ts) grows no object.
  return {
    snap,
    index: undefined,
    snapId: -1,
    changed: snap !== before,
    // The memo keeps every reaction: an array grown by pushing holds room for 17 entries.
    out: out.length === 0 ? NO_OUT : out.slice(),
    steps: steps ?? undefined,
    watched: watchedBy(model.monitors, out),
    lastFold: undefined,
    folds: undefined,
    violations: undefined,
  }
}

function run(model: ExploreModel, i: number, before: Snap, event: ActorEvent, out: LocalOut[], steps: MachineStep[] | null): Snap {
  const slot = model.actors[i]!
  let next: Snap
  if (steps) {
    const taken: string[] = []
    next = slot.machine.stepTraced(before, event, taken)
    steps.push({ type: event.type, taken })
  } else next = slot.machine.step(before, event)
  if (next === before) return before
  const effects = next.context.outbox as readonly Effect[]
  if (effects !== NO_EFFECTS) {
    // A context with effects was built by this very step (an assign copies the context), so
    // nothing else holds it yet: its outbox is cleared in place rather than copied once more.
    if (next.context !== before.context) next.context.outbox = NO_EFFECTS
    else next = { value: next.value, context: { ...next.context, outbox: NO_EFFECTS } }
  }
  for (const e of effects) {
    if (e.kind === 'note') {
      // No monitor reads a note's explanation, and the memo keeps every note it is given: the
      // text (strings joined piece by piece) was a sixth of the objects on a 7-step search's heap.
      // Traces, which show it, are made by the runner, never from here.
      ;(e.note as { explain: string }).explain = ''
      out.push({ note: e.note })
    } else if (e.kind === 'send') out.push({ to: e.to, toIx: model.index.get(e.to)!, msg: e.msg, cid: -1 })
    else next = run(model, i, next, { type: 'mls.result', room: e.room, tag: e.tag, outcome: runMlsSync(e.op) }, out, steps)
  }
  return next
}

/** Whether some client's timer can fire (only asked when the network is quiet). */
export function anyWaiting(model: ExploreModel, s: GState): boolean {
  const actors = model.actors
  for (let i = 0; i < actors.length; i++) if (actors[i]!.kind === 'client' && actors[i]!.machine.can(s.actors[i]!, TIMEOUT)) return true
  return false
}

/**
 * Whether a run may end in `s`, as `run` ends one: the network quiet, no client waiting, and (with a
 * script) every step taken. Without a script, any such state ends the run made of the steps so far.
 */
export function mayEnd(model: ExploreModel, s: GState): boolean {
  return s.net.pending.length === 0 && !anyWaiting(model, s) && (!model.scripted || s.steps >= model.moves.length)
}

/** The `eventually` properties a run ending in `s` violates (monitors with `final`), or null. */
export function endViolations(model: ExploreModel, s: GState): Violation[] | null {
  let out: Violation[] | null = null
  const monitors = model.monitors
  for (let k = 0; k < monitors.length; k++) {
    const final = monitors[k]!.final
    const m = s.mon[k]
    if (!final || m === VIOLATED) continue
    const why = final.call(monitors[k], m)
    if (why !== null) (out ??= []).push({ property: k, explain: why })
  }
  return out
}

/** Step moves enabled at a quiet state: the next scripted step, or every alphabet entry whose actor can take it. */
export function enabledSteps(model: ExploreModel, s: GState): number[] {
  if (model.scripted) return s.steps < model.moves.length ? [s.steps] : []
  if (model.maxSteps !== null && s.steps >= model.maxSteps) return []
  const out: number[] = []
  const moves = model.moves
  for (let m = 0; m < moves.length; m++) {
    const mv = moves[m]!
    if (model.actors[mv.actor]!.machine.can(s.actors[mv.actor]!, mv.event)) out.push(m)
  }
  return out
}

export interface Successor {
  readonly code: number
  readonly state: GState
  readonly violations: readonly Violation[] | null
}

/**
 * Every successor of `s`, in a fixed order: network options in the runner's order; else the
 * timers; else the enabled steps. The callback gets each as soon as it is built.
 */
export function expand(model: ExploreModel, s: GState, aids: ExecAids, visit: (code: number, next: GState, violations: readonly Violation[] | null, ids: number[] | null) => void): void {
  const countSteps = model.maxSteps !== null
  if (s.net.pending.length > 0) {
    const options = model.net.options(s.net)
    for (let k = 0; k < options.length; k++) {
      const x = new Exec(model, s, aids)
      x.deliver(options[k]!)
      visit(k, x.finish(s.steps), x.violations, x.componentIds)
    }
    return
  }
  if (anyWaiting(model, s)) {
    const x = new Exec(model, s, aids)
    x.timers()
    visit(TIMERS, x.finish(s.steps), x.violations, x.componentIds)
    return
  }
  for (const m of enabledSteps(model, s)) {
    const x = new Exec(model, s, aids)
    x.step(m)
    visit(stepCode(m), x.finish(countSteps ? s.steps + 1 : s.steps), x.violations, x.componentIds)
  }
}

/** Apply one move code to `s` (rebuilding a path). */
export function applyCode(model: ExploreModel, s: GState, code: number, cov: Coverage | null = null): Successor {
  const x = new Exec(model, s, { ...NO_AIDS, cov })
  const countSteps = model.maxSteps !== null
  if (code >= 0) {
    const options = model.net.options(s.net)
    const option = options[code]
    if (!option) throw new Error(`move ${code}: only ${options.length} network options here`)
    x.deliver(option)
    return { code, state: x.finish(s.steps), violations: x.violations }
  }
  if (code === TIMERS) {
    x.timers()
    return { code, state: x.finish(s.steps), violations: x.violations }
  }
  x.step(moveOfCode(code))
  return { code, state: x.finish(countSteps ? s.steps + 1 : s.steps), violations: x.violations }
}
