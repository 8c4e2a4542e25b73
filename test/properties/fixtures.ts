/** Hand-made runs for property unit tests: just the events a property reads. */
import type { RunView } from '../../properties/types.js'
import type { TraceActor, TraceEvent } from '../../sim/trace/events.js'
import type { ProviderId, UserId } from '../../model/ids.js'
import { makeRoomState } from '../../model/policy/roomState.js'

export const A1 = 'mimi://a.example/d/alice/1'
export const B1 = 'mimi://b.example/d/bob/1'
export const E1 = 'mimi://a.example/d/eve/1'
export const ALICE = 'mimi://a.example/u/alice'
export const BOB = 'mimi://b.example/u/bob'
export const CATHY = 'mimi://c.example/u/cathy'
export const EVE = 'mimi://a.example/u/eve'
export const ROOM = 'mimi://a.example/r/clubhouse'

const actor = (id: string, user: string, malicious = false): TraceActor => ({ id, label: id, kind: 'client', provider: 'mimi://a.example', user, hubOf: [], malicious })
export const ACTORS: TraceActor[] = [
  { id: 'mimi://a.example', label: 'a.example', kind: 'provider', provider: 'mimi://a.example', user: null, hubOf: [ROOM], malicious: true },
  actor(A1, ALICE),
  actor(B1, BOB),
  actor(E1, EVE, true),
]

type Draft = Record<string, unknown> & { type: string; actor: string }

export function runOf(drafts: Draft[]): RunView {
  const events = drafts.map((d, i) => ({ i, step: 0, t: i, room: ROOM, epoch: 1, explain: '', ...d }) as unknown as TraceEvent)
  return { meta: {} as RunView['meta'], actors: ACTORS, events }
}

/** A room state as the simulator creates it: cooperative roles, the hub preauthorized as policy_enforcer. */
export const policy = (...users: [string, number][]) =>
  makeRoomState('cooperative', users as [UserId, number][], { preauth: [{ claims: { kind: 'service', provider: 'mimi://a.example' as ProviderId }, role: 5 }] })
export const created: Draft = { type: 'room.create', actor: 'mimi://a.example', kind: 'named', roles: 'cooperative', participants: [[ALICE, 3], [BOB, 2]], policy: policy([ALICE, 3], [BOB, 2]) }

export const HUB = 'mimi://a.example'
export const C1 = 'mimi://c.example/d/cathy/1'

/** A run recorded under a design (the properties that read meta.design, e.g. hubLeastPrivilege). */
export function runUnder(design: Record<string, string>, drafts: Draft[]): RunView {
  return { ...runOf(drafts), meta: { design } as unknown as RunView['meta'] }
}

/** A room created with the given participants (cooperative roles, hub preauthorized as in `created`). */
export const createdWith = (...users: [string, number][]): Draft => ({ ...created, participants: users, policy: policy(...users) })
