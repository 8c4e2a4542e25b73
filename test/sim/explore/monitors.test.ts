import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PROPERTIES } from '../../../properties/index.js'
import type { RunView } from '../../../properties/types.js'
import { runArbitrary, scenarioOf, SMALL_WORLD } from '../../../sim/check/index.js'
import { buildModel, explore } from '../../../sim/explore/index.js'
import { type Monitor, monitorFor, monitorWorld, type MonitorEvent } from '../../../sim/explore/monitors/index.js'
import { SPEC_OF_EVENT } from '../../../sim/explore/specTable.js'
import { historyMonitor } from '../../../sim/explore/monitors/history.js'
import { watchedBy, watches } from '../../../sim/explore/exec.js'
import { runScenario } from '../../../sim/runner.js'
import type { Trace } from '../../../sim/trace/events.js'
import { catalogue } from '../../helpers.js'
import { A1, ALICE, B1, BOB, createdWith, E1, EVE, HUB, policy, ROOM, runUnder } from '../../properties/fixtures.js'
import { EXACT_PROPERTIES, S2_WORLD } from './worlds.js'

/** The index of the first event at which the monitor reports a violation, or null. */
function monitored(trace: Pick<RunView, 'actors' | 'meta' | 'events'>, make: typeof monitorFor): (number | null)[] {
  const w = monitorWorld(trace.actors, trace.meta.design as Record<string, string>)
  return PROPERTIES.map((p) => {
    const m = make(p, w)
    let s = m.initial
    for (const e of trace.events) {
      const r = m.next(s, e as unknown as MonitorEvent)
      if ('violated' in r) return e.i
      s = r.state
    }
    // An eventually-property is judged on the finished run; its witness is the run's last event.
    return m.final?.(s) ? trace.events[trace.events.length - 1]!.i : null
  })
}

const judged = (trace: Trace) => trace.verdicts.map((v) => (v.status === 'violated' ? v.at : null))

describe('property monitors (the explorer\'s incremental properties)', () => {
  it('give the same verdict, at the same witness event, as the properties on random small-world runs', async () => {
    let violations = 0
    await fc.assert(
      fc.asyncProperty(runArbitrary(SMALL_WORLD, 6), fc.constantFrom('service' as const, 'mls' as const), async (run, policy) => {
        const r = await runScenario(scenarioOf(SMALL_WORLD, run, 'monitor'), { design: { policy }, engine: 'symbolic', choices: run.choices, properties: PROPERTIES })
        const expected = judged(r.trace)
        violations += expected.filter((x) => x !== null).length
        expect(monitored(r.trace, monitorFor)).toEqual(expected)
      }),
      { numRuns: 150, seed: 7 },
    )
    expect(violations).toBeGreaterThan(10)
  })

  it('agree with the properties on every catalogue scenario under both designs', async () => {
    for (const s of catalogue()) {
      for (const policy of ['service', 'mls'] as const) {
        const r = await runScenario(s, { design: { policy }, engine: 'symbolic', properties: PROPERTIES })
        expect(monitored(r.trace, monitorFor)).toEqual(judged(r.trace))
      }
    }
  })

  it('fall back to re-running the property on the history, with the same verdicts', async () => {
    const s = catalogue().find((x) => x.name === 'hub-injects-eavesdropper')!
    const r = await runScenario(s, { design: { policy: 'service' }, engine: 'symbolic', properties: PROPERTIES })
    expect(monitored(r.trace, (p, w) => historyMonitor(p, w))).toEqual(judged(r.trace))
    expect(judged(r.trace)[0]).not.toBeNull()
  })
})

/** The properties whose exact monitors came last (the history fallback judged them before). */
const FIVE = ['hubLeastPrivilege', 'bannedStaysBanned', 'removedCannotRead', 'leaverEventuallyRemoved', 'noFork']

