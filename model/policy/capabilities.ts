/**
 * Role capabilities from the MIMI Role Capabilities registry (draft-ietf-mimi-room-policy-03 §10.2,
 * Table 1; semantics in §8).
 *
 * Simplified: only the capabilities the model acts on so far are listed, with their registry
 * codes; the room-policy engine issue adds the rest. Names are kept exactly as the draft spells
 * them so that a rejection reason can be searched for in the draft.
 */

export const CAPABILITY_CODES = {
  canAddParticipant: 0x0000,
  canRemoveParticipant: 0x0001,
  canAddOwnClient: 0x0002,
  canRemoveOwnClient: 0x0003,
  canOpenJoin: 0x0004,
  canJoinIfPreauthorized: 0x0005,
  canRemoveSelf: 0x0006,
  canBan: 0x000a,
  canUnBan: 0x000b,
  canKick: 0x000c,
  canChangeUserRole: 0x000f,
  canChangeOwnRole: 0x0010,
  canSendMessage: 0x0100,
  canReceiveMessage: 0x0101,
  canChangeRoomName: 0x0300,
  canDestroyRoom: 0x0501,
  canChangeRoomMembershipStyle: 0x0502,
  canChangeRoleDefinitions: 0x0503,
  canChangePreauthorizedUserList: 0x0504,
  canChangeMlsOperationalPolicies: 0x0600,
  canSendMLSReinitProposal: 0x0601,
} as const

export type CapabilityName = keyof typeof CAPABILITY_CODES
