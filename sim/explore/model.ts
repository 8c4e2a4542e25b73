/**
 * What the explorer searches: one scenario's world under one design, with SymbolicMls, as a
 * transition system — the initial state (the world after setup, exactly as `run` builds it), the
 * actors and their compiled machines, the steps that may be taken, the network rules and the
 * property monitors.
 *
 * Steps come from the scenario when it has any (`scripted`: taken in order, as `run` takes them) and
 * otherwise from the world's step alphabet (sim/check/arbitraries.ts), each usable any number of
 * times up to `maxSteps`: who does what, and which adversary moves, are then choices too. The
 * room-administration steps (draft-ietf-mimi-room-policy-03 §8.1) join the alphabet only on request
 * (`admin`), since they multiply the state space.
 */
import { CLIENT_PASS_THROUGH } from '../../model/client/context.js'
import { completeDesign, type Design, type DesignInput } from '../../model/design.js'
import type { ActorId } from '../../model/effects.js'
import { createSymbolicMls } from '../../model/mls/index.js'
import type { PassThrough } from '../../model/passThrough.js'
import { PROVIDER_PASS_THROUGH } from '../../model/provider/context.js'
import type { Property } from '../../properties/types.js'
import { stepAlphabet } from '../check/arbitraries.js'
import { type ActorKind, type CompiledMachine, MODEL_MACHINES, type Snap } from '../compile/index.js'
import { stepEvent, traceActors } from '../runner.js'
import type { ActorEvent } from '../runtime.js'
import type { Scenario, StepAction } from '../scenario/types.js'
import type { TraceActor, TraceEvent } from '../trace/events.js'
import { Recorder } from '../trace/recorder.js'
import { resolveWorld, stepActor, type World } from '../world/resolve.js'
import { setupWorld } from '../world/setup.js'
import { type Monitor, monitorFor, monitorWorld, type MonitorEvent } from './monitors/index.js'
import { EMPTY_NET, NetRules, type NetState } from './net.js'

/** The engine seed `run` uses by default (seed 0): a counterexample replays with the same KeyPackage refs. */
export const ENGINE_SEED = 0

export interface ActorSlot {
  readonly id: ActorId
  readonly kind: ActorKind
  readonly machine: CompiledMachine
  /** Parts of its context only some events touch (model/passThrough.ts), declared by the model. */
  readonly passThrough: readonly PassThrough[]
}

/** A step the search may take: the scenario action, who performs it, and the event it becomes. */
export interface StepMove {
  readonly action: StepAction
  readonly actor: number
  readonly event: ActorEvent
}

export interface GState {
  readonly actors: readonly Snap[]
  readonly net: NetState
  /** Steps taken so far (scripted: the index of the next step). */
  readonly steps: number
  /** One state per monitored property; `VIOLATED` once violated on this path. */
  readonly mon: readonly unknown[]
}

export const VIOLATED = Object.freeze({ violated: true })

export interface ExploreModel {
  readonly scenario: Scenario
  readonly design: Design
  readonly world: World
  readonly actors: readonly ActorSlot[]
  readonly index: ReadonlyMap<string, number>
  readonly traceActors: readonly TraceActor[]
  readonly setupEvents: readonly TraceEvent[]
  readonly net: NetRules
  readonly properties: readonly Property[]
  readonly monitors: readonly Monitor[]
  /** The script (scripted mode) or the alphabet, each move with its actor and event. */
  readonly moves: readonly StepMove[]
  readonly scripted: boolean
  /** Alphabet mode: the most steps a path may take (null: only the depth bounds it). */
  readonly maxSteps: number | null
  readonly initial: GState
}

export interface ModelOptions {
  /** Knobs not given take their defaults, as in `run`. */
  readonly design: DesignInput
  readonly properties: readonly Property[]
  /** Explore the world's step alphabet even if the scenario has steps. */
  readonly free?: boolean
  readonly maxSteps?: number | null
  /**
   * An unscripted world's alphabet includes the room-administration steps (kick, ban, changeRole,
   * edit, leave, the hub's hubPropose) as `check` draws them. Off by default: they multiply the
   * state space, and the pinned counts are taken without them.
   */
  readonly admin?: boolean
  /** The steps of an unscripted world (default: the alphabet, with administration steps only if `admin`); `check`'s coverage passes the alphabet its runs are drawn from. */
  readonly alphabet?: readonly StepAction[]
}

export async function buildModel(scenario: Scenario, opts: ModelOptions): Promise<ExploreModel> {
  const world = resolveWorld(scenario)
  const design = completeDesign(opts.design)
  const rec = new Recorder()
  const setup = await setupWorld(world, design, createSymbolicMls(`mimi-sim/${ENGINE_SEED}`), rec)
  const actors: ActorSlot[] = []
  const snaps: Snap[] = []
  // The runtime's order: providers, then clients, each sorted by id (sim/runtime.ts).
  for (const [id, p] of [...setup.providers.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const kind: ActorKind = p.hub ? 'hub' : 'follower'
    actors.push({ id, kind, machine: MODEL_MACHINES[kind], passThrough: PROVIDER_PASS_THROUGH })
    snaps.push(MODEL_MACHINES[kind].initial(p.input))
  }
  for (const [id, input] of [...setup.clients.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    actors.push({ id, kind: 'client', machine: MODEL_MACHINES.client, passThrough: CLIENT_PASS_THROUGH })
    snaps.push(MODEL_MACHINES.client.initial(input))
  }
  const index = new Map(actors.map((a, i) => [a.id as string, i]))
  const tActors = traceActors(world)
  const mw = monitorWorld(tActors, design as unknown as Record<string, string>)
  const monitors = opts.properties.map((p) => monitorFor(p, mw))
  const scripted = scenario.steps.length > 0 && opts.free !== true
  const actions = scripted ? scenario.steps : (opts.alphabet ?? stepAlphabet(scenario, { policy: opts.admin === true }).flat())
  const moves = actions.map((action) => ({ action, actor: index.get(stepActor(world, action))!, event: stepEvent(world, action) }))
  let mon: unknown[] = monitors.map((m) => m.initial)
  for (const e of rec.events) mon = mon.map((s, k) => {
    const r = monitors[k]!.next(s, e as unknown as MonitorEvent)
    return 'state' in r ? r.state : VIOLATED
  })
  const initial: GState = { actors: snaps.map((s) => ({ value: s.value, context: { ...s.context, outbox: NO_EFFECTS } })), net: EMPTY_NET, steps: 0, mon }
  return {
    scenario,
    design,
    world,
    actors,
    index,
    traceActors: tActors,
    setupEvents: rec.events,
    net: new NetRules(scenario.network),
    properties: opts.properties,
    monitors,
    moves,
    scripted,
    maxSteps: scripted ? scenario.steps.length : (opts.maxSteps ?? null),
    initial,
  }
}

/** Every context in a search state has this outbox: effects are carried out, then forgotten. */
export const NO_EFFECTS: readonly never[] = Object.freeze([]) as readonly never[]
