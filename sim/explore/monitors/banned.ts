/**
 * bannedStaysBanned as a monitor (draft-ietf-mimi-room-policy-03 §4, §8.1.3): the property's own
 * `bannedStep`, whose state is the agreed-policy oracle (properties/agreedPolicy.ts, as
 * noEavesdropper's monitor keeps it) and, per room and banned user, the ascending epochs at which
 * its ban began and ended — what judging a lagging client's event by its own epoch needs, no more.
 * An event that changes neither hands back the very state object.
 */
import type { OracleEvent } from '../../../properties/agreedPolicy.js'
import { type BannedState, bannedStep, NO_BANS } from '../../../properties/bannedStaysBanned.js'
import { oracleOf } from './agreed.js'
import type { Monitor, MonitorWorld } from './types.js'

export function bannedStaysBannedMonitor(w: MonitorWorld): Monitor<BannedState> {
  const oracle = oracleOf(w)
  return {
    property: 'bannedStaysBanned',
    mode: 'exact',
    initial: NO_BANS,
    // The witness reads app.receive and client.state; the agreed-policy oracle the other three.
    reads: new Set(['app.receive', 'client.state', 'room.create', 'intent.begin', 'intent.done']),
    next: (s, e) => bannedStep(s, e as unknown as OracleEvent, oracle),
  }
}
