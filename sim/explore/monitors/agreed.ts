/**
 * The agreed-policy oracle of properties/agreedPolicy.ts as an immutable fold state, and the
 * noEavesdropper monitor on top of it (digest S2; draft-ietf-mimi-protocol-06 §9;
 * draft-ietf-mimi-room-policy-03 §8.3): the same steps in the same order — check the event against
 * the policy as it stands, then let room.create, honest intent.begin and successful intent.done
 * change it, a change counting only if authorizeChange allows it for the acting user.
 */
import type { UserId } from '../../../model/ids.js'
import { authorizeChange } from '../../../model/policy/change.js'
import { admits, makeRoomState, type RoomState, withRole } from '../../../model/policy/roomState.js'
import type { Monitor, MonitorEvent, MonitorWorld } from './types.js'

interface Open {
  readonly action: string
  readonly target: string | null
  readonly role: number | null
}

export interface AgreedState {
  readonly agreed: Readonly<Record<string, RoomState>>
  readonly open: Readonly<Record<string, Open>>
}

export const NO_AGREEMENT: AgreedState = { agreed: {}, open: {} }

/** The oracle after `e` (properties/agreedPolicy.ts `foldAgreedPolicy`, one event). */
export function foldAgreed(s: AgreedState, e: MonitorEvent, w: MonitorWorld): AgreedState {
  if (e.type === 'room.create' && e.room) {
    return { ...s, agreed: { ...s.agreed, [e.room]: makeRoomState(e.roles as string, e.participants as [UserId, number][]) } }
  }
  if (!w.honest.has(e.actor)) return s
  if (e.type === 'intent.begin') return { ...s, open: { ...s.open, [e.actor]: { action: e.action as string, target: (e.target as string | null) ?? null, role: (e.role as number | null) ?? null } } }
  if (e.type !== 'intent.done' || !e.ok || !e.room) return s
  const intent = s.open[e.actor]
  let open = s.open
  if (intent) {
    const { [e.actor]: _gone, ...rest } = s.open
    open = rest
  }
  const before = s.agreed[e.room]
  const user = w.userOf.get(e.actor) as UserId | undefined
  if (!intent || !before || !user || !intent.target) return open === s.open ? s : { ...s, open }
  const after =
    intent.action === 'add' && intent.role !== null
      ? withRole(before, intent.target as UserId, intent.role)
      : intent.action === 'remove'
        ? makeRoomState(before.roles, before.participants.filter(([u]) => u !== intent.target))
        : before
  const verdict = authorizeChange({ kind: 'user', user }, { before, after, members: [], adds: [], removes: [] })
  return verdict.kind === 'allowed' ? { agreed: { ...s.agreed, [e.room]: after }, open } : { ...s, open }
}

export function noEavesdropperMonitor(w: MonitorWorld): Monitor<AgreedState> {
  return {
    property: 'noEavesdropper',
    mode: 'exact',
    initial: NO_AGREEMENT,
    next(s, e) {
      if (e.type === 'app.receive' && e.room) {
        const user = w.userOf.get(e.actor) as UserId | undefined
        const policy = s.agreed[e.room]
        if (user && policy && !admits(policy, user)) {
          return { violated: `${e.actor} decrypted "${String(e.text)}" from ${String(e.sender)} at epoch ${e.epoch}, but the agreed policy does not admit ${user}` }
        }
      }
      return { state: foldAgreed(s, e, w) }
    },
  }
}
