/**
 * policyAgreement and rosterMatchesMembership as monitors (draft-ietf-mimi-arch-02 §4.2–4.4;
 * draft-ietf-mimi-protocol-06 §5.3, §7.3), mirroring properties/policyAgreement.ts and
 * properties/rosterMatchesMembership.ts event for event.
 *
 * policyAgreement keeps, per (room, epoch), each honest member's latest held policy (encoded), as
 * the property does; rosterMatchesMembership judges each client.state on its own, so its state is
 * constant and adds nothing to a search state.
 */
import type { ClientId } from '../../../model/ids.js'
import { encodeRoomState, type RoomState } from '../../../model/policy/roomState.js'
import { rosterStep, type RosterState } from '../../../properties/rosterMatchesMembership.js'
import type { Monitor, MonitorEvent, MonitorWorld } from './types.js'

type Held = Readonly<Record<string, Readonly<Record<string, string>>>>

const counts = (e: MonitorEvent, w: MonitorWorld): boolean => e.type === 'client.state' && !e.removed && e.policy !== null && e.policy !== undefined && w.honest.has(e.actor)

export function policyAgreementMonitor(w: MonitorWorld): Monitor<Held> {
  return {
    property: 'policyAgreement',
    mode: 'exact',
    initial: {},
    reads: new Set(['client.state']),
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

/** The property's own step (properties/rosterMatchesMembership.ts), so the two cannot drift apart. */
export function rosterMonitor(w: MonitorWorld): Monitor<RosterState> {
  const devices = new Map<string, ClientId[]>()
  for (const a of w.actors) if (a.kind === 'client' && a.user) devices.set(a.user, [...(devices.get(a.user) ?? []), a.id as ClientId])
  const world = { honest: (a: string) => w.honest.has(a), devices }
  return {
    property: 'rosterMatchesMembership',
    mode: 'exact',
    initial: [],
    reads: new Set(['intent.begin', 'intent.done', 'client.state']),
    next: (s, e) => rosterStep(s, e as never, world),
  }
}
