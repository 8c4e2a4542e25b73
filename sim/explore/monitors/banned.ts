/**
 * bannedStaysBanned as a monitor (draft-ietf-mimi-room-policy-03 §4, §8.1.3): the agreed-policy
 * oracle's state (properties/agreedPolicy.ts, as noEavesdropper's monitor keeps it) and nothing else.
 * Each event is judged by the property's own `bannedWitness` against its room's agreed policy as it
 * stands, then the oracle takes its step — the order `foldAgreedPolicy` visits them in.
 */
import { agreedStep, type AgreedState, NO_AGREEMENT, type OracleEvent, type OracleWorld } from '../../../properties/agreedPolicy.js'
import { bannedWitness } from '../../../properties/bannedStaysBanned.js'
import type { UserId } from '../../../model/ids.js'
import type { Monitor, MonitorWorld } from './types.js'

export function bannedStaysBannedMonitor(w: MonitorWorld): Monitor<AgreedState> {
  const oracle: OracleWorld = { honest: (a) => w.honest.has(a), userOf: (a) => w.userOf.get(a) as UserId | undefined }
  return {
    property: 'bannedStaysBanned',
    mode: 'exact',
    initial: NO_AGREEMENT,
    next(s, e) {
      const o = e as unknown as OracleEvent
      const why = bannedWitness(o, e.room ? s.agreed[e.room] : undefined, oracle)
      return why === null ? { state: agreedStep(s, o, oracle) } : { violated: why }
    },
  }
}
