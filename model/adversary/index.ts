export { type Capability, canUse, colludes } from './capabilities.js'
export { type AdversaryAction } from './actions.js'
