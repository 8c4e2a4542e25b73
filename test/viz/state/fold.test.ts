import { describe, expect, it } from 'vitest'
import { foldSnapshots } from '../../../viz/state/fold.js'
import { clientKey } from '../../../viz/state/types.js'
import { fixture, withEventsAt } from '../helpers.js'

const ROOM = 'mimi://a.example/r/clubhouse'
const ALICE = 'mimi://a.example/d/alice/1'
const BOB = 'mimi://b.example/d/bob/1'
const EVE = 'mimi://a.example/d/eve/1'
const users = (p: { participants: readonly (readonly [string, number])[] } | null | undefined) => p?.participants.map(([u, r]) => `${u.split('/').pop()}:${r}`)

describe('foldSnapshots', () => {
  it('gives one snapshot per event, numbered like the events', () => {
    for (const name of ['s2-service', 's2-mls', 's2-faults']) {
      const t = fixture(name)
      const snaps = foldSnapshots(t)
      expect(snaps.map((s) => s.i)).toEqual(t.events.map((e) => e.i))
    }
  })

  it('at the S2 witness, every member is at epoch 2 with eve in the group and in the policy it holds, while the agreed policy lists only alice and bob', () => {
    const t = fixture('s2-service')
    const at = t.verdicts.find((v) => v.property === 'noEavesdropper')!.at!
    const s = foldSnapshots(t)[at]!
    for (const c of [ALICE, BOB, EVE]) {
      const state = s.clients[clientKey(ROOM, c)]!
      expect(state.epoch, c).toBe(2)
      expect(state.members).toEqual([ALICE, EVE, BOB])
      expect(users(state.policy)).toEqual(['alice:3', 'eve:2', 'bob:2'])
    }
    expect(users(s.agreed[ROOM])).toEqual(['alice:3', 'bob:2'])
    expect(s.clients[clientKey(ROOM, EVE)]!.received).toMatchObject({ count: 1, text: 'the launch code is 0000', from: ALICE })
    expect(s.providers['mimi://a.example']).toMatchObject({ hosts: [ROOM], epochs: { [ROOM]: 2 }, moves: [{ i: 6, type: 'attack.inject' }] })
    expect(s.namedBy['mimi://a.example/u/eve']).toMatchObject({ i: 6, type: 'attack.inject', actor: 'mimi://a.example' })
  })

  it('holds the injected Add as pending at the hub until it sequences a commit, and at a client until it reaches the next epoch', () => {
    const t = fixture('s2-service')
    const snaps = foldSnapshots(t)
    const accept = t.events.find((e) => e.type === 'hub.accept')!.i
    expect(snaps[accept - 1]!.providers['mimi://a.example']!.pending[ROOM]).toEqual([['add', 'mimi://a.example/u/eve']])
    expect(snaps[accept]!.providers['mimi://a.example']!.pending[ROOM]).toEqual([])
    const proposal = t.events.find((e) => e.type === 'mls.proposal' && e.actor === ALICE)!.i
    expect(snaps[proposal]!.clients[clientKey(ROOM, ALICE)]!.pending).toEqual([['add', EVE]])
    const next = t.events.find((e) => e.type === 'client.state' && e.actor === ALICE && e.epoch === 2)!.i
    expect(snaps[next - 1]!.clients[clientKey(ROOM, ALICE)]!.pending).toEqual([['add', EVE]])
    expect(snaps[next]!.clients[clientKey(ROOM, ALICE)]!.pending).toEqual([])
  })

  it('changes the agreed policy only on an honest participant\'s completed add or remove', () => {
    const t = fixture('s2-service')
    const base = { step: 9, t: 99, room: ROOM, epoch: 2, explain: '' }
    const cathy = 'mimi://c.example/u/cathy'
    const edited = withEventsAt(t, t.events.length, [
      { ...base, actor: ALICE, type: 'intent.begin', action: 'add', target: cathy, role: 2 },
      { ...base, actor: ALICE, type: 'intent.done', action: 'add', ok: true },
      { ...base, actor: EVE, type: 'intent.begin', action: 'remove', target: 'mimi://b.example/u/bob', role: null },
      { ...base, actor: EVE, type: 'intent.done', action: 'remove', ok: true },
      { ...base, actor: BOB, type: 'intent.begin', action: 'remove', target: 'mimi://a.example/u/alice', role: null },
      { ...base, actor: BOB, type: 'intent.done', action: 'remove', ok: false },
    ])
    const snaps = foldSnapshots(edited)
    expect(users(snaps.at(-1)!.agreed[ROOM])).toEqual(['alice:3', 'bob:2', 'cathy:2'])
  })

  it('follows bans, role changes and an honest self-join, and reads a room created with a whole policy', () => {
    const t = fixture('s2-service')
    const base = { step: 9, t: 99, room: ROOM, epoch: 2, explain: '' }
    const dan = 'mimi://b.example/d/dan/1'
    const withDan = { ...t, actors: [...t.actors, { id: dan, label: 'dan/1', kind: 'client' as const, provider: 'mimi://b.example', user: 'mimi://b.example/u/dan', hubOf: [], malicious: false }] }
    const policy = { roles: 'cooperative', participants: [['mimi://a.example/u/alice', 3], ['mimi://b.example/u/bob', 2], ['mimi://b.example/u/dan', 2]] }
    const edited = withEventsAt(withDan, t.events.length, [
      { ...base, actor: ALICE, type: 'intent.begin', action: 'changeRole', target: 'mimi://b.example/u/bob', role: 3 },
      { ...base, actor: ALICE, type: 'intent.done', action: 'changeRole', ok: true },
      { ...base, actor: dan, type: 'intent.begin', action: 'externalJoin', target: null, role: null },
      { ...base, actor: dan, type: 'client.state', members: [ALICE, BOB, dan], policy, digest: 'd', removed: false },
      { ...base, actor: dan, type: 'intent.done', action: 'externalJoin', ok: true },
      { ...base, actor: ALICE, type: 'intent.begin', action: 'ban', target: 'mimi://b.example/u/dan', role: null },
      { ...base, actor: ALICE, type: 'intent.done', action: 'ban', ok: true },
      { ...base, actor: 'mimi://a.example', room: 'mimi://a.example/r/annex', epoch: 0, type: 'room.create', policy: { ...policy, roles: { name: 'cooperative', roles: [] } } },
    ])
    const snaps = foldSnapshots(edited)
    const n = t.events.length
    expect(users(snaps[n + 1]!.agreed[ROOM])).toEqual(['alice:3', 'bob:3'])
    expect(users(snaps[n + 4]!.agreed[ROOM])).toEqual(['alice:3', 'bob:3', 'dan:2'])
    expect(users(snaps[n + 6]!.agreed[ROOM])).toEqual(['alice:3', 'bob:3', 'dan:1'])
    expect(users(snaps[n + 7]!.agreed['mimi://a.example/r/annex'])).toEqual(['alice:3', 'bob:2', 'dan:2'])
  })

  it('drops a kicked or leaving user from the agreed policy, and holds a hub\'s proposed removal as pending until a commit', () => {
    const t = fixture('s2-service')
    const base = { step: 9, t: 99, room: ROOM, epoch: 2, explain: '' }
    const edited = withEventsAt(t, t.events.length, [
      { ...base, actor: BOB, type: 'intent.begin', action: 'leave', target: null, role: null },
      { ...base, actor: BOB, type: 'intent.done', action: 'leave', ok: true },
      { ...base, actor: 'mimi://a.example', type: 'hub.propose', removes: [BOB], updates: ['remove bob'], reissue: false },
      { ...base, actor: ALICE, type: 'intent.begin', action: 'kick', target: 'mimi://a.example/u/alice', role: null },
      { ...base, actor: ALICE, type: 'intent.done', action: 'kick', ok: true },
      { ...base, actor: 'mimi://a.example', type: 'hub.accept', what: 'commit', subject: ALICE, epoch: 3 },
    ])
    const snaps = foldSnapshots(edited)
    const n = t.events.length
    expect(users(snaps[n + 1]!.agreed[ROOM])).toEqual(['alice:3'])
    expect(snaps[n + 2]!.providers['mimi://a.example']!.pending[ROOM]).toEqual([['remove', BOB], ['change', 'remove bob']])
    expect(users(snaps[n + 4]!.agreed[ROOM])).toEqual([])
    expect(snaps[n + 5]!.providers['mimi://a.example']!.pending[ROOM]).toEqual([])
  })

  it('keeps events of unknown types as extras of their actor, and never throws on missing or mistyped fields', () => {
    const t = fixture('s2-service')
    const base = { step: 0, t: 0, room: ROOM, epoch: 1, explain: 'bob/1 is asked to accept an invitation' }
    const edited = withEventsAt(t, 5, [
      { ...base, actor: BOB, type: 'consent.request', from: ALICE },
      { ...base, actor: BOB, type: 'consent.request', from: ALICE, explain: 'again' },
      { ...base, actor: 'mimi://a.example', type: 'admin.promote', explain: 'hub promotes someone' },
      { ...base, actor: BOB, type: 'client.state', members: 'not a list', policy: { roles: 7 }, digest: 12 },
      { ...base, actor: ALICE, type: 'mls.proposal', adds: null },
      { ...base, actor: ALICE, type: 'acl.update', participants: 'eve' },
      { ...base, actor: 'mimi://a.example', type: 'room.create', participants: null },
    ])
    const snaps = foldSnapshots(edited)
    const s = snaps[11]!
    expect(s.clients[clientKey(ROOM, BOB)]!.extras).toEqual([{ i: 6, type: 'consent.request', explain: 'again', count: 2 }])
    expect(s.providers['mimi://a.example']!.extras).toEqual([{ i: 7, type: 'admin.promote', explain: 'hub promotes someone', count: 1 }])
    const bob = s.clients[clientKey(ROOM, BOB)]!
    expect(bob.members).toEqual([ALICE, BOB])
    expect(users(bob.policy)).toEqual(['alice:3', 'bob:2'])
    expect(users(s.agreed[ROOM])).toEqual(['alice:3', 'bob:2'])
  })

  it('shares the record of every actor an event did not touch with the previous snapshot', () => {
    const t = fixture('s2-faults')
    const snaps = foldSnapshots(t)
    for (const [k, e] of t.events.entries()) {
      if (k === 0) continue
      for (const [key, rec] of Object.entries(snaps[k]!.clients)) {
        if (rec.client !== e.actor) expect(rec, `event ${k} ${key}`).toBe(snaps[k - 1]!.clients[key])
      }
    }
  })
})
