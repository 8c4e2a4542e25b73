/**
 * removedCannotRead — after the honest participants remove, ban or kick a user, none of that user's
 * clients decrypts a message sent afterwards, unless it is let back in (digest S6;
 * draft-ietf-mimi-protocol-06 §5.3: the hub "MUST prevent any of its clients from sending or receiving
 * any additional application messages"; RFC 9420: a removed member holds no later epoch's keys).
 *
 * One pure step per event (`removedStep`), shared with the explorer's monitor. Its memory is what
 * the verdict needs and no more: per room, each user that is out with the messages (sender, text)
 * sent since — a decryption reads the latest send of its (sender, text), which was sent after the
 * removal exactly when some such send was — and each honest client's open removal or re-admission.
 */
import { shortName as short, type UserId } from '../model/ids.js'
import { type OracleEvent, oracleWorld, type OracleWorld } from './agreedPolicy.js'
import { judgeByFold, type Property } from './types.js'

type Rec<T> = Readonly<Record<string, T>>

export interface RemovedState {
  /** room → user that is out of it → the messages sent since, as `${sender} ${text}`, sorted. */
  readonly out: Rec<Rec<readonly string[]>>
  /** Honest client → the user its open intent would put out of the room (`out`) or let back in. */
  readonly open: Rec<{ readonly user: string; readonly out: boolean }>
}

export const NOTHING_REMOVED: RemovedState = { out: {}, open: {} }

type Step = { readonly state: RemovedState } | { readonly violated: string }

function withRoom(s: RemovedState, room: string, users: Rec<readonly string[]>): RemovedState {
  const { [room]: _old, ...rest } = s.out
  return { ...s, out: Object.keys(users).length ? { ...rest, [room]: users } : rest }
}

function letIn(s: RemovedState, room: string, user: string): RemovedState {
  const users = s.out[room]
  if (!users || !(user in users)) return s
  const { [user]: _in, ...rest } = users
  return withRoom(s, room, rest)
}

/** Every user that is out of some room now has `msg` among the messages sent since its removal. */
function sent(s: RemovedState, msg: string): RemovedState {
  let out: Record<string, Rec<readonly string[]>> | null = null
  for (const room of Object.keys(s.out)) {
    const users = s.out[room]!
    let next: Record<string, readonly string[]> | null = null
    for (const user of Object.keys(users)) {
      const msgs = users[user]!
      if (msgs.includes(msg)) continue
      ;(next ??= { ...users })[user] = [...msgs, msg].sort()
    }
    if (next) (out ??= { ...s.out })[room] = next
  }
  return out ? { ...s, out } : s
}

function begun(s: RemovedState, e: OracleEvent, w: OracleWorld): RemovedState {
  const target = e.target as string | null | undefined
  const action = e.action as string
  const out = action === 'remove' || action === 'ban' || action === 'kick'
  const back = action === 'add' || (action === 'changeRole' && target !== w.userOf(e.actor))
  const had = s.open[e.actor]
  if (!target || !(out || back)) {
    if (!had) return s
    const { [e.actor]: _had, ...open } = s.open
    return { ...s, open }
  }
  if (had && had.user === target && had.out === out) return s
  return { ...s, open: { ...s.open, [e.actor]: { user: target, out } } }
}

function done(s: RemovedState, e: OracleEvent, room: string): RemovedState {
  const intent = s.open[e.actor]
  if (!intent) return s
  const { [e.actor]: _done, ...open } = s.open
  const closed: RemovedState = { ...s, open }
  if (!e.ok) return closed
  // A removal counts from now on, so the messages sent before it are forgotten.
  return intent.out ? withRoom(closed, room, { ...(s.out[room] ?? {}), [intent.user]: [] }) : letIn(closed, room, intent.user)
}

/** The property after one event: its state, or why the event violates it. */
export function removedStep(s: RemovedState, e: OracleEvent, w: OracleWorld): Step {
  const room = e.room
  if (!room) return { state: s }
  switch (e.type) {
    case 'app.send':
      return { state: Object.keys(s.out).length ? sent(s, `${e.actor} ${e.text as string}`) : s }
    case 'intent.begin':
      return { state: w.honest(e.actor) ? begun(s, e, w) : s }
    case 'intent.done':
      return { state: w.honest(e.actor) ? done(s, e, room) : s }
    case 'mls.join': {
      const u = w.userOf(e.actor)
      return { state: u ? letIn(s, room, u) : s }
    }
    case 'app.receive': {
      const user = w.userOf(e.actor)
      const since = user ? s.out[room]?.[user] : undefined
      if (since?.includes(`${e.sender as string} ${e.text as string}`)) {
        return { violated: `${short(e.actor)} decrypted "${e.text as string}", sent by ${short(e.sender as string)} after ${short(user as UserId)} was removed` }
      }
      return { state: s }
    }
    default:
      return { state: s }
  }
}

export const removedCannotRead: Property = {
  id: 'removedCannotRead',
  kind: 'always',
  spec: ['draft-ietf-mimi-protocol-06 §5.3', 'draft-ietf-mimi-room-policy-03 §8.1.2'],
  claim: 'a removed, banned or kicked user reads no message sent after its removal',
  holds(run) {
    const w = oracleWorld(run)
    return judgeByFold(run, NOTHING_REMOVED, (s, e: OracleEvent) => removedStep(s, e, w), 'no removed, banned or kicked user read a message sent after its removal')
  },
}
