/**
 * leaverEventuallyRemoved — a participant whose leave the hub accepted ends the run with no client in
 * the group and off the participant list, in every honest member's view (digest S7;
 * draft-ietf-mimi-protocol-06 §3.5 three-step leave, §5.5 and ISS-P #128: the hub must re-issue
 * proposals an external commit invalidated; draft-ietf-mimi-room-policy-03 §8.1.2 canRemoveSelf).
 * An "eventually" property: judged on the last state of each honest member, under the one fairness
 * the protocol relies on — members commit what the hub proposes. So a leaver still in at the end is a
 * violation only if the hub sequenced an honest member's commit after its last proposal in the room: the hub
 * had its chance to (re-)issue the removal and did not. A run that simply ends before anyone commits
 * proves nothing either way. A leaver that is let back in later (a client of it joins again) has
 * not stayed: it came back.
 *
 * One pure step per event (`leaverStep`) and a verdict on where it ends (`leaverFinal`), shared with
 * the explorer's monitor. The memory is what the end verdict reads: each leaver not let back in, in
 * the order it left, with whether an honest commit was sequenced after both its leave and the hub's
 * last proposal in the room (the earliest such leave of a user decides, as it has the earliest
 * deadline); and each honest member's last state per room (epoch, members, listed participants).
 */
import { type ClientId, shortName as short, userOfClient, type UserId } from '../model/ids.js'
import { roleIndexOf, type RoomState } from '../model/policy/roomState.js'
import type { TraceActor } from '../sim/trace/events.js'
import { holds, type Property, violated } from './types.js'

type Rec<T> = Readonly<Record<string, T>>

/** A participant whose leave the hub accepted; `settled` once an honest commit followed it and the hub's last proposal. */
export interface Leaver {
  readonly room: string
  readonly user: string
  readonly settled: boolean
}

/** What the verdict reads of an honest member's last (not removed) state in a room. */
export interface LastSeen {
  readonly epoch: number | null
  readonly members: readonly ClientId[]
  /** Users the member's policy lists with a role other than none, sorted. */
  readonly listed: readonly string[]
}

export interface LeaverState {
  readonly leavers: readonly Leaver[]
  /** room → honest client → its last state there. */
  readonly last: Rec<Rec<LastSeen>>
}

export const NO_LEAVERS: LeaverState = { leavers: [], last: {} }

export interface LeaverWorld {
  readonly honestClient: (actor: string) => boolean
  readonly userOf: (actor: string) => UserId | undefined
}

export function leaverWorld(actors: readonly TraceActor[]): LeaverWorld {
  const honest = new Set(actors.filter((a) => a.kind === 'client' && !a.malicious).map((a) => a.id))
  const users = new Map(actors.map((a) => [a.id, a.user as UserId | null]))
  return { honestClient: (a) => honest.has(a), userOf: (a) => users.get(a) ?? undefined }
}

type LeaverEvent = { readonly type: string; readonly actor: string; readonly room: string | null; readonly epoch?: number | null } & Record<string, unknown>

/** The user whose leave `e` completes, if it is one. */
export function leaveOf(e: LeaverEvent, w: LeaverWorld): UserId | undefined {
  return e.type === 'intent.done' && e.action === 'leave' && e.ok && e.room ? w.userOf(e.actor) : undefined
}

function settle(s: LeaverState, room: string, settled: boolean): LeaverState {
  if (!s.leavers.some((l) => l.room === room && l.settled !== settled)) return s
  return { ...s, leavers: s.leavers.map((l) => (l.room === room && l.settled !== settled ? { ...l, settled } : l)) }
}

function seen(s: LeaverState, room: string, actor: string, now: LastSeen | null): LeaverState {
  const mine = s.last[room] ?? {}
  const was = mine[actor]
  if (!now) {
    if (!was) return s
    const { [actor]: _gone, ...rest } = mine
    const { [room]: _room, ...rooms } = s.last
    return { ...s, last: Object.keys(rest).length ? { ...rooms, [room]: rest } : rooms }
  }
  const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i])
  if (was && was.epoch === now.epoch && same(was.members, now.members) && same(was.listed, now.listed)) return s
  return { ...s, last: { ...s.last, [room]: { ...mine, [actor]: now } } }
}

/** The property's memory after one event. */
export function leaverStep(s: LeaverState, e: LeaverEvent, w: LeaverWorld): LeaverState {
  const room = e.room
  if (!room) return s
  switch (e.type) {
    // The hub (re-)proposes: its proposals await a commit again.
    case 'hub.propose':
      return settle(s, room, false)
    // A commit counts where the hub sequenced it (the order every member sees), not where its committer hears back.
    case 'hub.accept':
      return e.what === 'commit' && w.honestClient(e.subject as string) ? settle(s, room, true) : s
    case 'intent.done': {
      const user = leaveOf(e, w)
      if (!user || s.leavers.some((l) => l.room === room && l.user === user)) return s
      return { ...s, leavers: [...s.leavers, { room, user, settled: false }] }
    }
    // A leaver let back in afterwards (one of its clients joins again) is no longer a leaver.
    case 'mls.join': {
      const user = w.userOf(e.actor)
      return s.leavers.some((l) => l.room === room && l.user === user) ? { ...s, leavers: s.leavers.filter((l) => l.room !== room || l.user !== user) } : s
    }
    case 'client.state': {
      if (!w.honestClient(e.actor)) return s
      if (e.removed) return seen(s, room, e.actor, null)
      const policy = e.policy as RoomState | null
      const listed = policy ? [...new Set(policy.participants.map(([u]) => u))].filter((u) => roleIndexOf(policy, u) !== 0).sort() : []
      return seen(s, room, e.actor, { epoch: e.epoch ?? null, members: e.members as readonly ClientId[], listed })
    }
    default:
      return s
  }
}

/** The verdict on a run that ends in `s`: why it violates the property, or null. */
export function leaverFinal(s: LeaverState, w: LeaverWorld): string | null {
  for (const l of s.leavers) {
    if (!l.settled) continue // the hub's proposals still await a commit
    const there = s.last[l.room] ?? {}
    for (const actor of Object.keys(there).sort()) {
      if (w.userOf(actor) === l.user) continue
      const last = there[actor]!
      const client = last.members.find((c) => userOfClient(c) === l.user)
      if (client) return `${short(l.user)} asked to leave, yet at the end ${short(actor)} still has ${short(client)} in the group (epoch ${last.epoch})`
      if (last.listed.includes(l.user)) return `${short(l.user)} asked to leave, yet at the end ${short(actor)} still lists it as a participant`
    }
  }
  return null
}

export const leaverEventuallyRemoved: Property = {
  id: 'leaverEventuallyRemoved',
  kind: 'eventually',
  spec: ['draft-ietf-mimi-protocol-06 §3.5', 'draft-ietf-mimi-protocol-06 §5.5', 'draft-ietf-mimi-room-policy-03 §8.1.2'],
  claim: 'a participant that left ends with no client in the group and off the participant list',
  holds(run) {
    const w = leaverWorld(run.actors)
    let s = NO_LEAVERS
    for (const e of run.events) s = leaverStep(s, e as unknown as LeaverEvent, w)
    const why = leaverFinal(s, w)
    const end = run.events.length ? run.events[run.events.length - 1]!.i : 0
    if (why !== null) return violated(end, why)
    const left = run.events.some((e) => leaveOf(e as unknown as LeaverEvent, w) !== undefined)
    return holds(left ? 'every leaver ended out of the group and off the list' : 'nobody left')
  },
}
