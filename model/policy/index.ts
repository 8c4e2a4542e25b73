export { CAPABILITY_CODES, type CapabilityName, capabilityNamed, capabilityNames, DEFINITION_CAPABILITIES } from './capabilities.js'
export { type Role, type RoleSet, BANNED, roleByName, roleByIndex, findRole, has, mayChange, banRoleExists, roleSetProblems } from './roles.js'
export { roleSet, templateNames, enforcerRole, withHubRole, type HubRole } from './templates.js'
export { type Claims, type PreauthEntry, type Requester, preauthRole, describeClaims } from './preauth.js'
export { type BaseRoomPolicy, type RoomMetadata, type JoinCode, OPEN_ROOM, EMPTY_METADATA, METADATA_CAPABILITY } from './basePolicy.js'
export {
  type RoomState,
  COMPONENT_IDS,
  makeRoomState,
  encodeRoomState,
  decodeRoomState,
  rolesOf,
  roleIndexOf,
  roleOf,
  admits,
  withRole,
  withoutUser,
  sameRoomState,
  policySummary,
} from './roomState.js'
export { type PolicyUpdate, type Component, listUpdate, applyUpdate, applyUpdates, diffUpdates, describeUpdate } from './updates.js'
export { type Principal, principalRole, describePrincipal } from './principal.js'
export { type Part, type ProposalList, type PolicyVariant, POLICY_VARIANTS, type Use, type Authorization } from './proposals.js'
export { authorize, authorizeSend } from './authorize.js'
export { type Sender, type ProposedChange, authorizeChange, partsOf, principalOf } from './change.js'
export { selfJoinPath, selfJoinRole } from './selfJoin.js'
export { encodeContext, encodeUpdates, decodeContext, type DecodedContext } from './roomContext.js'
export { judgeChange, principalOfSender, type JudgeInput } from './judge.js'
export { type PolicyEdit, type Grant, editToUpdate, editsToUpdates } from './edits.js'
export { capabilitiesNeeded } from './needs.js'
