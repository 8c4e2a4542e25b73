import { noEavesdropper } from './noEavesdropper.js'
import { policyAgreement } from './policyAgreement.js'
import { rosterMatchesMembership } from './rosterMatchesMembership.js'
import type { Property } from './types.js'

export { noEavesdropper, policyAgreement, rosterMatchesMembership }
export type { Property, PropertyVerdict, RunView } from './types.js'
export { foldAgreedPolicy } from './agreedPolicy.js'

/** Every property, in the order the matrix shows them. */
export const PROPERTIES: readonly Property[] = [noEavesdropper, policyAgreement, rosterMatchesMembership]
export const propertyIds = (): readonly string[] => PROPERTIES.map((p) => p.id)
export const propertyById = (id: string): Property | undefined => PROPERTIES.find((p) => p.id === id)
