/**
 * `run(scenario, design, seed | choices, engine)`: one run is a pure function of these inputs
 * (design.md "One seed"). Steps happen one at a time; after each, the network settles — the chooser
 * picks every delivery, drop, duplication and adversary option — before the next step begins.
 *
 * Simplified: steps do not overlap (a step's messages are all delivered or lost before the next
 * step starts), so races come from the order of deliveries within a step, not between steps.
 */
import { completeDesign, type DesignInput } from '../model/design.js'
import type { ActorId } from '../model/effects.js'
import type { ClientIntent } from '../model/client/context.js'
import { type ClientId, type ProviderId, shortName } from '../model/ids.js'
import { createRealMls, createSymbolicMls, type EngineName, type MlsEngine } from '../model/mls/index.js'
import { roleSet } from '../model/policy/templates.js'
import type { Property } from '../properties/types.js'
import { type Chooser, randomChooser, replayChooser } from './chooser.js'
import { Network, optionLabel } from './net/network.js'
import { seededRng } from './rng.js'
import { type ActorEvent, Runtime } from './runtime.js'
import type { EditSpec, Expectation, Scenario, StepAction } from './scenario/types.js'
import { TRACE_FORMAT, TRACE_VERSION, type Trace, type TraceActor, type TraceVerdict } from './trace/events.js'
import { Recorder } from './trace/recorder.js'
import { TOOL_VERSION } from './version.js'
import { resolveWorld, stepActor, type World, type WorldRoom } from './world/resolve.js'
import { type Names, resolveEdit, roleIndex } from './world/resolvePolicy.js'
import { setupWorld } from './world/setup.js'

/** A settle that runs this long is a model bug (a message loop), not a long scenario. */
const MAX_DELIVERIES_PER_STEP = 2_000

/** How far the virtual clock jumps when a waiting client's timer fires on a quiet network. */
export const TIMEOUT_TICKS = 10

/**
 * Once the network is quiet, every client still waiting for an answer (its request or the answer
 * was lost) gets a timeout, in a stable order, and the network settles again; a client retries a
 * bounded number of times (model/client/retry.ts) and then gives up, so this ends.
 */
async function fireTimers(rt: Runtime, net: Network, rec: Recorder, chooser: Chooser): Promise<number> {
  let deliveries = 0
  for (;;) {
    const waiting = [...rt.actors.values()].filter((c) => c.kind === 'client' && c.snapshot.can({ type: 'timeout' })).map((c) => c.id)
    if (waiting.length === 0) return deliveries
    rec.advanceMutable(TIMEOUT_TICKS)
    for (const id of waiting) await rt.send(id, { type: 'timeout' })
    deliveries += await settle(rt, net, rec, chooser)
  }
}

export interface RunOptions {
  /** Knobs left out take their default (model/design.ts). */
  readonly design: DesignInput
  readonly engine: EngineName
  /** Seeds the chooser (unless `choices` is given) and the engine's randomness. Default 0. */
  readonly seed?: number
  /** Replay these choices instead of drawing from the seed. */
  readonly choices?: readonly number[]
  readonly properties: readonly Property[]
  /** Use this engine instead of a fresh one (benchmarks reuse identities across runs). */
  readonly mls?: MlsEngine
}

export interface RunResult {
  readonly trace: Trace
  readonly expectationsMet: boolean
  readonly deliveries: number
  readonly transitions: number
}

export function expectationFor(scenario: Scenario, property: string, design: DesignInput): Expectation | null {
  const e = scenario.expect[property]
  if (e === undefined) return null
  if (typeof e === 'string') return e
  for (const key of Object.keys(e)) {
    const [knob, value] = key.split('=')
    if ((design as Record<string, string>)[knob!] === value) return e[key]!
  }
  return null
}

function intentFor(world: World, step: StepAction): ClientIntent | null {
  const room = world.room(step.room)
  const names = namesOf(world, room)
  switch (step.do) {
    case 'add':
      return { action: 'add', room: room.id, target: world.user(step.target).id, role: roleIndex(names, step.role ?? 'ordinary_user') }
    case 'remove':
      return { action: 'remove', room: room.id, target: world.user(step.target).id }
    case 'send':
      return { action: 'send', room: room.id, text: step.text }
    case 'commit':
      return { action: 'commit', room: room.id }
    case 'externalJoin':
      return { action: 'externalJoin', room: room.id }
    case 'kick':
    case 'ban':
      return { action: step.do, room: room.id, target: world.user(step.target).id }
    case 'changeRole':
      return { action: 'changeRole', room: room.id, target: world.user(step.target).id, role: roleIndex(names, step.role) }
    case 'edit':
      return { action: 'edit', room: room.id, label: describeEdits(step.edits), edits: step.edits.map((e) => resolveEdit(names, e)) }
    case 'leave':
      return { action: 'leave', room: room.id }
    default:
      return null
  }
}