const LOUNGE = 'mimi://a.example/r/lounge'
const CLIENT = fc.constantFrom(A1, B1, E1)
const TEXT = fc.constantFrom('x', 'x', 'y')
const EPOCH = fc.integer({ min: 1, max: 2 })
const POLICY = fc.constantFrom(policy([ALICE, 3], [BOB, 2]), policy([ALICE, 3]), policy([ALICE, 3], [BOB, 1]), policy([ALICE, 3], [BOB, 2], [EVE, 2]), null)
const ACTION = fc.constantFrom('add', 'remove', 'ban', 'kick', 'changeRole', 'leave', 'send', 'externalJoin')
const begin = (actor: string, action: string, target: string | null, role: number | null = null) => ({ type: 'intent.begin', actor, action, target, role })
const done = (actor: string, action: string, ok: boolean) => ({ type: 'intent.done', actor, action, ok })
/** Stories of a few events each, so that interleavings reach every property's violation often. */
const story = fc.oneof(
  // Any intent, begun and finished.
  fc.record({ actor: CLIENT, action: ACTION, target: fc.constantFrom(ALICE, BOB, EVE, null), role: fc.constantFrom(null, 1, 2), ok: fc.boolean() })
    .map(({ actor, action, target, role, ok }) => [begin(actor, action, target, role), done(actor, action, ok)]),
  // Alice removes, bans, kicks or re-admits bob or eve; bob or eve leaves.
  fc.record({ action: fc.constantFrom('remove', 'ban', 'kick', 'add'), target: fc.constantFrom(BOB, EVE) }).map(({ action, target }) => [begin(A1, action, target, 2), done(A1, action, true)]),
  // Bob or eve leaves, and an honest commit may follow (the hub's proposals had their chance).
  fc.record({ actor: fc.constantFrom(B1, E1), committed: fc.boolean() }).map(({ actor, committed }) => [
    begin(actor, 'leave', null), done(actor, 'leave', true), ...(committed ? [{ type: 'hub.accept', actor: HUB, what: 'commit', subject: A1 }] : []),
  ]),
  // A message sent and read (the reader may be anyone), or read again later.
  fc.record({ sender: CLIENT, reader: CLIENT, text: TEXT }).map(({ sender, reader, text }) => [{ type: 'app.send', actor: sender, text }, { type: 'app.receive', actor: reader, sender, text }]),
  fc.record({ type: fc.constant('app.receive'), actor: CLIENT, sender: CLIENT, text: TEXT }).map((e) => [e]),
  fc.record({ type: fc.constant('intent.done'), actor: CLIENT, action: ACTION, ok: fc.boolean() }).map((e) => [e]),
  fc.record({ type: fc.constant('mls.join'), actor: CLIENT, via: fc.constant('welcome') }).map((e) => [e]),
  // An honest member's state that still has everyone, or any state at all.
  fc.record({ actor: fc.constantFrom(A1, B1), epoch: EPOCH }).map(({ actor, epoch }) => [
    { type: 'client.state', actor, epoch, members: [A1, B1, E1], policy: policy([ALICE, 3], [BOB, 2], [EVE, 2]), digest: 'd', removed: false },
  ]),
  fc.record({ type: fc.constant('client.state'), actor: CLIENT, epoch: EPOCH, members: fc.subarray([A1, B1, E1]), policy: POLICY, digest: fc.constant('d'), removed: fc.constantFrom(false, false, true) }).map((e) => [e]),
  fc.record({ type: fc.constant('hub.propose'), actor: fc.constant(HUB), removes: fc.constant([]), updates: fc.constant([]), reissue: fc.boolean() }).map((e) => [e]),
  fc.record({ type: fc.constant('hub.accept'), actor: fc.constant(HUB), what: fc.constantFrom('commit', 'commit', 'message'), subject: CLIENT }).map((e) => [e]),
  // Commits taken and rejected: (sender, epoch) collide often.
  fc.record({ type: fc.constant('mls.apply'), actor: CLIENT, sender: CLIENT, epoch: EPOCH, adds: fc.constant([]), removes: fc.constant([]), contextChanged: fc.boolean() }).map((e) => [e]),
  fc.record({ type: fc.constant('mls.commit'), actor: CLIENT, epoch: EPOCH, adds: fc.constant([]), removes: fc.constant([]), contextChanged: fc.boolean(), bytes: fc.constant(0) }).map((e) => [e]),
  fc.record({ type: fc.constant('mls.reject'), actor: CLIENT, sender: CLIENT, epoch: fc.integer({ min: 0, max: 1 }), what: fc.constantFrom('commit', 'commit', 'proposal'), reason: fc.constant('no') }).map((e) => [e]),
  fc.record({
    type: fc.constant('policy.change'), actor: fc.constantFrom(A1, B1, E1, HUB), updates: fc.constant(['u']), forced: fc.boolean(), participants: fc.constant([]),
    used: fc.subarray([[HUB, 'canBan'], [HUB, 'canAddParticipant'], [A1, 'canChangeRoleDefinitions']]),
  }).map((e) => [e]),
)
/**
 * Hand-made runs over the property fixtures' world (alice and bob honest, eve and the hub malicious;
 * two rooms), under either design: the corners the simulator's small world seldom reaches (its
 * random runs never violate removedCannotRead).
 */
