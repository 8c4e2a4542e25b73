/**
 * The network as an immutable value, so a search state can share it with its successors. Same
 * semantics and the same option order as sim/net/network.ts (so a path's option indices replay
 * through `run --choices`): pending messages oldest first; under `per-link` only each link's head
 * is deliverable; each candidate offers deliver, then drop (`loss`), then duplicate (`duplication`,
 * first copy only) while fewer than `maxFaults` faults have happened.
 *
 * Envelope ids are kept only to label options and traces; they are not part of a state's identity
 * (canon.ts leaves them out): the model never sees them.
 */
import type { ActorId } from '../../model/effects.js'
import type { Message } from '../../model/protocol/messages.js'
import type { NetworkSpec } from '../scenario/types.js'

export interface Env {
  readonly id: number
  readonly from: ActorId
  readonly to: ActorId
  /** Actor indices of `from` and `to` (cheap link identity). */
  readonly link: number
  readonly toIx: number
  readonly msg: Message
  readonly copy: number
  /** Its canonical id (canon.ts), when the sender's memoised reaction already knows it; −1 otherwise. */
  readonly cid: number
}

export interface NetState {
  readonly pending: readonly Env[]
  readonly nextId: number
  readonly faults: number
}

export type NetKind = 'deliver' | 'drop' | 'duplicate'

export interface NetOption {
  readonly kind: NetKind
  readonly env: Env
}

export const EMPTY_NET: NetState = { pending: [], nextId: 1, faults: 0 }

export class NetRules {
  private readonly perLink: boolean
  private readonly maxFaults: number
  private readonly loss: boolean
  private readonly duplication: boolean

  constructor(spec: NetworkSpec) {
    this.perLink = spec.ordering === 'per-link'
    this.maxFaults = spec.maxFaults ?? 2
    this.loss = spec.loss === true
    this.duplication = spec.duplication === true
  }

  /** Whether faults can ever happen (otherwise the fault count is not part of a state). */
  get faulty(): boolean {
    return (this.loss || this.duplication) && this.maxFaults > 0
  }

  get ordered(): boolean {
    return this.perLink
  }

  /** The rules as plain values, for a search that applies them to packed states (packed.ts). */
  get rules(): { readonly perLink: boolean; readonly loss: boolean; readonly duplication: boolean; readonly maxFaults: number } {
    return { perLink: this.perLink, loss: this.loss, duplication: this.duplication, maxFaults: this.maxFaults }
  }

  options(net: NetState): NetOption[] {
    const out: NetOption[] = []
    const faultsLeft = net.faults < this.maxFaults
    const seen: number[] = []
    for (const env of net.pending) {
      if (this.perLink) {
        if (seen.includes(env.link)) continue
        seen.push(env.link)
      }
      out.push({ kind: 'deliver', env })
      if (faultsLeft && this.loss) out.push({ kind: 'drop', env })
      if (faultsLeft && this.duplication && env.copy === 0) out.push({ kind: 'duplicate', env })
    }
    return out
  }

  /** The network after the option is taken, and the envelope to hand over (a copy for a duplicate). */
  take(net: NetState, option: NetOption): { readonly net: NetState; readonly env: Env } {
    const { env } = option
    if (option.kind === 'duplicate') return { net: { ...net, faults: net.faults + 1 }, env: { ...env, copy: env.copy + 1, cid: -1 } }
    const pending = net.pending.filter((e) => e !== env)
    return { net: { pending, nextId: net.nextId, faults: option.kind === 'drop' ? net.faults + 1 : net.faults }, env }
  }
}

export function enqueue(net: NetState, from: ActorId, fromIx: number, to: ActorId, toIx: number, msg: Message, cid = -1): NetState {
  const env: Env = { id: net.nextId, from, to, link: fromIx * 4096 + toIx, toIx, msg, copy: 0, cid }
  return { pending: [...net.pending, env], nextId: net.nextId + 1, faults: net.faults }
}

export function optionLabel(o: NetOption): string {
  return `${o.kind} #${o.env.id} ${o.env.msg.type}`
}
