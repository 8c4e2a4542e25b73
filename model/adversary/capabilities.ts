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
 * Each use spends one unit of the provider's budget; a choice point is only offered while budget
 * remains, so every run is bounded.
 */
import type { Malice } from '../provider/context.js'

export type Capability = 'injectAdd' | 'forgeAcl' | 'admitJoin'

export function canUse(malice: Malice | null, capability: Capability): boolean {
  return malice !== null && malice.capabilities.includes(capability) && malice.used < malice.budget
}

export function spend(malice: Malice): Malice {
  return { ...malice, used: malice.used + 1 }
}
