/**
 * bannedStaysBanned — once the honest participants have banned a user, none of that user's clients
 * is a member in an honest client's view of an epoch the ban covers, and none decrypts a message of
 * such an epoch, until they unban it (digest S5; draft-ietf-mimi-room-policy-03 §4: preauth is not
 * consulted for a listed user, "it prevents an explicitly banned user from rejoining"; §8.1.3
 * canBan, canUnBan).
 *
 * A ban is dated by the epoch of the event that made it agreed (the banning client's `intent.done`),
 * and an event by its own epoch: a client that lags behind the ban and reports, or decrypts in, an
 * epoch before it is not judged against it — at that epoch the user was not banned. Epochs stand in
 * for the order of agreement; where they do not follow it (forks), the latest news about an epoch
 * wins (`dated`). A message sent after the ban but in an older epoch is removedCannotRead's concern.
 *
 * One pure step per event (`bannedStep`), shared with the explorer's monitor; its state is the
 * agreed-policy oracle and, per room and user, the epochs at which its ban began and ended.
 */
import { type ClientId, shortName as short, userOfClient } from '../model/ids.js'
import { BANNED } from '../model/policy/roles.js'
import type { RoomState } from '../model/policy/roomState.js'
import { agreedStep, type AgreedState, NO_AGREEMENT, type OracleEvent, oracleWorld, type OracleWorld } from './agreedPolicy.js'
import { judgeByFold, type Property } from './types.js'

type Rec<T> = Readonly<Record<string, T>>

export interface BannedState {
  readonly oracle: AgreedState
  /**
   * room → user → the epochs at which the agreed policy banned it and unbanned it, alternately and
   * ascending, starting with a ban: banned at epoch e when an odd number of them are ≤ e.
   */
  readonly bans: Rec<Rec<readonly number[]>>
}

export const NO_BANS: BannedState = { oracle: NO_AGREEMENT, bans: {} }

type Step = { readonly state: BannedState } | { readonly violated: string }

/**
 * The epoch of the ban in `epochs` that covers `epoch`, or null; an event with no epoch is judged by
 * the ban as it stands now.
 */
function banCovering(epochs: readonly number[] | undefined, epoch: unknown): number | null {
  if (!epochs) return null
  let n = epochs.length
  if (typeof epoch === 'number') {
    n = 0
    while (n < epochs.length && epochs[n]! <= epoch) n++
  }
  return n % 2 === 1 ? epochs[n - 1]! : null
}

/** `epochs` told that from `epoch` on the user is (`banned`) or is not banned; later dates give way. */
function dated(epochs: readonly number[], epoch: number, banned: boolean): readonly number[] {
  const kept = epochs.filter((x) => x < epoch)
  return (kept.length % 2 === 1) === banned ? kept : [...kept, epoch]
}

const bannedIn = (p: RoomState | undefined): ReadonlySet<string> => new Set((p?.participants ?? []).filter(([, r]) => r === BANNED).map(([u]) => u))

/** The ban record after the agreed policy of `room` went from `before` to `after` at `epoch`. */
function redate(bans: BannedState['bans'], room: string, before: RoomState | undefined, after: RoomState, epoch: number): BannedState['bans'] {
  const was = bannedIn(before)
  const now = bannedIn(after)
  const users = { ...(bans[room] ?? {}) }
  let changed = false
  for (const u of [...new Set([...was, ...now])].sort()) {
    if (was.has(u) === now.has(u)) continue
    const next = dated(users[u] ?? [], epoch, now.has(u))
    if (next.length) users[u] = next
    else delete users[u]
    changed = true
  }
  if (!changed) return bans
  const { [room]: _old, ...rest } = bans
  return Object.keys(users).length ? { ...rest, [room]: users } : rest
}

/** Why `e` violates the property given the bans of its room, or null. */
function witness(e: OracleEvent, bans: Rec<readonly number[]> | undefined, w: OracleWorld): string | null {
  if (!bans) return null
  const since = (u: string | undefined) => (u === undefined ? null : banCovering(bans[u], e.epoch))
  const at = `at epoch ${String(e.epoch)}`
  if (e.type === 'app.receive') {
    const user = w.userOf(e.actor)
    const from = since(user)
    if (from !== null) return `${short(e.actor)} decrypted "${e.text as string}" ${at} although the participants banned ${short(user!)} from epoch ${from}`
  }
  if (e.type === 'client.state' && w.honest(e.actor) && !e.removed) {
    for (const m of e.members as readonly ClientId[]) {
      const user = userOfClient(m)
      const from = since(user)
      if (from !== null) return `${short(e.actor)} ${at} has ${short(m)} as a member, although the participants banned ${short(user)} from epoch ${from}`
    }
  }
  return null
}

const sameIntent = (a: unknown, b: unknown) => a !== undefined && JSON.stringify(a) === JSON.stringify(b)

/** The property after one event: its state (the very object when nothing changed), or why `e` violates it. */
export function bannedStep(s: BannedState, e: OracleEvent, w: OracleWorld): Step {
  const why = e.room ? witness(e, s.bans[e.room], w) : null
  if (why !== null) return { violated: why }
  const oracle = agreedStep(s.oracle, e, w)
  if (oracle === s.oracle) return { state: s }
  // An honest client that begins again the intent it already has open changes nothing.
  if (e.type === 'intent.begin' && sameIntent(s.oracle.open[e.actor], oracle.open[e.actor]) && oracle.agreed === s.oracle.agreed) return { state: s }
  const room = e.room
  const before = room ? s.oracle.agreed[room] : undefined
  const after = room ? oracle.agreed[room] : undefined
  // A room's initial bans cover it from the start; a later one from the epoch it was agreed at.
  const epoch = e.type === 'room.create' || typeof e.epoch !== 'number' ? 0 : e.epoch
  const bans = room && after && after !== before ? redate(s.bans, room, before, after, epoch) : s.bans
  return { state: { oracle, bans } }
}

export const bannedStaysBanned: Property = {
  id: 'bannedStaysBanned',
  kind: 'always',
  spec: ['draft-ietf-mimi-room-policy-03 §4', 'draft-ietf-mimi-room-policy-03 §8.1.3'],
  claim: 'a banned user has no client in the group and reads nothing until it is unbanned',
  holds(run) {
    const w = oracleWorld(run)
    return judgeByFold(run, NO_BANS, (s, e: OracleEvent) => bannedStep(s, e, w), 'no banned user had a client in the group or read a message in an epoch its ban covers')
  },
}
