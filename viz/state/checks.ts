/**
 * What the panel highlights in one snapshot, beyond plain changes:
 * - a participant a client holds that the agreed policy does not list (or lists with another role),
 *   with the adversary move that first named that user — the trace of an injected ACL (digest S2,
 *   seed minutes 2023-05-03);
 * - honest clients at the same epoch of a room holding different policies — what policyAgreement
 *   forbids (draft-ietf-mimi-arch-02 §4.4);
 * - clients at the same epoch with different group digests: a fork, where they cannot decrypt each
 *   other (the digest is the epoch authenticator, docs/trace-format.md "client.state").
 * Pure functions of a snapshot and the actor list; sorted so the panel is stable.
 */
import type { TraceActor } from '../../sim/trace/events.js'
import type { ClientRoomState, Mark, PolicyView, Snapshot } from './types.js'

export interface EntryFlag {
  readonly user: string
  readonly role: number
  /** `extra`: not in the agreed list; `role`: listed there with another role. */
  readonly why: 'extra' | 'role'
  readonly agreedRole: number | null
  readonly namedBy: (Mark & { readonly actor: string }) | null
}

export interface ClientFlags {
  readonly entries: readonly EntryFlag[]
  /** Agreed participants this client's policy leaves out. */
  readonly missing: readonly string[]
  /** Honest clients at the same epoch that hold a different policy. */
  readonly disagreesWith: readonly string[]
  /** Clients at the same epoch with a different group digest. */
  readonly forkWith: readonly string[]
}

export const policyKey = (p: PolicyView | null): string => p?.key ?? 'none'

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export function flagsOf(snap: Snapshot, actors: readonly TraceActor[]): ReadonlyMap<string, ClientFlags> {
  const malicious = new Set(actors.filter((a) => a.malicious).map((a) => a.id))
  const live = Object.entries(snap.clients).filter(([, c]) => c.epoch !== null && !c.removed)
  const out = new Map<string, ClientFlags>()
  for (const [key, c] of live) {
    const peers = live.map(([, o]) => o).filter((o) => o !== c && o.room === c.room && o.epoch === c.epoch)
    const disagreesWith = malicious.has(c.client) || c.policy === null ? [] : peers.filter((o) => !malicious.has(o.client) && o.policy !== null && policyKey(o.policy) !== policyKey(c.policy)).map((o) => o.client)
    const forkWith = c.digest === null ? [] : peers.filter((o) => o.digest !== null && o.digest !== c.digest).map((o) => o.client)
    out.set(key, { ...policyFlags(c, snap), disagreesWith: disagreesWith.sort(byId), forkWith: forkWith.sort(byId) })
  }
  return out
}

function policyFlags(c: ClientRoomState, snap: Snapshot): Pick<ClientFlags, 'entries' | 'missing'> {
  const agreed = snap.agreed[c.room]
  if (!agreed || !c.policy) return { entries: [], missing: [] }
  const roles = new Map(agreed.participants)
  const held = new Set(c.policy.participants.map(([u]) => u))
  const entries: EntryFlag[] = []
  for (const [user, role] of c.policy.participants) {
    const agreedRole = roles.get(user) ?? null
    if (agreedRole === role) continue
    entries.push({ user, role, why: agreedRole === null ? 'extra' : 'role', agreedRole, namedBy: snap.namedBy[user] ?? null })
  }
  return { entries, missing: agreed.participants.map(([u]) => u).filter((u) => !held.has(u)) }
}

/**
 * Per room, clients that some honest member counts in its MLS group although the agreed policy does
 * not list their user: the one-line headline of an injected eavesdropper (digest S2).
 */
export function intrudersOf(snap: Snapshot, actors: readonly TraceActor[]): ReadonlyMap<string, readonly string[]> {
  const userOf = new Map(actors.map((a) => [a.id, a.user] as const))
  const honest = new Set(actors.filter((a) => !a.malicious).map((a) => a.id))
  const out = new Map<string, string[]>()
  for (const room of snap.rooms) {
    const agreed = snap.agreed[room]
    if (!agreed) continue
    const listed = new Set(agreed.participants.map(([u]) => u))
    const seen = new Set<string>()
    for (const c of Object.values(snap.clients)) {
      if (c.room !== room || !honest.has(c.client) || c.removed || !c.members) continue
      for (const m of c.members) {
        const user = userOf.get(m)
        if (user && !listed.has(user)) seen.add(m)
      }
    }
    if (seen.size) out.set(room, [...seen].sort(byId))
  }
  return out
}
