export { type Capability, canUse } from './capabilities.js'
export { type AdversaryAction } from './actions.js'
