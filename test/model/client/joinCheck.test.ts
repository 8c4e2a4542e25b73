/**
 * The joiner's check (model/client/joinCheck.ts, POL §1): under policy=mls an honest client refuses
 * to join, by Welcome or by external commit, a group whose own policy does not admit one of its
 * members, and still joins one where a member is mid self-join. Groups are made with SymbolicMls and
 * the client is stepped with XState's pure transition(), the way the simulator does it.
 */
import { initialTransition, transition } from 'xstate'
import { describe, expect, it } from 'vitest'
import { clientMachine } from '../../../model/client/machine.js'
import { checkJoin } from '../../../model/client/joinCheck.js'
import type { ClientInput } from '../../../model/client/context.js'
import type { Design } from '../../../model/design.js'
import type { Effect, MlsOutcome } from '../../../model/effects.js'
import { type ClientId, clientId, providerId, roomId, type UserId, userId } from '../../../model/ids.js'
import { createSymbolicMls, type GroupState, type KeyPackage, type MlsEngine, type Wire } from '../../../model/mls/index.js'
import { encodeRoomState, makeRoomState, type RoomState } from '../../../model/policy/roomState.js'
import { roleSet } from '../../../model/policy/templates.js'

const room = roomId('a.example', 'clubhouse')
const alice = clientId('a.example', 'alice', '1')
const bob = clientId('b.example', 'bob', '1')
const eve = clientId('a.example', 'eve', '1')
const carol = clientId('c.example', 'carol', '1')
const user = (d: string, n: string): UserId => userId(d, n)
const MLS: Design = { hubRole: 'policy_enforcer', policy: 'mls' }
const SERVICE: Design = { hubRole: 'policy_enforcer', policy: 'service' }

/** Cooperative roles, alice admin and bob ordinary; eve and carol unlisted. */
const listed = makeRoomState('cooperative', [[user('a.example', 'alice'), 3], [user('b.example', 'bob'), 2]])
/** The same, with role 0 holding canOpenJoin into ordinary_user: an outsider may list itself (POL §8.1.1). */
const cooperative = roleSet('cooperative')!
const openRoom = makeRoomState(
  { ...cooperative, roles: cooperative.roles.map((r) => (r.index === 0 ? { ...r, capabilities: [...r.capabilities, 'canOpenJoin'], changes: [[0, [2]]] } : r)) },
  listed.participants,
)

interface Group {
  readonly mls: MlsEngine
  readonly state: GroupState
  readonly groupInfo: Wire
}

/** alice's group carrying `policy`; `adds` are added by alice's commit (her validator is not consulted: a sender checks nothing). */
async function group(policy: RoomState, adds: readonly ClientId[], external: readonly ClientId[] = []): Promise<Group> {
  const mls = createSymbolicMls('joincheck')
  const id = await mls.createIdentity(alice)
  const created = await mls.createGroup(id, await mls.keyPackage(id), 'clubhouse', encodeRoomState(policy), [])
  const kps: KeyPackage[] = []
  for (const c of adds) kps.push(await mls.keyPackage(await mls.createIdentity(c)))
  let { state, groupInfo } = await mls.commit(created, { adds: kps })
  for (const c of external) {
    const idc = await mls.createIdentity(c)
    ;({ state, groupInfo } = await mls.joinExternal(idc, await mls.keyPackage(idc), groupInfo))
  }
  return { mls, state, groupInfo }
}

async function bobClient(mls: MlsEngine, design: Design) {
  const identity = await mls.createIdentity(bob)
  const kp = await mls.keyPackage(identity)
  const input: ClientInput = { self: bob, user: user('b.example', 'bob'), provider: providerId('b.example'), design, malicious: false, variant: 'draft', identity, keyPackages: [kp], rooms: {} }
  return { s: initialTransition(clientMachine, input)[0], kp }
}

const sent = (out: readonly Effect[]) => out.filter((e): e is Extract<Effect, { kind: 'send' }> => e.kind === 'send').map((e) => e.msg.type)
const notes = (out: readonly Effect[]) => out.flatMap((e) => (e.kind === 'note' ? [e.note] : []))
const mlsOp = (out: readonly Effect[]) => out.find((e): e is Extract<Effect, { kind: 'mls' }> => e.kind === 'mls')!.op

/** bob asks for the GroupInfo and builds his external commit; returns his state once it is built. */
async function joinExternally(g: Group, design: Design) {
  let { s } = await bobClient(g.mls, design)
  ;[s] = transition(clientMachine, s, { type: 'intent', intent: { action: 'externalJoin', room } })
  ;[s] = transition(clientMachine, s, { type: 'deliver', from: providerId('b.example'), msg: { type: 'groupInfoResponse', origin: bob, room, status: 'success', groupInfo: g.groupInfo, roster: listed } })
  const op = mlsOp(s.context.outbox)
  if (op.op !== 'joinExternal') throw new Error(`expected joinExternal, got ${op.op}`)
  const j = await g.mls.joinExternal(op.identity, op.kp, op.groupInfo)
  const outcome: MlsOutcome = { op: 'joinExternal', ...j, view: g.mls.view(j.state) }
  ;[s] = transition(clientMachine, s, { type: 'mls.result', room, tag: 'intent', outcome })
  return s
}

