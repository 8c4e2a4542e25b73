/**
 * The room context as carried in MLS: the policy components plus the AppDataUpdates that produced
 * them in this commit (draft-ietf-mls-extensions-09 §4.6–4.7; draft-ietf-mimi-protocol-06 §7.2).
 *
 * Simplified, forced by ts-mls 1.6.4 (no AppDataUpdate proposal type): one GroupContextExtensions
 * proposal carries the whole new dictionary and, beside it, the list of AppDataUpdates it stands for.
 * Receivers check that applying the updates to the state they hold gives exactly the new dictionary,
 * then judge the updates themselves — so the commit-composition rules (one metadata update, no user
 * touched twice) can be broken, and caught, just as with real AppDataUpdate proposals.
 */
import { decodeRoomState, encodeRoomState, type RoomState } from './roomState.js'
import { applyUpdates, type PolicyUpdate } from './updates.js'

export function encodeContext(state: RoomState, updates: readonly PolicyUpdate[]): string {
  const components = JSON.parse(encodeRoomState(state)) as Record<string, unknown>
  return JSON.stringify({ ...components, updates })
}

export function encodeUpdates(before: RoomState, updates: readonly PolicyUpdate[]): string {
  return encodeContext(applyUpdates(before, updates), updates)
}

export type DecodedContext =
  | { readonly ok: true; readonly state: RoomState; readonly updates: readonly PolicyUpdate[] }
  | { readonly ok: false; readonly reason: string }

/** Decode a new context against the state it claims to update. */
export function decodeContext(before: RoomState, payload: string): DecodedContext {
  const state = decodeRoomState(payload)
  if (!state) return { ok: false, reason: 'the new room policy does not decode' }
  let updates: unknown
  try {
    updates = (JSON.parse(payload) as { updates?: unknown }).updates
  } catch {
    updates = undefined
  }
  if (!Array.isArray(updates) || !updates.every(wellFormed)) return { ok: false, reason: 'the room-policy change carries no well-formed AppDataUpdates (MLSX §4.7)' }
  const list = updates as PolicyUpdate[]
  if (encodeRoomState(applyUpdates(before, list)) !== encodeRoomState(state)) {
    return { ok: false, reason: 'the new room policy is not what its AppDataUpdates make of the agreed one (MLSX §4.7)' }
  }
  return { ok: true, state, updates: list }
}

const pairs = (v: unknown) => Array.isArray(v) && v.every((p) => Array.isArray(p) && typeof p[0] === 'string' && Number.isInteger(p[1]))

/** The shape of an update, checked before applying it: a peer's bytes are not trusted. */
function wellFormed(u: unknown): boolean {
  const x = u as Record<string, unknown> | null
  if (!x || typeof x !== 'object') return false
  switch (x.component) {
    case 'participants':
      return pairs(x.add) && pairs(x.change) && Array.isArray(x.remove) && x.remove.every((r) => typeof r === 'string')
    case 'roles':
      return typeof x.roles === 'object' && x.roles !== null && Array.isArray((x.roles as { roles?: unknown }).roles)
    case 'preauth':
      return Array.isArray(x.entries)
    case 'base':
      return typeof x.base === 'object' && x.base !== null
    case 'metadata':
      return typeof x.metadata === 'object' && x.metadata !== null
    default:
      return false
  }
}
