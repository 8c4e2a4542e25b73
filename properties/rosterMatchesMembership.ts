/**
 * rosterMatchesMembership — a client is a member only if its user is a participant, and a
 * participant with clients in the group has all of them (digest S1; draft-ietf-mimi-arch-02 §4.2,
 * §4.3; draft-ietf-mimi-protocol-06 §5.3: the list change is committed before or with the MLS one).
 * Checked on every state an honest member reaches, against the policy that member holds.
 *
 * One exception, forced by MLS: an external commit cannot carry the list change (RFC 9420
 * §12.4.3.2), so a joiner lists itself in its next commit (model/policy/membership.ts); while its
 * join is still under way, it may be an unlisted member. One pure step per event (`rosterStep`),
 * shared with the explorer's monitor.
 */
import { shortName as short } from '../model/ids.js'
import { type ClientId, userOfClient } from '../model/ids.js'
import type { RoomState } from '../model/policy/roomState.js'
import { judgeByFold, type Property } from './types.js'

/** Clients whose external join is under way, sorted. */
export type RosterState = readonly string[]

export interface RosterWorld {
  readonly honest: (actor: string) => boolean
  /** Every client of each user. */
  readonly devices: ReadonlyMap<string, readonly ClientId[]>
}

type RosterEvent = { readonly type: string; readonly actor: string; readonly epoch?: number | null } & Record<string, unknown>

export function rosterStep(s: RosterState, e: RosterEvent, w: RosterWorld): { state: RosterState } | { violated: string } {
  if (e.type === 'intent.begin' && e.action === 'externalJoin') return { state: [...new Set([...s, e.actor])].sort() }
  if (e.type === 'intent.done' && e.action === 'externalJoin') return { state: s.filter((c) => c !== e.actor) }
  if (e.type !== 'client.state' || e.removed || !e.policy || !w.honest(e.actor)) return { state: s }
  const policy = e.policy as RoomState
  const members = e.members as readonly ClientId[]
  const listed = new Set(policy.participants.filter(([, r]) => r > 1).map(([u]) => u as string))
  for (const m of members) {
    if (!listed.has(userOfClient(m)) && !s.includes(m)) return { violated: `${short(e.actor)} at epoch ${e.epoch}: member ${short(m)} belongs to ${short(userOfClient(m))}, who is not a participant` }
  }
  for (const user of [...listed].sort()) {
    const mine = w.devices.get(user) ?? []
    const inGroup = mine.filter((c) => members.includes(c))
    if (inGroup.length > 0 && inGroup.length < mine.length) return { violated: `${short(e.actor)} at epoch ${e.epoch}: ${short(user)} is active with ${inGroup.length} of ${mine.length} clients` }
  }
  return { state: s }
}

export const rosterMatchesMembership: Property = {
  id: 'rosterMatchesMembership',
  kind: 'always',
  spec: ['draft-ietf-mimi-arch-02 §4.2', 'draft-ietf-mimi-arch-02 §4.3', 'draft-ietf-mimi-protocol-06 §5.3'],
  claim: 'every member belongs to a participant, and every active participant has all its clients in the group',
  holds(run) {
    const honest = new Set(run.actors.filter((a) => !a.malicious).map((a) => a.id))
    const devices = new Map<string, ClientId[]>()
    for (const a of run.actors) if (a.kind === 'client' && a.user) devices.set(a.user, [...(devices.get(a.user) ?? []), a.id as ClientId])
    const w: RosterWorld = { honest: (a) => honest.has(a), devices }
    return judgeByFold(run, [] as RosterState, (s, e: RosterEvent) => rosterStep(s, e, w), 'every state an honest member reached matched its participant list')
  },
}