/** bob is added by alice's commit and processes the Welcome routed to him. */
async function joinByWelcome(policy: RoomState, others: readonly ClientId[], external: readonly ClientId[], design: Design) {
  const g = await group(policy, others, external)
  let { s, kp } = await bobClient(g.mls, design)
  const c = await g.mls.commit(g.state, { adds: [kp] })
  const item = { kind: 'welcome' as const, welcome: c.welcome!, to: bob, kpRef: kp.ref }
  ;[s] = transition(clientMachine, s, { type: 'deliver', from: providerId('b.example'), msg: { type: 'notify', room, seq: 1, item, roster: policy } })
  const op = mlsOp(s.context.outbox)
  if (op.op !== 'join') throw new Error(`expected join, got ${op.op}`)
  const result = await g.mls.join(op.identity, op.kp, op.welcome)
  const view = result.kind === 'joined' ? g.mls.view(result.state) : null
  ;[s] = transition(clientMachine, s, { type: 'mls.result', room, tag: 'incoming', outcome: { op: 'join', result, view } })
  return s
}

describe('checkJoin', () => {
  it('names the first member, in sorted order, whose user the group policy does not admit', () => {
    const r = checkJoin(listed, [alice, bob, eve], bob)
    expect(r).toMatchObject({ ok: false, member: eve })
    expect(r.ok === false && r.reason).toContain('POL §1')
  })

  it('refuses a banned member: listed, but its role lacks canReceiveMessage', () => {
    const banned = makeRoomState('cooperative', [...listed.participants, [user('a.example', 'eve'), 1]])
    expect(checkJoin(banned, [alice, bob, eve], bob)).toMatchObject({ ok: false, member: eve })
  })

  it('accepts an unlisted member only while a self-join path would admit its external join', () => {
    expect(checkJoin(openRoom, [alice, bob, carol], bob)).toEqual({ ok: true })
    expect(checkJoin(listed, [alice, bob, carol], bob)).toMatchObject({ ok: false, member: carol })
  })

  it('does not judge the joiner itself, and refuses a group that carries no policy', () => {
    expect(checkJoin(listed, [alice, bob, carol], carol)).toEqual({ ok: true })
    expect(checkJoin(null, [alice, bob], bob)).toMatchObject({ ok: false, member: null })
  })
})

describe('an honest joiner under policy=mls', () => {
  it('refuses to join from a Welcome into a group whose own policy does not admit a member, and keeps no state of it', async () => {
    const s = await joinByWelcome(listed, [eve], [], MLS)
    expect(notes(s.context.outbox)).toContainEqual(expect.objectContaining({ type: 'mls.refuseJoin', via: 'welcome', member: eve }))
    expect(notes(s.context.outbox).some((n) => n.type === 'mls.join')).toBe(false)
    expect(s.context.rooms[room]?.group ?? null).toBeNull()
    expect(s.context.keyPackages).toEqual([])
  })

  it('refuses to send its external commit when the GroupInfo shows an unadmitted member, and ends the intent as failed', async () => {
    const g = await group(listed, [eve])
    const s = await joinExternally(g, MLS)
    expect(sent(s.context.outbox)).toEqual([])
    expect(notes(s.context.outbox)).toContainEqual(expect.objectContaining({ type: 'mls.refuseJoin', via: 'external', member: eve }))
    expect(notes(s.context.outbox)).toContainEqual(expect.objectContaining({ type: 'intent.done', action: 'externalJoin', ok: false }))
    expect(s.context.inflight).toBeNull()
    expect(s.context.keyPackages).toHaveLength(1)
  })

  it('joins, by Welcome and by external commit, a group where an outsider is mid self-join (external commit made, listing to come)', async () => {
    const w = await joinByWelcome(openRoom, [], [carol], MLS)
    expect(notes(w.context.outbox).map((n) => n.type)).toContain('mls.join')
    expect(w.context.rooms[room]?.view?.members).toContain(carol)
    const g = await group(openRoom, [], [carol])
    const x = await joinExternally(g, MLS)
    expect(sent(x.context.outbox)).toEqual(['update'])
    expect(notes(x.context.outbox).some((n) => n.type === 'mls.refuseJoin')).toBe(false)
  })

  it('under policy=service makes no such check: the same GroupInfo is joined (PROTO §9)', async () => {
    const g = await group(listed, [eve])
    const s = await joinExternally(g, SERVICE)
    expect(sent(s.context.outbox)).toEqual(['update'])
    const w = await joinByWelcome(listed, [eve], [], SERVICE)
    expect(notes(w.context.outbox).map((n) => n.type)).toContain('mls.join')
  })
})

