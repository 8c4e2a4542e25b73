/**
 * The example role sets of draft-ietf-mimi-room-policy-03 Appendix A, as templates a scenario names:
 * `cooperative` (A.1), `strict` (A.2), `moderated` (A.3), `multi-org` (A.4).
 *
 * Transcribed from the draft's lists. Where the draft says "include all the capabilities of X" the
 * union is spelled out here. Errata handled (docs/findings.md): the unregistered canRevokeVoice and
 * canGrantVoice are left out; A.3's speaker "includes all the capabilities of a speaker" (itself) and
 * its moderator "all of an ordinary_user" (a role A.3 does not define) — read as attendee and speaker
 * respectively, the only readings that make the hierarchy monotone.
 *
 * The hub's role comes from preauthorization (POL §4): every template's preauth list maps the hub's
 * service identity to its policy_enforcer role. The design knob `hubRole=least_privilege` strips that
 * role of the definition-changing capabilities (POL §8.6), which is the fix S3 suggests.
 */
import { type CapabilityName, DEFINITION_CAPABILITIES } from './capabilities.js'
import type { Role, RoleSet } from './roles.js'

type Caps = readonly CapabilityName[]
type Changes = Role['changes']

function role(index: number, name: string, capabilities: Caps, changes: Changes, c: Partial<Pick<Role, 'minParticipants' | 'maxParticipants' | 'minActive' | 'maxActive'>> = {}): Role {
  const unique = [...new Set(capabilities)]
  return { index, name, description: '', capabilities: unique, minParticipants: c.minParticipants ?? 0, maxParticipants: c.maxParticipants ?? null, minActive: c.minActive ?? 0, maxActive: c.maxActive ?? null, changes }
}

const READ: Caps = ['canReceiveMessage', 'canCopyMessage', 'canReactToMessage', 'canDeleteOwnReaction', 'canFollowLink', 'canCopyLink', 'canDownloadImage', 'canDownloadVideo', 'canDownloadAudio']
const CHAT: Caps = [
  ...READ, 'canSendMessage', 'canReportAbuse', 'canReplyToMessage', 'canEditOwnMessage', 'canDeleteOwnMessage', 'canStartTopic', 'canReplyInTopic',
  'canUploadImage', 'canUploadVideo', 'canUploadAudio', 'canUploadAttachment', 'canDownloadAttachment', 'canSendLink', 'canSendLinkPreview',
]
const OWN: Caps = ['canChangeOwnName', 'canChangeOwnPresence', 'canChangeOwnMood', 'canChangeOwnAvatar']
const ROOM_LOOK: Caps = ['canChangeRoomName', 'canChangeRoomAvatar', 'canChangeRoomSubject', 'canChangeRoomMood']
const ENFORCER: Caps = [
  'canRemoveParticipant', 'canChangeUserRole', 'canBan', 'canUnBan', 'canChangeRoleDefinitions', 'canChangePreauthorizedUserList',
  'canChangeMlsOperationalPolicies', 'canDestroyRoom', 'canSendMLSReinitProposal',
]
const enforcer = (index: number, changes: Changes) => role(index, 'policy_enforcer', ENFORCER, changes, { minParticipants: 1, maxParticipants: 2, maxActive: 0 })
const noRole = (caps: Caps = [], changes: Changes = [], maxActive: number | null = 0) => role(0, 'no_role', caps, changes, { maxActive })
const banned = () => role(1, 'banned', [], [], { maxActive: 0 })
/** Every role in `all` may move to every other one: the super-admin pattern of Appendix A. */
const everyOther = (all: readonly number[]): Changes => all.map((f) => [f, all.filter((t) => t !== f)] as const)

const coopUser: Caps = ['canAddParticipant', 'canRemoveParticipant', 'canAddOwnClient', 'canRemoveOwnClient', 'canRemoveSelf', ...CHAT, 'canEditOwnTopic', ...ROOM_LOOK, ...OWN]
const coopAdmin: Caps = [...coopUser, 'canBan', 'canUnBan', 'canKick', 'canChangeUserRole', 'canDeleteOtherMessage', 'canEditOtherTopic', 'canChangeRoomDescription']

