/**
 * removedCannotRead as a monitor (draft-ietf-mimi-protocol-06 §5.3; draft-ietf-mimi-room-policy-03
 * §8.1.2): the property's own `removedStep`, whose state keeps no event index and no history — per
 * room, each user that is out with the messages sent since its removal (sorted), and each honest
 * client's open removal or re-admission.
 */
import type { OracleEvent } from '../../../properties/agreedPolicy.js'
import { NOTHING_REMOVED, type RemovedState, removedStep } from '../../../properties/removedCannotRead.js'
import { oracleOf } from './agreed.js'
import type { Monitor, MonitorWorld } from './types.js'

export function removedCannotReadMonitor(w: MonitorWorld): Monitor<RemovedState> {
  const world = oracleOf(w)
  return {
    property: 'removedCannotRead',
    mode: 'exact',
    initial: NOTHING_REMOVED,
    // removedStep's cases; on anything else it hands the state back.
    reads: new Set(['app.send', 'app.receive', 'intent.begin', 'intent.done', 'mls.join']),
    next: (s, e) => removedStep(s, e as unknown as OracleEvent, world),
  }
}