function namesOf(world: World, room: WorldRoom): Names {
  return { user: (n) => world.user(n).id, roles: roleSet(room.template)! }
}

/** The event a scenario step sends to its actor (exported for the explorer, which must branch on the same steps). */
export function stepEvent(world: World, step: StepAction): ActorEvent {
  const intent = intentFor(world, step)
  if (intent) return { type: 'intent', intent }
  const room = world.room(step.room)
  switch (step.do) {
    case 'injectAdd':
      return { type: 'adversary', act: { action: 'injectAdd', room: room.id, target: world.user(step.target).id } }
    case 'forgeAcl':
      return { type: 'adversary', act: { action: 'forgeAcl', room: room.id, target: world.user(step.target).id, victim: world.user(step.victim).clients[0]! } }
    case 'hubPropose': {
      const names = namesOf(world, room)
      return { type: 'admin', act: { action: 'propose', room: room.id, edits: (step.edits ?? []).map((e) => resolveEdit(names, e)), kick: (step.kick ?? []).map((u) => world.user(u).id) } }
    }
    default:
      throw new Error(`unhandled step ${JSON.stringify(step)}`)
  }
}

function describeEdits(edits: readonly EditSpec[]): string {
  return edits
    .map((e) => {
      switch (e.component) {
        case 'participants':
          return `change the participant list (${[...(e.add ?? []).map((p) => `+${p.user} as ${p.role}`), ...(e.remove ?? []).map((u) => `-${u}`), ...(e.change ?? []).map((p) => `${p.user} → ${p.role}`)].join(', ')})`
        case 'roles':
          return `change the role definitions (${[...(e.template ? [`use ${e.template}`] : []), ...(e.grant ?? []).map((g) => `give ${g.role} ${g.capability}${g.to ? ` → ${g.to.join('/')}` : ''}`)].join(', ')})`
        case 'preauth':
          return `set the preauthorized users (${e.entries.map((p) => `${p.user ?? p.provider ?? p.kind ?? 'anyone'} → ${p.role}`).join(', ') || 'none'})`
        case 'base':
          return `change the base room policy (${Object.entries(e).filter(([k]) => k !== 'component').map(([k, v]) => `${k}=${String(v)}`).join(', ')})`
        case 'metadata':
          return `change the room metadata (${Object.entries(e).filter(([k]) => k !== 'component').map(([k, v]) => `${k} "${String(v)}"`).join(', ')})`
      }
    })
    .join('; ')
}

export function describeStep(step: StepAction): string {
  switch (step.do) {
    case 'add':
      return `${step.actor} adds ${step.target}${step.role ? ` as ${step.role}` : ''} to ${step.room}`
    case 'remove':
      return `${step.actor} removes ${step.target} from ${step.room}`
    case 'send':
      return `${step.actor} sends "${step.text}" to ${step.room}`
    case 'commit':
      return `${step.actor} commits pending proposals in ${step.room}`
    case 'externalJoin':
      return `${step.actor} asks to join ${step.room} by external commit`
    case 'injectAdd':
      return `adversary ${step.actor} injects an Add of ${step.target} into ${step.room}`
    case 'forgeAcl':
      return `adversary ${step.actor} tells ${step.victim} that ${step.target} is in ${step.room}`
    case 'kick':
      return `${step.actor} kicks ${step.target} from ${step.room}`
    case 'ban':
      return `${step.actor} bans ${step.target} from ${step.room}`
    case 'changeRole':
      return step.actor === step.target ? `${step.actor} changes its own role in ${step.room} to ${step.role}` : `${step.actor} moves ${step.target} to ${step.role} in ${step.room}`
    case 'edit':
      return `${step.actor} asks to ${describeEdits(step.edits)} in ${step.room}`
    case 'leave':
      return `${step.actor} leaves ${step.room}`
    case 'hubPropose':
      return `hub ${step.actor} proposes, as external sender, to ${[...(step.kick ?? []).map((u) => `remove ${u}'s clients`), ...(step.edits ? [describeEdits(step.edits)] : [])].join('; ')} in ${step.room}`
  }
}

