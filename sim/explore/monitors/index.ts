/**
 * The monitor for each property: a hand-written exact fold where one exists, else the history
 * fallback, so any property in properties/ can be explored.
 */
import type { Property } from '../../../properties/types.js'
import { noEavesdropperMonitor } from './agreed.js'
import { policyAgreementMonitor, rosterMonitor } from './agreement.js'
import { bannedStaysBannedMonitor } from './banned.js'
import { noForkMonitor } from './fork.js'
import { historyMonitor } from './history.js'
import { leaverEventuallyRemovedMonitor } from './leaver.js'
import { hubLeastPrivilegeMonitor } from './privilege.js'
import { removedCannotReadMonitor } from './removed.js'
import type { Monitor, MonitorWorld } from './types.js'

export type { Monitor, MonitorEvent, MonitorWorld, Step } from './types.js'
export { monitorWorld } from './types.js'

const EXACT: Readonly<Record<string, (w: MonitorWorld) => Monitor<never>>> = {
  noEavesdropper: noEavesdropperMonitor as (w: MonitorWorld) => Monitor<never>,
  policyAgreement: policyAgreementMonitor as (w: MonitorWorld) => Monitor<never>,
  rosterMatchesMembership: rosterMonitor as (w: MonitorWorld) => Monitor<never>,
  hubLeastPrivilege: hubLeastPrivilegeMonitor as (w: MonitorWorld) => Monitor<never>,
  bannedStaysBanned: bannedStaysBannedMonitor as (w: MonitorWorld) => Monitor<never>,
  removedCannotRead: removedCannotReadMonitor as (w: MonitorWorld) => Monitor<never>,
  leaverEventuallyRemoved: leaverEventuallyRemovedMonitor as (w: MonitorWorld) => Monitor<never>,
  noFork: noForkMonitor as (w: MonitorWorld) => Monitor<never>,
}

export function monitorFor(p: Property, w: MonitorWorld): Monitor {
  const make = EXACT[p.id]
  return (make ? make(w) : historyMonitor(p, w)) as Monitor
}
