/**
 * The MIMI Role Capabilities registry (draft-ietf-mimi-room-policy-03 §10.2, Table 1; semantics in §8).
 *
 * Every registered name with its code, spelled exactly as the registry spells it so that a rejection
 * reason can be searched for in the draft. Reserved entries (§8.7) are listed: a role may carry them,
 * but no rule grants anything for them.
 *
 * Simplified: Appendix A also uses `canRevokeVoice`/`canGrantVoice`, which are not registered, and
 * spells canUnBan as `canUnban`; role-set files may use `canUnban` as an alias (docs/findings.md),
 * the unregistered voice capabilities are refused.
 */

export const CAPABILITY_CODES = {
  canAddParticipant: 0x0000,
  canRemoveParticipant: 0x0001,
  canAddOwnClient: 0x0002,
  canRemoveOwnClient: 0x0003,
  canOpenJoin: 0x0004,
  canJoinIfPreauthorized: 0x0005,
  canRemoveSelf: 0x0006,
  canCreateJoinCode: 0x0007,
  canDeleteJoinCode: 0x0008,
  canUseJoinCode: 0x0009,
  canBan: 0x000a,
  canUnBan: 0x000b,
  canKick: 0x000c,
  canKnock: 0x000d,
  canAcceptKnock: 0x000e,
  canChangeUserRole: 0x000f,
  canChangeOwnRole: 0x0010,
  canCreateSubgroup: 0x0011,
  canSendMessage: 0x0100,
  canReceiveMessage: 0x0101,
  canCopyMessage: 0x0102,
  canReportAbuse: 0x0103,
  canReplyToMessage: 0x0104,
  canReactToMessage: 0x0105,
  canEditReaction: 0x0106,
  canDeleteOwnReaction: 0x0107,
  canDeleteOtherReaction: 0x0108,
  canEditOwnMessage: 0x0109,
  canDeleteOwnMessage: 0x010a,
  canDeleteOtherMessage: 0x010b,
  canStartTopic: 0x010c,
  canReplyInTopic: 0x010d,
  canEditOwnTopic: 0x010e,
  canEditOtherTopic: 0x010f,
  canSendDirectMessage: 0x0110,
  canTargetMessage: 0x0111,
  canUploadImage: 0x0200,
  canUploadAudio: 0x0201,
  canUploadVideo: 0x0202,
  canUploadAttachment: 0x0203,
  canDownloadImage: 0x0204,
  canDownloadAudio: 0x0205,
  canDownloadVideo: 0x0206,
  canDownloadAttachment: 0x0207,
  canSendLink: 0x0208,
  canSendLinkPreview: 0x0209,
  canFollowLink: 0x020a,
  canCopyLink: 0x020b,
  canChangeRoomName: 0x0300,
  canChangeRoomDescription: 0x0301,
  canChangeRoomAvatar: 0x0302,
  canChangeRoomSubject: 0x0303,
  canChangeRoomMood: 0x0304,
  canChangeOwnName: 0x0380,
  canChangeOwnPresence: 0x0381,
  canChangeOwnMood: 0x0382,
  canChangeOwnAvatar: 0x0383,
  canStartCall: 0x0400,
  canJoinCall: 0x0401,
  canSendAudio: 0x0402,
  canReceiveAudio: 0x0403,
  canSendVideo: 0x0404,
  canReceiveVideo: 0x0405,
  canShareScreen: 0x0406,
  canViewSharedScreen: 0x0407,
  canCreateRoom: 0x0500,
  canDestroyRoom: 0x0501,
  canChangeRoomMembershipStyle: 0x0502,
  canChangeRoleDefinitions: 0x0503,
  canChangePreauthorizedUserList: 0x0504,
  canChangeOtherPolicyAttribute: 0x0505,
  canChangeMlsOperationalPolicies: 0x0600,
  canSendMLSReinitProposal: 0x0601,
  canSendMLSUpdateProposal: 0x0602,
  canSendMLSPSKProposal: 0x0603,
  canSendMLSExternalProposal: 0x0604,
  canSendMLSExternalCommit: 0x0605,
} as const

export type CapabilityName = keyof typeof CAPABILITY_CODES

/** Names Appendix A uses for a registered capability. */
const ALIASES: Readonly<Record<string, CapabilityName>> = { canUnban: 'canUnBan' }

/** The registered name for `name` (an alias resolves), or undefined when it is not registered. */
export function capabilityNamed(name: string): CapabilityName | undefined {
  if (Object.prototype.hasOwnProperty.call(CAPABILITY_CODES, name)) return name as CapabilityName
  return ALIASES[name]
}

export const capabilityNames = (): readonly CapabilityName[] =>
  (Object.keys(CAPABILITY_CODES) as CapabilityName[]).sort((a, b) => CAPABILITY_CODES[a] - CAPABILITY_CODES[b])

/** The room-definition capabilities S3 turns on (POL §8.6): a hub holding one can grant itself the rest. */
export const DEFINITION_CAPABILITIES: readonly CapabilityName[] = [
  'canChangeRoomMembershipStyle',
  'canChangeRoleDefinitions',
  'canChangePreauthorizedUserList',
]
