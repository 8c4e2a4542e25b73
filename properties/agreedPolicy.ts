/**
 * The oracle's view of the room policy: what the honest participants agreed to, independent of the
 * design under test. It starts from the policy the room was created with and applies each change an
 * honest participant set out to make and saw through, if the room's rules allowed it by that
 * participant's own rights (draft-ietf-mimi-room-policy-03 §8): adds, removals, bans, role changes,
 * policy edits, and an honest user's own self-join where a self-join path admits it (§8.1.1).
 * Nothing a provider says or proposes enters it — that is the point: under policy=service a
 * provider's word is what clients act on, and the oracle measures the gap.
 */
import type { ClientId, UserId } from '../model/ids.js'
import { authorize } from '../model/policy/authorize.js'
import { editsToUpdates } from '../model/policy/edits.js'
import type { Part } from '../model/policy/proposals.js'
import { roleIndexOf, type RoomState } from '../model/policy/roomState.js'
import { selfJoinRole } from '../model/policy/selfJoin.js'
import { applyUpdates, listUpdate, type PolicyUpdate } from '../model/policy/updates.js'
import type { TraceEvent } from '../sim/trace/events.js'
import type { RunView } from './types.js'

type Intent = Extract<TraceEvent, { type: 'intent.begin' }>

function updatesOf(intent: Intent, before: RoomState): PolicyUpdate[] {
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

/** Calls `visit` for every event with the agreed policy of each room as it stands just before it. */
export function foldAgreedPolicy(run: RunView, visit: (event: TraceEvent, agreed: ReadonlyMap<string, RoomState>) => boolean | void): void {
  const honest = new Set(run.actors.filter((a) => !a.malicious).map((a) => a.id))
  const agreed = new Map<string, RoomState>()
  const open = new Map<string, Intent>()
  for (const e of run.events) {
    if (visit(e, agreed) === true) return
    if (e.type === 'room.create' && e.room) agreed.set(e.room, e.policy)
    if (!honest.has(e.actor)) continue
    if (e.type === 'intent.begin') open.set(e.actor, e)
    if (e.type !== 'intent.done' || !e.ok || !e.room) continue
    const intent = open.get(e.actor)
    open.delete(e.actor)
    const before = agreed.get(e.room)
    const user = run.actors.find((a) => a.id === e.actor)?.user as UserId | undefined
    if (!intent || !before || !user) continue
    const by = { kind: 'member' as const, user, client: e.actor as ClientId }
    if (intent.action === 'externalJoin') {
      const role = roleIndexOf(before, user) === 0 ? selfJoinRole(before, by) : null
      if (role !== null) agreed.set(e.room, applyUpdates(before, [listUpdate({ add: [[user, role]] })]))
      continue
    }
    const updates = updatesOf(intent, before)
    if (!updates.length) continue
    const parts: Part[] = updates.map((update) => ({ kind: 'update', by, update }))
    const verdict = authorize(before, { committer: by, parts, members: [] })
    if (verdict.kind === 'allowed') agreed.set(e.room, verdict.after)
  }
}