const handMade = fc
  .tuple(fc.array(fc.tuple(story, fc.constantFrom(ROOM, ROOM, ROOM, LOUNGE)), { minLength: 6, maxLength: 24 }), fc.constantFrom('service', 'mls'))
  .map(([chunks, design]) =>
    runUnder({ policy: design }, [createdWith([ALICE, 3], [BOB, 2], [EVE, 2]), { ...createdWith([ALICE, 3], [BOB, 2]), room: LOUNGE }, ...chunks.flatMap(([es, room]) => es.map((e) => ({ ...e, room })))]),
  )

describe('the exact monitors of the five later properties', () => {
  it('replace the history fallback: every property has an exact monitor', () => {
    const w = monitorWorld([])
    expect(PROPERTIES.filter((p) => monitorFor(p, w).mode !== 'exact').map((p) => p.id)).toEqual([])
    expect(FIVE.every((id) => PROPERTIES.some((p) => p.id === id))).toBe(true)
  })

  it('report at the very event the history fallback does (the first prefix the property finds violated) on hand-made runs', () => {
    const violations: Record<string, number> = {}
    fc.assert(
      fc.property(handMade, (run) => {
        const exact = monitored(run, monitorFor)
        expect(exact).toEqual(monitored(run, (p, w) => historyMonitor(p, w)))
        // And the verdicts are the properties' own; only noFork may see its witness after the fact.
        PROPERTIES.forEach((p, k) => {
          const v = p.holds(run)
          expect(exact[k] !== null).toBe(v.status === 'violated')
          if (exact[k] !== null && p.id !== 'noFork') expect(exact[k]).toBe(v.at)
          if (v.status === 'violated') violations[p.id] = (violations[p.id] ?? 0) + 1
        })
      }),
      { numRuns: 400, seed: 11 },
    )
    for (const id of FIVE) expect(violations[id] ?? 0, id).toBeGreaterThan(10)
  })

  it('hand back the very state object when an event changes nothing, so the explorer\'s memo hits', () => {
    fc.assert(
      fc.property(handMade, (run) => {
        const w = monitorWorld(run.actors, run.meta.design as Record<string, string>)
        // bannedStaysBanned folds the shared agreed-policy oracle, which builds a fresh (equal) state
        // when an honest client begins the very intent it already had open.
        for (const p of PROPERTIES.filter((q) => FIVE.includes(q.id) && q.id !== 'bannedStaysBanned')) {
          const m = monitorFor(p, w)
          let s = m.initial
          for (const e of run.events) {
            const r = m.next(s, e as unknown as MonitorEvent)
            if ('violated' in r) break
            if (JSON.stringify(r.state) === JSON.stringify(s)) expect(r.state, `${p.id} at ${e.type}`).toBe(s)
            s = r.state
          }
        }
      }),
      { numRuns: 200, seed: 12 },
    )
  })

  it('let paths merge: S2\'s world (any 2 steps, policy=mls) under every property has as many unique states as under the first three', async () => {
    const search = async (properties: typeof PROPERTIES) =>
      explore(await buildModel(S2_WORLD, { design: { policy: 'mls' }, properties, maxSteps: 2 }), { depth: 200, all: true })
    const all = await search(PROPERTIES)
    expect(all.stopped).toBe('exhausted')
    expect(all.unique).toBe((await search(EXACT_PROPERTIES)).unique)
    // 3,049 while the five were judged by the history fallback.
    expect(all.unique).toBe(765)
  })
})

