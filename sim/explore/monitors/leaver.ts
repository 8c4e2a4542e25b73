/**
 * leaverEventuallyRemoved as a monitor (draft-ietf-mimi-protocol-06 §3.5, §5.5): an `eventually`
 * property, so `next` never reports — it folds the property's own `leaverStep` (each leaver not let
 * back in, in leaving order, with whether an honest commit followed its leave and the hub's last
 * proposal; each honest member's last epoch, members and listed users per room), and `final` gives
 * the property's own verdict, `leaverFinal`, where a run may end.
 */
import { type LeaverState, leaverFinal, leaverStep, leaverWorld, NO_LEAVERS } from '../../../properties/leaverEventuallyRemoved.js'
import type { Monitor, MonitorWorld } from './types.js'

export function leaverEventuallyRemovedMonitor(w: MonitorWorld): Monitor<LeaverState> {
  const world = leaverWorld(w.actors)
  return {
    property: 'leaverEventuallyRemoved',
    mode: 'exact',
    initial: NO_LEAVERS,
    // leaverStep's cases; on anything else it hands the state back.
    reads: new Set(['hub.propose', 'hub.accept', 'intent.done', 'mls.join', 'client.state']),
    next: (s, e) => ({ state: leaverStep(s, e, world) }),
    final: (s) => leaverFinal(s, world),
  }
}