/** A.1 Cooperatively administered room. */
const cooperative: RoleSet = {
  name: 'cooperative',
  roles: [
    noRole(),
    banned(),
    role(2, 'ordinary_user', coopUser, [[0, [2]], [2, [0]]]),
    role(3, 'group_admin', coopAdmin, everyOther([0, 1, 2, 3]), { minParticipants: 1 }),
    role(4, 'super_admin', [...coopAdmin, 'canChangeRoomMembershipStyle', 'canChangePreauthorizedUserList', 'canDestroyRoom'], everyOther([0, 1, 2, 3, 4])),
    enforcer(5, [[0, [1]], [1, [0]], [2, [0, 1]], [3, [0, 1]], [4, [0, 1]]]),
  ],
}

const strictUser: Caps = ['canAddOwnClient', 'canJoinIfPreauthorized', 'canRemoveOwnClient', 'canRemoveSelf', 'canChangeOwnRole', ...CHAT, ...OWN]
const strictAdmin: Caps = [
  ...strictUser, 'canAddParticipant', 'canRemoveParticipant', 'canBan', 'canUnBan', 'canKick', 'canChangeUserRole', 'canCreateJoinCode', 'canDeleteJoinCode',
  'canDeleteOtherReaction', 'canDeleteOtherMessage', 'canEditOwnTopic', 'canEditOtherTopic', 'canChangeRoomDescription', ...ROOM_LOOK,
]

/** A.2 Strictly administered room. */
const strict: RoleSet = {
  name: 'strict',
  roles: [
    noRole(['canUseJoinCode'], [[0, [2]]]),
    banned(),
    role(2, 'ordinary_user', strictUser, [[0, [2]], [2, [0]]]),
    role(3, 'group_admin', strictAdmin, everyOther([0, 1, 2, 3]), { minParticipants: 1 }),
    role(4, 'super_admin', [...strictAdmin, 'canChangeRoomMembershipStyle', 'canChangeRoleDefinitions', 'canChangePreauthorizedUserList', 'canDestroyRoom', 'canSendMLSReinitProposal'], everyOther([0, 1, 2, 3, 4])),
    enforcer(5, [[0, [1]], [1, [0]], [2, [0, 1]], [3, [0, 1]], [4, [0, 1]]]),
  ],
}

const guest: Caps = ['canRemoveSelf', ...READ]
const attendee: Caps = [...guest, 'canAddOwnClient', 'canJoinIfPreauthorized', 'canRemoveOwnClient', 'canChangeOwnRole', 'canReportAbuse', 'canReplyInTopic', 'canDownloadAttachment', 'canChangeOwnName', 'canChangeOwnPresence', 'canChangeOwnAvatar']
const speaker: Caps = [...attendee, 'canSendMessage', 'canEditOwnMessage', 'canDeleteOwnMessage', 'canStartTopic', 'canUploadImage', 'canUploadVideo', 'canUploadAudio', 'canUploadAttachment', 'canSendLink', 'canSendLinkPreview']
const moderator: Caps = [
  ...speaker, 'canAddParticipant', 'canRemoveParticipant', 'canBan', 'canUnBan', 'canKick', 'canChangeUserRole', 'canCreateJoinCode', 'canDeleteJoinCode',
  'canDeleteOtherReaction', 'canDeleteOtherMessage', 'canEditOwnTopic', 'canEditOtherTopic', ...ROOM_LOOK,
]

/** A.3 Moderated room. */
const moderated: RoleSet = {
  name: 'moderated',
  roles: [
    noRole(['canUseJoinCode'], [[0, [2, 3]]], null),
    banned(),
    role(2, 'guest', guest, [[0, [2]], [2, [0]]]),
    role(3, 'attendee', attendee, [[0, [3]], [3, [0]]]),
    role(4, 'speaker', speaker, [[0, [4]], [4, [0]]]),
    role(5, 'moderator', moderator, everyOther([0, 1, 2, 3, 4, 5]), { minParticipants: 1 }),
    role(6, 'super_admin', [...moderator, 'canChangeRoomDescription', 'canChangeRoomMembershipStyle', 'canChangeRoleDefinitions', 'canChangePreauthorizedUserList', 'canDestroyRoom', 'canSendMLSReinitProposal'], everyOther([0, 1, 2, 3, 4, 5, 6])),
    enforcer(7, [[0, [1]], [1, [0]], [2, [0, 1]], [3, [0, 1]], [4, [0, 1]], [5, [0, 1]], [6, [0, 1]]]),
  ],
}

