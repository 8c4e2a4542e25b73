/**
 * The agreed-policy oracle of properties/agreedPolicy.ts as an immutable fold state, and the
 * noEavesdropper monitor on top of it (digest S2; draft-ietf-mimi-protocol-06 §9;
 * draft-ietf-mimi-room-policy-03 §8.3): the same steps in the same order — check the event against
 * the policy as it stands, then let room.create, honest intent.begin and successful intent.done
 * change it (the same `agreedStep` as the property, so the two cannot drift apart).
 */
import type { UserId } from '../../../model/ids.js'
import { admits } from '../../../model/policy/roomState.js'
import { agreedStep, type AgreedState, NO_AGREEMENT, type OracleEvent, type OracleWorld } from '../../../properties/agreedPolicy.js'
import type { Monitor, MonitorEvent, MonitorWorld } from './types.js'

export { NO_AGREEMENT, type AgreedState } from '../../../properties/agreedPolicy.js'

/** The world as the oracle reads it; made once per monitor, since the search folds millions of events. */
export function oracleOf(w: MonitorWorld): OracleWorld {
  return { honest: (a) => w.honest.has(a), userOf: (a) => w.userOf.get(a) as UserId | undefined }
}

/** The oracle after `e`: the very step properties/agreedPolicy.ts takes. */
export function foldAgreed(s: AgreedState, e: MonitorEvent, o: OracleWorld): AgreedState {
  return agreedStep(s, e as unknown as OracleEvent, o)
}

export function noEavesdropperMonitor(w: MonitorWorld): Monitor<AgreedState> {
  const o = oracleOf(w)
  return {
    property: 'noEavesdropper',
    mode: 'exact',
    initial: NO_AGREEMENT,
    // The check reads app.receive; agreedStep reads the other three.
    reads: new Set(['app.receive', 'room.create', 'intent.begin', 'intent.done']),
    next(s, e) {
      if (e.type === 'app.receive' && e.room) {
        const user = w.userOf.get(e.actor) as UserId | undefined
        const policy = s.agreed[e.room]
        if (user && policy && !admits(policy, user)) {
          return { violated: `${e.actor} decrypted "${String(e.text)}" from ${String(e.sender)} at epoch ${e.epoch}, but the agreed policy does not admit ${user}` }
        }
      }
      return { state: foldAgreed(s, e, o) }
    },
  }
}
