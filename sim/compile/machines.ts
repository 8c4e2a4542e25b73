/**
 * The model's machines, compiled once per process: the client, the hub and the follower
 * (model/client/machine.ts, model/provider/machines.ts). Search uses these; `run` keeps XState.
 */
import { clientMachine } from '../../model/client/machine.js'
import { followerMachine, hubMachine } from '../../model/provider/machines.js'
import { type CompiledMachine, compileMachine } from './compileMachine.js'

export type ActorKind = 'client' | 'hub' | 'follower'

export const MODEL_MACHINES: Readonly<Record<ActorKind, CompiledMachine>> = {
  client: compileMachine(clientMachine),
  hub: compileMachine(hubMachine),
  follower: compileMachine(followerMachine),
}
