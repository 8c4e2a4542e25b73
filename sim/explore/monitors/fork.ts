/**
 * noFork as a monitor (draft-ietf-mls-extensions-09 §4.7): the property's own `forkMark` names each
 * commit an honest member took or rejected; the monitor pairs them as they come. Its state is two
 * sorted sets of commit names: those taken, and those rejected but not (yet) taken. No actor, reason
 * or index is kept — the verdict does not depend on them.
 *
 * The property pairs marks over the whole run and names the rejection as witness; a prefix shows the
 * fork only once both halves are in, so the monitor reports at the first event that completes a
 * pair — the first prefix the property finds violated, as the history fallback did.
 */
import { shortName as short } from '../../../model/ids.js'
import { forkHonest, forkMark } from '../../../properties/noFork.js'
import type { Monitor, MonitorWorld, Step } from './types.js'

export interface ForkState {
  readonly taken: readonly string[]
  readonly rejected: readonly string[]
}

const NO_COMMITS: ForkState = { taken: [], rejected: [] }

/** `set` with `x` added, kept sorted; the very array when `x` is in it. */
function added(set: readonly string[], x: string): readonly string[] {
  let lo = 0
  let hi = set.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (set[mid]! < x) lo = mid + 1
    else hi = mid
  }
  return set[lo] === x ? set : [...set.slice(0, lo), x, ...set.slice(lo)]
}

export function noForkMonitor(w: MonitorWorld): Monitor<ForkState> {
  const honest = forkHonest(w.actors)
  return {
    property: 'noFork',
    mode: 'exact',
    initial: NO_COMMITS,
    // The events forkMark marks.
    reads: new Set(['mls.apply', 'mls.commit', 'mls.reject']),
    next(s, e): Step<ForkState> {
      const m = forkMark(e, honest)
      if (!m) return { state: s }
      if ('took' in m) {
        if (s.rejected.includes(m.took)) return { violated: `${short(m.actor)} takes a commit (${m.took}) that another honest member rejected: the honest members fork` }
        const taken = added(s.taken, m.took)
        return { state: taken === s.taken ? s : { ...s, taken } }
      }
      if (s.taken.includes(m.rejected)) return { violated: `${short(m.actor)} rejects a commit that another honest member took (${m.reason}): the honest members fork` }
      const rejected = added(s.rejected, m.rejected)
      return { state: rejected === s.rejected ? s : { ...s, rejected } }
    },
  }
}
