/**
 * hubLeastPrivilege as a monitor (draft-ietf-mimi-room-policy-03 §4, §8.6): each accepted
 * `policy.change` is judged on its own by the property's own `leastPrivilegeWitness`, so the monitor
 * needs no memory — its state is a constant and never splits a search state.
 */
import { leastPrivilegeWitness, leastPrivilegeWorld } from '../../../properties/hubLeastPrivilege.js'
import type { Monitor, MonitorWorld, Step } from './types.js'

const UNCHANGED: Step<null> = { state: null }

export function hubLeastPrivilegeMonitor(w: MonitorWorld): Monitor<null> {
  const world = leastPrivilegeWorld(w.actors, w.design)
  return {
    property: 'hubLeastPrivilege',
    mode: 'exact',
    initial: null,
    reads: new Set(['policy.change']),
    next(_s, e) {
      if (e.type !== 'policy.change') return UNCHANGED
      const why = leastPrivilegeWitness(e, world)
      return why === null ? UNCHANGED : { violated: why }
    },
  }
}
