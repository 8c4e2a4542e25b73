/**
 * What a malicious provider may do, as enumerated options (design.md "Adversaries are ordinary
 * actors"; digest §6.2 capability matrix, scenario S2).
 *
 * - `injectAdd`: the hub, an external sender (PROTO §7.4), proposes Add of its own user's client;
 *   the next committer includes pending proposals (PROTO §3.5: the hub "requires" it).
 * - `forgeAcl`: a provider tells its own client that a user is a participant (the seed minutes'
 *   "malicious provider could hand a client an ACL that admits an eavesdropper").
 * - `admitJoin`: the hub answers /groupInfo for a colluding user the policy does not admit
 *   (PROTO §5.6: the hub checks that the joiner is authorized), records that user as a participant,
 *   and waves its external commit through.
 *
 * - `forgetProposals`: the hub "forgets" a leaver's pending proposals once an external commit has
 *   invalidated them, instead of re-issuing them in the new epoch (digest S7; PROTO §5.5, ISS-P #128).
 *
 * Each move spends one unit of the provider's budget, so every run is bounded. A hub holding
 * `injectAdd` or `admitJoin` also *colludes* (no budget: it follows from the move already paid for):
 * it waves through commits that only bring its colluding users' clients in, and relays
 * stale-epoch application messages, so a colluder left in a fork still receives them.
 *
 * Deviation from design.md: `admitJoin` is not a chooser option. A malicious hub always admits its
 * own colluding users while budget remains (they are one adversary); the search varies *whether*
 * the colluder asks to join, which is a step.
 */
import type { Malice } from '../provider/context.js'

export type Capability = 'injectAdd' | 'forgeAcl' | 'admitJoin' | 'forgetProposals'

export function canUse(malice: Malice | null, capability: Capability): boolean {
  return malice !== null && malice.capabilities.includes(capability) && malice.used < malice.budget
}

export function colludes(malice: Malice | null): boolean {
  return malice !== null && (malice.capabilities.includes('injectAdd') || malice.capabilities.includes('admitJoin'))
}

export function spend(malice: Malice): Malice {
  return { ...malice, used: malice.used + 1 }
}
