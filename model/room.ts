/**
 * The single room primitive and its three specializations.
 *
 * Seed minutes (interim 2023-05-03): one-to-one, ad-hoc and named groups are specializations of one
 * room primitive. draft-ietf-mimi-room-policy-03 §5: a DM or group DM is a room with
 * `fixed_membership`; a named group is an ordinary room. ARCH §6: the room URI's authority is its hub.
 *
 * Simplified: only the properties the model uses so far (fixed membership, participant count);
 * uniqueness of fixed-membership rooms (POL §5) is a later scenario (S8).
 */
import type { ProviderId, RoomId } from './ids.js'

export type RoomKind = 'one-to-one' | 'ad-hoc' | 'named'
export const ROOM_KINDS: readonly RoomKind[] = ['ad-hoc', 'named', 'one-to-one']

export interface Room {
  readonly id: RoomId
  readonly kind: RoomKind
  readonly hub: ProviderId
  /** POL §5 fixed_membership: true for one-to-one and ad-hoc rooms. */
  readonly fixedMembership: boolean
}

export function makeRoom(id: RoomId, kind: RoomKind, hub: ProviderId): Room {
  return { id, kind, hub, fixedMembership: kind !== 'named' }
}

/** Why a kind does not fit a participant count, or null when it does (TREQ CHAT-2: a DM has two). */
export function kindMismatch(kind: RoomKind, participants: number): string | null {
  if (kind === 'one-to-one' && participants !== 2) return `a one-to-one room has exactly 2 participants, not ${participants}`
  if (kind === 'ad-hoc' && participants < 2) return `an ad-hoc room needs at least 2 participants`
  return null
}
