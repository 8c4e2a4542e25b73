/**
 * The base room policy (draft-ietf-mimi-room-policy-03 §5) and room metadata
 * (draft-ietf-mimi-protocol-06 §7.6): two components of the room state.
 *
 * fixed_membership: the participant list is fixed at creation and no non-zero, non-banned role may
 * hold canAddParticipant — the mechanism for one-to-one and group DMs. multi_device=false: one client
 * per user. max_users counts non-banned entries.
 *
 * Simplified: parent rooms, pseudonyms, persistence, discoverability and the list of other policy
 * components are carried but act on nothing yet; metadata fields are plain strings.
 */

export interface BaseRoomPolicy {
  readonly fixedMembership: boolean
  readonly multiDevice: boolean
  readonly maxClients: number | null
  readonly maxUsers: number | null
  readonly persistent: boolean
  readonly discoverable: boolean
}

export const OPEN_ROOM: BaseRoomPolicy = { fixedMembership: false, multiDevice: true, maxClients: null, maxUsers: null, persistent: true, discoverable: false }

export interface RoomMetadata {
  readonly name: string
  readonly description: string
  readonly avatar: string
  readonly subject: string
  readonly mood: string
}

export const METADATA_CAPABILITY = {
  name: 'canChangeRoomName',
  description: 'canChangeRoomDescription',
  avatar: 'canChangeRoomAvatar',
  subject: 'canChangeRoomSubject',
  mood: 'canChangeRoomMood',
} as const

export const EMPTY_METADATA: RoomMetadata = { name: '', description: '', avatar: '', subject: '', mood: '' }

/** A join code (POL §6.2 join links, reduced to what §8.1.1 canUseJoinCode checks: valid, names a role). */
export interface JoinCode {
  readonly code: string
  readonly role: number
}
