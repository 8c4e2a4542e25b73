/**
 * Status codes of the MIMI endpoints, as draft-ietf-mimi-protocol-06 §5 defines them (§5.2
 * keyMaterial user/client status, §5.3 update, §5.4 submitMessage, §5.6 groupInfo).
 * The model passes names; the numbers are here so a trace can show the wire value.
 */

export const KEY_MATERIAL_USER_STATUS = {
  success: 0,
  partialSuccess: 1,
  incompatibleProtocol: 2,
  noCompatibleMaterial: 3,
  userUnknown: 4,
  noConsent: 5,
  noConsentForThisRoom: 6,
  userDeleted: 7,
} as const
export const KEY_MATERIAL_CLIENT_STATUS = { success: 0, keyMaterialExhausted: 1, nothingCompatible: 2 } as const
export const UPDATE_STATUS = { success: 0, wrongEpoch: 1, notAllowed: 2, invalidProposal: 3 } as const
export const SUBMIT_STATUS = { accepted: 0, notAllowed: 1, epochTooOld: 2 } as const
export const GROUP_INFO_STATUS = { success: 1, notAuthorized: 2, noSuchRoom: 3 } as const

export type KeyMaterialUserStatus = keyof typeof KEY_MATERIAL_USER_STATUS
export type UpdateStatus = keyof typeof UPDATE_STATUS
export type SubmitStatus = keyof typeof SUBMIT_STATUS
export type GroupInfoStatus = keyof typeof GROUP_INFO_STATUS