const orgUser: Caps = [
  'canRemoveSelf', 'canAddOwnClient', 'canRemoveOwnClient', 'canSendMessage', 'canReceiveMessage', 'canCopyMessage', 'canReportAbuse', 'canReplyInTopic',
  'canReactToMessage', 'canDeleteOwnReaction', 'canEditOwnMessage', 'canSendLink', 'canSendLinkPreview', 'canFollowLink', 'canCopyLink', 'canDownloadImage',
  'canDownloadVideo', 'canDownloadAudio', 'canDownloadAttachment', 'canChangeOwnName', 'canChangeOwnPresence', 'canChangeOwnAvatar',
]
const orgAdmin: Caps = [
  ...orgUser, 'canDeleteOwnMessage', 'canStartTopic', 'canUploadImage', 'canUploadVideo', 'canUploadAudio', 'canUploadAttachment', 'canAddParticipant',
  'canRemoveParticipant', 'canBan', 'canKick', 'canChangeUserRole',
]
const hostExtra: Caps = ['canChangeOwnRole', 'canJoinIfPreauthorized']
const orgAdminLimits = { minParticipants: 1, maxParticipants: 3, minActive: 1 }

/** A.4 Multi-organization administered room (org A hosts; B and C are guests with their own admins). */
const multiOrg: RoleSet = {
  name: 'multi-org',
  roles: [
    noRole(),
    banned(),
    role(2, 'org_a_user', [...orgUser, ...hostExtra], [[0, [2]], [2, [0]]]),
    role(3, 'org_b_user', orgUser, [[0, [3]], [3, [0]]]),
    role(4, 'org_c_user', orgUser, [[0, [4]], [4, [0]]]),
    role(5, 'org_a_admin', [...orgAdmin, ...hostExtra], [[0, [2, 5]], [2, [0, 1, 5]], [5, [0, 1, 2]]]),
    role(6, 'org_b_admin', orgAdmin, [[0, [3, 6]], [3, [0, 1, 6]], [6, [0, 1, 3]]], orgAdminLimits),
    role(7, 'org_c_admin', orgAdmin, [[0, [4, 7]], [4, [0, 1, 7]], [7, [0, 1, 4]]], orgAdminLimits),
    role(8, 'super_admin', [
      ...orgAdmin, ...hostExtra, 'canUnBan', 'canDeleteOtherReaction', 'canDeleteOtherMessage', 'canEditOwnTopic', 'canEditOtherTopic', 'canChangeRoomDescription',
      ...ROOM_LOOK, 'canChangeRoomMembershipStyle', 'canChangeRoleDefinitions', 'canChangePreauthorizedUserList', 'canDestroyRoom', 'canSendMLSReinitProposal',
    ], [[0, [1, 2, 3, 4, 5, 6, 7, 8]], [1, [0, 2, 3, 4, 5, 6, 7, 8]], [2, [0, 1, 5, 8]], [3, [0, 1, 6]], [4, [0, 1, 7]], [5, [0, 1, 2, 8]], [6, [0, 1, 3]], [7, [0, 1, 4]], [8, [0, 1, 2, 5]]], { minParticipants: 1, minActive: 1 }),
    enforcer(9, [[0, [1]], [1, [0]], [3, [0, 1]], [4, [0, 1]], [5, [0, 1]], [6, [0, 1]], [7, [0, 1]], [8, [0, 1]]]),
  ],
}

const TEMPLATES: Readonly<Record<string, RoleSet>> = { cooperative, strict, moderated, 'multi-org': multiOrg }

export const templateNames = (): readonly string[] => Object.keys(TEMPLATES).sort()
export const roleSet = (name: string): RoleSet | undefined => TEMPLATES[name]

/** The index of the template's policy_enforcer role: the role the hub's preauth entry names. */
export function enforcerRole(set: RoleSet): number | undefined {
  return set.roles.find((r) => r.name === 'policy_enforcer')?.index
}

export type HubRole = 'policy_enforcer' | 'least_privilege'

/** hubRole=least_privilege: the hub's role without the capabilities that let it redefine the room. */
export function withHubRole(set: RoleSet, hubRole: HubRole, hubIndex: number | undefined): RoleSet {
  if (hubRole === 'policy_enforcer' || hubIndex === undefined) return set
  return {
    name: `${set.name} (least-privilege hub)`,
    roles: set.roles.map((r) => (r.index === hubIndex ? { ...r, capabilities: r.capabilities.filter((c) => !DEFINITION_CAPABILITIES.includes(c)) } : r)),
  }
}
