import { bannedStaysBanned } from './bannedStaysBanned.js'
import { hubLeastPrivilege } from './hubLeastPrivilege.js'
import { leaverEventuallyRemoved } from './leaverEventuallyRemoved.js'
import { noEavesdropper } from './noEavesdropper.js'
import { noFork } from './noFork.js'
import { policyAgreement } from './policyAgreement.js'
import { removedCannotRead } from './removedCannotRead.js'
import { rosterMatchesMembership } from './rosterMatchesMembership.js'
import type { Property } from './types.js'

export { bannedStaysBanned, hubLeastPrivilege, leaverEventuallyRemoved, noEavesdropper, noFork, policyAgreement, removedCannotRead, rosterMatchesMembership }
export type { Property, PropertyVerdict, RunView } from './types.js'
export { foldAgreedPolicy } from './agreedPolicy.js'

/** Every property, in the order the matrix shows them. */
export const PROPERTIES: readonly Property[] = [
  noEavesdropper,
  policyAgreement,
  rosterMatchesMembership,
  hubLeastPrivilege,
  bannedStaysBanned,
  removedCannotRead,
  leaverEventuallyRemoved,
  noFork,
]
export const propertyIds = (): readonly string[] => PROPERTIES.map((p) => p.id)
export const propertyById = (id: string): Property | undefined => PROPERTIES.find((p) => p.id === id)
