/**
 * The room context as carried in MLS: the policy components plus the AppDataUpdates that produced
 * them in this commit (draft-ietf-mls-extensions-09 §4.6–4.7; draft-ietf-mimi-protocol-06 §7.2).
 *
 * Simplified, forced by ts-mls 1.6.4 (no AppDataUpdate proposal type): one GroupContextExtensions
 * proposal carries the whole new dictionary and, beside it, the list of AppDataUpdates it stands for.
 * Receivers check that applying the updates to the state they hold gives exactly the new dictionary,
 * then judge the updates themselves — so the commit-composition rules (one metadata update, no user
 * touched twice) can be broken, and caught, just as with real AppDataUpdate proposals.
 *
 * Every member decodes the same context against the same agreed state, so a decoding is memoized
 * per (state object, payload), and an encoding per (state object, updates): a WeakMap by identity
 * to a bounded Map by key, neither iterated.
 */
import { decodeRoomState, encodeRoomState, type RoomState } from './roomState.js'
import { applyUpdates, type PolicyUpdate } from './updates.js'

export function encodeContext(state: RoomState, updates: readonly PolicyUpdate[]): string {
  // The components' own encoding with `updates` appended as its last key: the bytes
  // JSON.stringify({ ...components, updates }) gives, without parsing the components back.
  const components = encodeRoomState(state)
  return `${components.slice(0, -1)},"updates":${JSON.stringify(updates)}}`
}

const ENCODINGS_KEPT = 64
const encodings = new WeakMap<RoomState, Map<string, string>>()

/** The context a commit of `updates` carries, memoized per (agreed state object, updates' text). */
export function encodeUpdates(before: RoomState, updates: readonly PolicyUpdate[]): string {
  const text = JSON.stringify(updates)
  let known = encodings.get(before)
  if (!known) encodings.set(before, (known = new Map()))
  let context = known.get(text)
  if (context === undefined) {
    const components = encodeRoomState(applyUpdates(before, updates))
    context = `${components.slice(0, -1)},"updates":${text}}`
    if (known.size >= ENCODINGS_KEPT) known.clear()
    known.set(text, context)
  }
  return context
}

export type DecodedContext =
  | { readonly ok: true; readonly state: RoomState; readonly updates: readonly PolicyUpdate[] }
  | { readonly ok: false; readonly reason: string }

const CONTEXTS_KEPT = 64
const contexts = new WeakMap<RoomState, Map<string, DecodedContext>>()

/** Decode a new context against the state it claims to update. */
export function decodeContext(before: RoomState, payload: string): DecodedContext {
  let known = contexts.get(before)
  if (!known) contexts.set(before, (known = new Map()))
  let d = known.get(payload)
  if (d === undefined) {
    d = decodeFresh(before, payload)
    if (known.size >= CONTEXTS_KEPT) known.clear()
    known.set(payload, d)
  }
  return d
}

function decodeFresh(before: RoomState, payload: string): DecodedContext {
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
