/**
 * policyAgreement and rosterMatchesMembership as monitors (draft-ietf-mimi-arch-02 §4.2–4.4;
 * draft-ietf-mimi-protocol-06 §5.3, §7.3), mirroring properties/policyAgreement.ts and
 * properties/rosterMatchesMembership.ts event for event.
 *
 * policyAgreement keeps, per (room, epoch), each honest member's latest held policy (encoded), as
 * the property does; rosterMatchesMembership judges each client.state on its own, so its state is
 * constant and adds nothing to a search state.
 */
import { type ClientId, userOfClient } from '../../../model/ids.js'
import { encodeRoomState, type RoomState } from '../../../model/policy/roomState.js'
import type { Monitor, MonitorEvent, MonitorWorld } from './types.js'

type Held = Readonly<Record<string, Readonly<Record<string, string>>>>

const counts = (e: MonitorEvent, w: MonitorWorld): boolean => e.type === 'client.state' && !e.removed && e.policy !== null && e.policy !== undefined && w.honest.has(e.actor)

export function policyAgreementMonitor(w: MonitorWorld): Monitor<Held> {
  return {
    property: 'policyAgreement',
    mode: 'exact',
    initial: {},
    next(s, e) {
      if (!counts(e, w)) return { state: s }
      const key = `${e.room} ${e.epoch}`
      const mine = encodeRoomState(e.policy as RoomState)
      const at = { ...(s[key] ?? {}), [e.actor]: mine }
      for (const other of Object.keys(at).sort()) {
        if (at[other] !== mine) return { violated: `at epoch ${e.epoch}, ${e.actor} and ${other} hold different participant lists` }
      }
      return { state: { ...s, [key]: at } }
    },
  }
}

export function rosterMonitor(w: MonitorWorld): Monitor<null> {
  const devices = new Map<string, ClientId[]>()
  for (const a of w.actors) if (a.kind === 'client' && a.user) devices.set(a.user, [...(devices.get(a.user) ?? []), a.id as ClientId])
  return {
    property: 'rosterMatchesMembership',
    mode: 'exact',
    initial: null,
    next(s, e) {
      if (!counts(e, w)) return { state: s }
      const policy = e.policy as RoomState
      const members = e.members as readonly ClientId[]
      const listed = new Set(policy.participants.filter(([, r]) => r > 1).map(([u]) => u as string))
      for (const m of members) if (!listed.has(userOfClient(m))) return { violated: `${e.actor}: member ${m} belongs to ${userOfClient(m)}, who is not a participant` }
      for (const user of [...listed].sort()) {
        const mine = devices.get(user) ?? []
        const inGroup = mine.filter((c) => members.includes(c))
        if (inGroup.length > 0 && inGroup.length < mine.length) return { violated: `${e.actor}: ${user} is active with ${inGroup.length} of ${mine.length} clients` }
      }
      return { state: s }
    },
  }
}