/** Every event at which a monitor that declares `reads` was handed one it does not read and did not return its very state. */
function unreadMoves(run: Pick<RunView, 'actors' | 'meta' | 'events'>): string[] {
  const w = monitorWorld(run.actors, run.meta.design as Record<string, string>)
  const wrong: string[] = []
  for (const p of PROPERTIES) {
    const m = monitorFor(p, w)
    let s = m.initial
    for (const e of run.events) {
      const r = m.next(s, e as unknown as MonitorEvent)
      if (m.reads && !m.reads.has(e.type) && !('state' in r && r.state === s)) wrong.push(`${p.id} at ${e.type}`)
      if ('violated' in r) break
      s = r.state
    }
  }
  return wrong
}

describe('monitors that declare the events they read (the search skips them on the others)', () => {
  it('are every exact monitor, and the declarations name real note types', () => {
    const w = monitorWorld([])
    expect(PROPERTIES.filter((p) => !monitorFor(p, w).reads).map((p) => p.id)).toEqual([])
    const types = new Set(PROPERTIES.flatMap((p) => [...(monitorFor(p, w).reads ?? [])]))
    expect([...types].sort()).toEqual(['app.receive', 'app.send', 'client.state', 'hub.accept', 'hub.propose', 'intent.begin', 'intent.done', 'mls.apply', 'mls.commit', 'mls.join', 'mls.reject', 'policy.change', 'room.create'])
    // Each is a trace event type the model emits (docs/trace-format.md's table).
    for (const t of types) expect(SPEC_OF_EVENT, t).toHaveProperty([t])
  })

  it('return the very state they were given on every event they do not read, on hand-made runs', () => {
    fc.assert(
      fc.property(handMade, (run) => {
        expect(unreadMoves(run)).toEqual([])
      }),
      { numRuns: 300, seed: 13 },
    )
  })

  it('return the very state they were given on every event they do not read, on random small-world runs and the catalogue', async () => {
    await fc.assert(
      fc.asyncProperty(runArbitrary(SMALL_WORLD, 6), fc.constantFrom('service' as const, 'mls' as const), async (run, policy) => {
        const r = await runScenario(scenarioOf(SMALL_WORLD, run, 'reads'), { design: { policy }, engine: 'symbolic', choices: run.choices, properties: PROPERTIES })
        expect(unreadMoves(r.trace)).toEqual([])
      }),
      { numRuns: 60, seed: 17 },
    )
    for (const s of catalogue()) {
      const r = await runScenario(s, { design: { policy: 'service' }, engine: 'symbolic', properties: PROPERTIES })
      expect(unreadMoves(r.trace), s.name).toEqual([])
    }
  })

  it('watchedBy marks a reaction for exactly the monitors that read one of its notes, and for every monitor that declares nothing', () => {
    const w = monitorWorld([])
    const byId = (id: string) => monitorFor(PROPERTIES.find((p) => p.id === id)!, w)
    // A monitor that declares nothing (as a history fallback) may read any note.
    const undeclared: Monitor = { property: 'anything', mode: 'history', initial: null, next: (st) => ({ state: st }) }
    const monitors = [byId('noEavesdropper'), byId('hubLeastPrivilege'), undeclared]
    const note = (type: string) => ({ note: { type, actor: A1, room: ROOM, epoch: 1, explain: '' } as never })
    const send = { to: B1, toIx: 1, msg: { type: 'notify' }, cid: -1 } as never
    expect(watchedBy(monitors, [send])).toBe(0)
    expect(watchedBy(monitors, [note('hub.accept'), send])).toBe(0b100)
    expect(watchedBy(monitors, [note('client.state'), note('policy.change')])).toBe(0b110)
    expect(watchedBy(monitors, [note('intent.done')])).toBe(0b101)
    expect([0, 1, 2].map((k) => watches(0b101, k))).toEqual([true, false, true])
  })
})
