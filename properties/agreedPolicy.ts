/**
 * The oracle's view of the room policy: what the honest participants agreed to, independent of the
 * design under test. It starts from the policy the room was created with and applies each change an
 * honest participant set out to make and saw through, if the room's rules allowed it by that
 * participant's own rights (draft-ietf-mimi-room-policy-03 §8): adds, removals, bans, role changes,
 * policy edits, and an honest user's own self-join where a self-join path admits it (§8.1.1).
 * Nothing a provider says or proposes enters it — that is the point: under policy=service a
 * provider's word is what clients act on, and the oracle measures the gap.
 *
 * One pure step per event (`agreedStep`), shared by the properties and the explorer's monitors, so
 * both judge by the same oracle.
 */
import type { ClientId, UserId } from '../model/ids.js'
import { authorize } from '../model/policy/authorize.js'
import { editsToUpdates, type PolicyEdit } from '../model/policy/edits.js'
import type { Part } from '../model/policy/proposals.js'
import { roleIndexOf, type RoomState } from '../model/policy/roomState.js'
import { selfJoinRole } from '../model/policy/selfJoin.js'
import { applyUpdates, listUpdate, type PolicyUpdate } from '../model/policy/updates.js'
import type { TraceEvent } from '../sim/trace/events.js'
import type { RunView } from './types.js'

/** An intent an honest client began and has not finished. */
export interface OpenIntent {
  readonly action: string
  readonly target: UserId | null
  readonly role: number | null
  readonly edits?: readonly PolicyEdit[]
}

export interface AgreedState {
  readonly agreed: Readonly<Record<string, RoomState>>
  readonly open: Readonly<Record<string, OpenIntent>>
}

export const NO_AGREEMENT: AgreedState = { agreed: {}, open: {} }

/** Who is honest and which user a client acts for. */
export interface OracleWorld {
  readonly honest: (actor: string) => boolean
  readonly userOf: (actor: string) => UserId | undefined
}

/** The fields of a trace event the oracle reads (traces, or the explorer's lighter events). */
export type OracleEvent = Pick<TraceEvent, 'type' | 'actor' | 'room'> & Record<string, unknown>

function updatesOf(intent: OpenIntent, before: RoomState): PolicyUpdate[] {
  const t = intent.target
  switch (intent.action) {
    case 'add':
      return t && intent.role !== null ? [listUpdate({ add: [[t, intent.role]] })] : []
    case 'remove':
      return t ? [listUpdate({ remove: [t] })] : []
    case 'ban':
      return t ? [listUpdate({ change: [[t, 1]] })] : []
    case 'changeRole':
      return t && intent.role !== null ? [listUpdate({ change: [[t, intent.role]] })] : []
    case 'edit':
      return editsToUpdates(before, intent.edits ?? [])
    default:
      return []
  }
}

/** The oracle after one event. */
export function agreedStep(s: AgreedState, e: OracleEvent, w: OracleWorld): AgreedState {
  if (e.type === 'room.create' && e.room) return { ...s, agreed: { ...s.agreed, [e.room]: e.policy as RoomState } }
  if (!w.honest(e.actor)) return s
  if (e.type === 'intent.begin') {
    const edits = e.edits as readonly PolicyEdit[] | undefined
    const open: OpenIntent = { action: e.action as string, target: (e.target as UserId | null) ?? null, role: (e.role as number | null) ?? null, ...(edits ? { edits } : {}) }
    return { ...s, open: { ...s.open, [e.actor]: open } }
  }
  if (e.type !== 'intent.done') return s
  const intent = s.open[e.actor]
  const { [e.actor]: _done, ...rest } = s.open
  const closed: AgreedState = intent ? { ...s, open: rest } : s
  const before = e.room ? s.agreed[e.room] : undefined
  const user = w.userOf(e.actor)
  if (!e.ok || !e.room || !intent || !before || !user) return closed
  const by = { kind: 'member' as const, user, client: e.actor as ClientId }
  if (intent.action === 'externalJoin') {
    const role = roleIndexOf(before, user) === 0 ? selfJoinRole(before, by) : null
    return role === null ? closed : { agreed: { ...s.agreed, [e.room]: applyUpdates(before, [listUpdate({ add: [[user, role]] })]) }, open: rest }
  }
  const updates = updatesOf(intent, before)
  if (!updates.length) return closed
  const parts: Part[] = updates.map((update) => ({ kind: 'update', by, update }))
  const verdict = authorize(before, { committer: by, parts, members: [] })
  return verdict.kind === 'allowed' ? { agreed: { ...s.agreed, [e.room]: verdict.after }, open: rest } : closed
}

export function oracleWorld(run: RunView): OracleWorld {
  const honest = new Set(run.actors.filter((a) => !a.malicious).map((a) => a.id))
  const users = new Map(run.actors.map((a) => [a.id, a.user as UserId | null]))
  return { honest: (a) => honest.has(a), userOf: (a) => users.get(a) ?? undefined }
}

/** Calls `visit` for every event with the agreed policy of each room as it stands just before it. */
export function foldAgreedPolicy(run: RunView, visit: (event: TraceEvent, agreed: ReadonlyMap<string, RoomState>) => boolean | void): void {
  const w = oracleWorld(run)
  let s = NO_AGREEMENT
  for (const e of run.events) {
    if (visit(e, new Map(Object.entries(s.agreed))) === true) return
    s = agreedStep(s, e as unknown as OracleEvent, w)
  }
}
