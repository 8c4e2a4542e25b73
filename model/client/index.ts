export { clientMachine, type ClientEvent } from './machine.js'
export type { ClientContext, ClientInput, ClientIntent, ClientRoom, Inflight } from './context.js'
export { validatorFor, mlsVerdict, serviceVerdict, groupPolicy } from './validate.js'
export { heldPolicy } from './notes.js'
