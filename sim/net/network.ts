/**
 * The simulated network between actors, with named delivery semantics (style.md: Stateright's
 * `Network` — ordered per link or unordered; loss and duplication as options the chooser takes).
 *
 * The network never decides anything itself: `options()` lists what may happen next, in a stable
 * order, and the runner asks the chooser. Option 0 is always "deliver the oldest deliverable
 * message", so a chooser that always says 0 gives the quiet, in-order run.
 *
 * Delay is what reordering is: a message that is not picked stays pending while others go first.
 * Loss and duplication are bounded by `maxFaults` so every run ends.
 */
import type { ActorId } from '../../model/effects.js'
import type { Message } from '../../model/protocol/messages.js'
import type { NetworkSpec } from '../scenario/types.js'

export interface Envelope {
  readonly id: number
  readonly from: ActorId
  readonly to: ActorId
  readonly msg: Message
  readonly copy: number
}

export type NetOption =
  | { readonly kind: 'deliver'; readonly env: Envelope }
  | { readonly kind: 'drop'; readonly env: Envelope }
  | { readonly kind: 'duplicate'; readonly env: Envelope }

export class Network {
  private pending: Envelope[] = []
  private nextId = 1
  private faults = 0

  constructor(private readonly spec: NetworkSpec) {}

  get size(): number {
    return this.pending.length
  }

  enqueueMutable(from: ActorId, to: ActorId, msg: Message): Envelope {
    const env: Envelope = { id: this.nextId++, from, to, msg, copy: 0 }
    this.pending.push(env)
    return env
  }

  /** What may happen next, oldest first; per-link ordering offers only each link's head. */
  options(): NetOption[] {
    let candidates = this.pending
    if (this.spec.ordering === 'per-link') {
      const seen = new Set<string>()
      candidates = this.pending.filter((e) => {
        const link = `${e.from} ${e.to}`
        if (seen.has(link)) return false
        seen.add(link)
        return true
      })
    }
    const faultsLeft = this.faults < (this.spec.maxFaults ?? 2)
    const out: NetOption[] = []
    for (const env of candidates) {
      out.push({ kind: 'deliver', env })
      if (faultsLeft && this.spec.loss) out.push({ kind: 'drop', env })
      if (faultsLeft && this.spec.duplication && env.copy === 0) out.push({ kind: 'duplicate', env })
    }
    return out
  }

  /** Take the option's message off the network; a duplicate leaves the original pending. */
  takeMutable(option: NetOption): Envelope {
    const { env } = option
    if (option.kind === 'duplicate') {
      this.faults += 1
      return { ...env, copy: env.copy + 1 }
    }
    if (option.kind === 'drop') this.faults += 1
    this.pending = this.pending.filter((e) => e !== env)
    return env
  }
}

export function optionLabel(o: NetOption): string {
  return `${o.kind} #${o.env.id} ${o.env.msg.type}`
}
