export { CAPABILITY_CODES, type CapabilityName } from './capabilities.js'
export { type Role, type RoleSet, roleSet, roleByName, roleByIndex, templateNames, has, mayChange } from './roles.js'
export {
  type RoomState,
  makeRoomState,
  encodeRoomState,
  decodeRoomState,
  rolesOf,
  roleIndexOf,
  roleOf,
  admits,
  withRole,
  sameRoomState,
} from './roomState.js'
export { type Principal, type ProposedChange, type Authorization, authorizeChange, authorizeSend } from './authorize.js'