async function settle(rt: Runtime, net: Network, rec: Recorder, chooser: Chooser): Promise<number> {
  let deliveries = 0
  while (net.size > 0) {
    if (++deliveries > MAX_DELIVERIES_PER_STEP) throw new Error(`step ${rec.step} did not settle after ${MAX_DELIVERIES_PER_STEP} deliveries (model bug: message loop)`)
    const options = net.options()
    const option = options[chooser.choose(options.map(optionLabel))]!
    const env = net.takeMutable(option)
    rec.tickMutable()
    const base = { msg: env.id, from: env.from, to: env.to, kind: env.msg.type }
    if (option.kind === 'drop') {
      rec.add(env.to, env.msg.room, null, { type: 'net.drop', ...base }, `network drops #${env.id} ${env.msg.type} from ${shortName(env.from)} to ${shortName(env.to)}`)
      continue
    }
    if (option.kind === 'duplicate') {
      rec.add(env.to, env.msg.room, null, { type: 'net.duplicate', ...base, copy: env.copy }, `network delivers a second copy of #${env.id} ${env.msg.type}`)
    }
    rec.add(env.to, env.msg.room, null, { type: 'net.deliver', msg: env.id, from: env.from, kind: env.msg.type }, `${shortName(env.to)} receives #${env.id} ${env.msg.type} from ${shortName(env.from)}`)
    await rt.send(env.to, { type: 'deliver', from: env.from, msg: env.msg })
  }
  return deliveries
}

export function traceActors(world: World): TraceActor[] {
  const providers: TraceActor[] = world.providers.map((p) => ({
    id: p.id,
    label: shortName(p.id),
    kind: 'provider',
    provider: p.id,
    user: null,
    hubOf: world.rooms.filter((r) => r.hub === p.id).map((r) => r.id),
    malicious: p.malicious !== null,
  }))
  const clients: TraceActor[] = world.users.flatMap((u) =>
    u.clients.map((c) => ({ id: c, label: shortName(c), kind: 'client' as const, provider: u.provider, user: u.id, hubOf: [], malicious: u.malicious })),
  )
  return [...providers, ...clients]
}

export async function runScenario(scenario: Scenario, options: RunOptions): Promise<RunResult> {
  const opts = { ...options, design: completeDesign(options.design) }
  const seed = opts.seed ?? 0
  const world = resolveWorld(scenario)
  const engine = opts.mls ?? (opts.engine === 'real' ? createRealMls(`mimi-sim/${seed}`) : createSymbolicMls(`mimi-sim/${seed}`))
  const chooser = opts.choices ? replayChooser(opts.choices) : randomChooser(seededRng(seed))
  const rec = new Recorder()
  const net = new Network(scenario.network)
  const rt = new Runtime(await setupWorld(world, opts.design, engine, rec), engine, net, rec)
  let deliveries = 0
  for (const [k, step] of scenario.steps.entries()) {
    rec.step = k
    const actor: ActorId = stepActor(world, step) as ClientId | ProviderId
    const event = stepEvent(world, step)
    const cell = rt.actors.get(actor)!
    if (!cell.snapshot.can(event)) {
      rec.add(actor, world.room(step.room).id, null, { type: 'step.skip', action: step, reason: 'busy' }, `step ${k} skipped: ${shortName(actor)} is still busy with an earlier step`)
      continue
    }
    rec.add(actor, world.room(step.room).id, null, { type: 'step.begin', action: step }, `step ${k}: ${describeStep(step)}`)
    await rt.send(actor, event)
    deliveries += await settle(rt, net, rec, chooser)
    deliveries += await fireTimers(rt, net, rec, chooser)
  }
  const meta = {
    scenario: scenario.name,
    description: scenario.description,
    spec: scenario.spec,
    design: { ...opts.design },
    seed,
    choices: [...chooser.taken],
    engine: engine.name,
    tool: TOOL_VERSION,
  }
  const actors = traceActors(world)
  const view = { meta, actors, events: rec.events }
  const verdicts: TraceVerdict[] = opts.properties.map((p) => {
    const v = p.holds(view)
    return { property: p.id, status: v.status, expected: expectationFor(scenario, p.id, opts.design), spec: p.spec, at: v.at, explain: v.explain }
  })
  const expectationsMet = verdicts.every((v) => v.expected === null || v.expected === v.status)
  const trace: Trace = { format: TRACE_FORMAT, version: TRACE_VERSION, meta, actors, events: rec.events, verdicts }
  return { trace, expectationsMet, deliveries, transitions: rt.transitions }
}
