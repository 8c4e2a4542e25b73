/**
 * One transition of the search, carried out the way sim/runtime.ts and sim/runner.ts do it: the
 * actor's (compiled) machine takes the event; its effects follow in order — a note goes to the
 * property monitors, a send onto the network, an MLS operation through SymbolicMls with the result
 * fed straight back to the same actor (run to completion). Effects are then dropped from the
 * stored context (`outbox` is only the channel to the simulator; model code never reads it).
 *
 * A transition's moves, as integers (kept per state by the search, to rebuild a path): k ≥ 0
 * takes network option k; −1 fires the timers of every waiting client (the network is quiet);
 * −2 − m takes step move m (the next scripted step, or alphabet entry m).
 */
import type { Effect, Note } from '../../model/effects.js'
import type { Snap } from '../compile/index.js'
import type { ActorEvent } from '../runtime.js'
import type { Coverage } from './coverage.js'
import { type ExploreModel, type GState, NO_EFFECTS, VIOLATED } from './model.js'
import { runMlsSync } from './mls.js'
import { enqueue, type NetOption, type NetState } from './net.js'
import type { MonitorEvent } from './monitors/index.js'

export const TIMERS = -1
export const stepCode = (move: number): number => -2 - move
export const moveOfCode = (code: number): number => -2 - code

const TIMEOUT = { type: 'timeout' } as const

export interface Violation {
  readonly property: number
  readonly explain: string
}

/** Mutable scratch for one transition; `finish` freezes it into the next state. */
export class Exec {
  private actors: Snap[] | null = null
  private mon: unknown[] | null = null
  net: NetState
  violations: Violation[] | null = null
  private readonly taken: string[] = []

  constructor(
    private readonly model: ExploreModel,
    private readonly from: GState,
    private readonly cov: Coverage | null,
  ) {
    this.net = from.net
  }

  snap(i: number): Snap {
    return (this.actors ?? this.from.actors)[i]!
  }

  send(i: number, event: ActorEvent): void {
    const slot = this.model.actors[i]!
    const before = this.snap(i)
    let next: Snap
    if (this.cov) {
      this.taken.length = 0
      next = slot.machine.stepTraced(before, event, this.taken)
      this.cov.machineEvent(slot.kind, event.type, this.taken)
    } else next = slot.machine.step(before, event)
    if (next === before) return
    const effects = next.context.outbox as readonly Effect[]
    if (!this.actors) this.actors = this.from.actors.slice()
    if (effects !== NO_EFFECTS) {
      // A context with effects was built by this very step (an assign copies the context), so
      // nothing else holds it yet: its outbox is cleared in place rather than copied once more.
      if (next.context !== before.context) next.context.outbox = NO_EFFECTS
      else next = { value: next.value, context: { ...next.context, outbox: NO_EFFECTS } }
    }
    this.actors[i] = next
    for (const e of effects) {
      if (e.kind === 'note') this.note(e.note, slot.kind)
      else if (e.kind === 'send') {
        this.net = enqueue(this.net, slot.id, i, e.to, this.model.index.get(e.to)!, e.msg)
        this.cov?.traceEvent(slot.kind, 'net.send')
      } else this.send(i, { type: 'mls.result', room: e.room, tag: e.tag, outcome: runMlsSync(e.op) })
    }
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
      if (!this.mon) this.mon = this.from.mon.slice()
      this.mon[k] = after
      if (after === VIOLATED) (this.violations ??= []).push({ property: k, explain: (r as { violated: string }).violated })
    }
  }

  deliver(option: NetOption): void {
    const { net, env } = this.model.net.take(this.net, option)
    this.net = net
    const kind = this.model.actors[env.toIx]!.kind
    this.cov?.traceEvent(kind, option.kind === 'drop' ? 'net.drop' : 'net.deliver')
    if (option.kind === 'duplicate') this.cov?.traceEvent(kind, 'net.duplicate')
    if (option.kind !== 'drop') this.send(env.toIx, { type: 'deliver', from: env.from, msg: env.msg })
  }

  timers(): void {
    const waiting: number[] = []
    const actors = this.model.actors
    for (let i = 0; i < actors.length; i++) if (actors[i]!.kind === 'client' && actors[i]!.machine.can(this.snap(i), TIMEOUT)) waiting.push(i)
    for (const i of waiting) this.send(i, TIMEOUT)
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
    this.send(move.actor, move.event)
  }

  finish(steps: number): GState {
    return { actors: this.actors ?? this.from.actors, net: this.net, steps, mon: this.mon ?? this.from.mon }
  }
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
export function expand(model: ExploreModel, s: GState, cov: Coverage | null, visit: (code: number, next: GState, violations: readonly Violation[] | null) => void): void {
  const countSteps = model.maxSteps !== null
  if (s.net.pending.length > 0) {
    const options = model.net.options(s.net)
    for (let k = 0; k < options.length; k++) {
      const x = new Exec(model, s, cov)
      x.deliver(options[k]!)
      visit(k, x.finish(s.steps), x.violations)
    }
    return
  }
  if (anyWaiting(model, s)) {
    const x = new Exec(model, s, cov)
    x.timers()
    visit(TIMERS, x.finish(s.steps), x.violations)
    return
  }
  for (const m of enabledSteps(model, s)) {
    const x = new Exec(model, s, cov)
    x.step(m)
    visit(stepCode(m), x.finish(countSteps ? s.steps + 1 : s.steps), x.violations)
  }
}

/** Apply one move code to `s` (rebuilding a path). */
export function applyCode(model: ExploreModel, s: GState, code: number, cov: Coverage | null = null): Successor {
  const x = new Exec(model, s, cov)
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
