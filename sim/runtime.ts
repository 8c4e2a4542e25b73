/**
 * Steps the actors' XState machines with the pure `transition()` and turns what they ask for into
 * effects (design.md "Model pure, effects in sim"): sends go onto the network, notes into the trace,
 * MLS operations through the engine — each result fed straight back to the actor that asked, before
 * anything else happens to it (run to completion), so model code never sees a half-done operation.
 */
import { type AnyStateMachine, initialTransition, transition } from 'xstate'
import { type ClientEvent, clientMachine } from '../model/client/machine.js'
import type { ActorId, Effect, MlsOp, MlsOutcome } from '../model/effects.js'
import type { MlsEngine } from '../model/mls/types.js'
import { summarize } from '../model/protocol/messages.js'
import { followerMachine, hubMachine, type ProviderEvent } from '../model/provider/machines.js'
import type { Network } from './net/network.js'
import type { Recorder } from './trace/recorder.js'
import type { Setup } from './world/setup.js'

/** Any event an actor's machine takes: the client's and the providers' event unions. */
export type ActorEvent = ClientEvent | ProviderEvent

export interface ActorCell {
  readonly id: ActorId
  readonly kind: 'client' | 'hub' | 'follower'
  readonly machine: AnyStateMachine
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  snapshot: any
}

export class Runtime {
  readonly actors = new Map<ActorId, ActorCell>()
  /** Number of machine transitions taken (reported by the benchmarks). */
  transitions = 0

  constructor(
    setup: Setup,
    private readonly engine: MlsEngine,
    private readonly net: Network,
    private readonly rec: Recorder,
  ) {
    for (const [id, input] of [...setup.providers.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const machine = input.hub ? hubMachine : followerMachine
      this.actors.set(id, { id, kind: input.hub ? 'hub' : 'follower', machine, snapshot: initialTransition(machine, input.input)[0] })
    }
    for (const [id, input] of [...setup.clients.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      this.actors.set(id, { id, kind: 'client', machine: clientMachine, snapshot: initialTransition(clientMachine, input)[0] })
    }
  }

  context(id: ActorId): unknown {
    return this.actors.get(id)?.snapshot.context
  }

  /** Deliver one event to an actor and carry out everything it asks for. */
  async send(id: ActorId, event: ActorEvent): Promise<void> {
    const cell = this.actors.get(id)
    if (!cell) throw new Error(`no actor ${id}`)
    const [next] = transition(cell.machine, cell.snapshot, event as never)
    this.transitions += 1
    cell.snapshot = next
    await this.effects(cell, next.context.outbox as readonly Effect[])
  }

  private async effects(cell: ActorCell, effects: readonly Effect[]): Promise<void> {
    for (const e of effects) {
      if (e.kind === 'note') this.rec.note(e.note)
      else if (e.kind === 'send') {
        const env = this.net.enqueueMutable(cell.id, e.to, e.msg)
        this.rec.add(cell.id, e.msg.room, null, { type: 'net.send', msg: env.id, to: e.to, kind: e.msg.type, summary: summarize(e.msg) }, `${summarize(e.msg)}`)
      } else {
        const outcome = await runMls(this.engine, e.op)
        await this.send(cell.id, { type: 'mls.result', room: e.room, tag: e.tag, outcome })
      }
    }
  }
}

export async function runMls(engine: MlsEngine, op: MlsOp): Promise<MlsOutcome> {
  switch (op.op) {
    case 'commit': {
      const result = await engine.commit(op.group, op.request)
      return { op: 'commit', result, view: engine.view(result.state) }
    }
    case 'process': {
      const result = await engine.process(op.group, op.wire, op.validator)
      const state = 'state' in result ? result.state : null
      return { op: 'process', result, view: state ? engine.view(state) : null }
    }
    case 'join': {
      const result = await engine.join(op.identity, op.kp, op.welcome)
      return { op: 'join', result, view: result.kind === 'joined' ? engine.view(result.state) : null }
    }
    case 'protect': {
      const r = await engine.protect(op.group, op.text)
      return { op: 'protect', state: r.state, message: r.message, view: engine.view(r.state) }
    }
    case 'joinExternal': {
      // The interface has no failure result for joinExternal (ts-mls throws); a refused join is
      // still an outcome the joiner must see, like a failed Welcome.
      let r
      try {
        r = await engine.joinExternal(op.identity, op.kp, op.groupInfo)
      } catch (err) {
        return { op: 'joinExternal.failed', error: `${(err as Error).constructor.name}: ${(err as Error).message}` }
      }
      return { op: 'joinExternal', state: r.state, commit: r.commit, groupInfo: r.groupInfo, view: engine.view(r.state) }
    }
    case 'proposeExternalAdd':
      return { op: 'proposeExternalAdd', proposal: await engine.proposeExternalAdd(op.sender, op.groupInfo, op.kp) }
    case 'proposeExternalRemove':
      return { op: 'proposeExternalRemove', proposal: await engine.proposeExternalRemove(op.sender, op.groupInfo, op.client) }
    case 'proposeExternalContext':
      return { op: 'proposeExternalContext', proposal: await engine.proposeExternalContext(op.sender, op.groupInfo, op.context) }
  }
}
