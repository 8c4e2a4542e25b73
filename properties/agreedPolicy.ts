/**
 * The oracle's view of the room policy: what the honest participants agreed to, independent of the
 * design under test. It starts from the participant list the room was created with and applies each
 * change an honest participant set out to make and saw through, if the room's rules allowed it
 * (draft-ietf-mimi-room-policy-03 §8.1). Nothing a provider says enters it — that is the point:
 * under policy=service a provider's word is what clients act on, and the oracle measures the gap.
 */
import type { UserId } from '../model/ids.js'
import { authorizeChange } from '../model/policy/change.js'
import { makeRoomState, type RoomState, withRole } from '../model/policy/roomState.js'
import type { TraceEvent } from '../sim/trace/events.js'
import type { RunView } from './types.js'

type Intent = Extract<TraceEvent, { type: 'intent.begin' }>

/** Calls `visit` for every event with the agreed policy of each room as it stands just before it. */
export function foldAgreedPolicy(run: RunView, visit: (event: TraceEvent, agreed: ReadonlyMap<string, RoomState>) => boolean | void): void {
  const honest = new Set(run.actors.filter((a) => !a.malicious).map((a) => a.id))
  const agreed = new Map<string, RoomState>()
  const open = new Map<string, Intent>()
  for (const e of run.events) {
    if (visit(e, agreed) === true) return
    if (e.type === 'room.create' && e.room) agreed.set(e.room, makeRoomState(e.roles, e.participants as [UserId, number][]))
    if (!honest.has(e.actor)) continue
    if (e.type === 'intent.begin') open.set(e.actor, e)
    if (e.type !== 'intent.done' || !e.ok || !e.room) continue
    const intent = open.get(e.actor)
    open.delete(e.actor)
    const before = agreed.get(e.room)
    const user = run.actors.find((a) => a.id === e.actor)?.user as UserId | undefined
    if (!intent || !before || !user || !intent.target) continue
    const after =
      intent.action === 'add' && intent.role !== null
        ? withRole(before, intent.target, intent.role)
        : intent.action === 'remove'
          ? makeRoomState(before.roles, before.participants.filter(([u]) => u !== intent.target))
          : before
    const verdict = authorizeChange({ kind: 'user', user }, { before, after, members: [], adds: [], removes: [] })
    if (verdict.kind === 'allowed') agreed.set(e.room, after)
  }
}
