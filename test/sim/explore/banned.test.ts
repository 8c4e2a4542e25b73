/**
 * bannedStaysBanned in the explorer (draft-ietf-mimi-room-policy-03 §4, §8.1.3): a member that lags
 * behind a ban and reports an epoch before it is no ban evasion. The run the explorer once reported
 * as one is pinned here (steps and choice list as data), the small world with administration steps
 * is searched exhaustively, and the monitor is held to the property on hand-made runs whose bans,
 * unbans and events carry different epochs.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bannedStaysBanned, noEavesdropper } from '../../../properties/index.js'
import { scenarioOf, SMALL_WORLD } from '../../../sim/check/index.js'
import { buildModel, explore } from '../../../sim/explore/index.js'
import { monitorFor, monitorWorld, type MonitorEvent } from '../../../sim/explore/monitors/index.js'
import { runScenario } from '../../../sim/runner.js'
import type { StepAction } from '../../../sim/scenario/types.js'
import type { TraceEvent } from '../../../sim/trace/events.js'
import { A1, ALICE, B1, BOB, createdWith, E1, EVE, policy, runOf } from '../../properties/fixtures.js'

/** The hub proposes a role-definitions change; alice bans bob, committing it first (explore's former counterexample). */
const LAGGING_BAN: { steps: StepAction[]; choices: number[] } = {
  steps: [
    { actor: 'a.example', do: 'hubPropose', room: 'clubhouse', edits: [{ component: 'roles', grant: [{ role: 'no_role', capability: 'canOpenJoin', to: ['ordinary_user'] }] }] },
    { actor: 'alice', do: 'ban', room: 'clubhouse', target: 'bob' },
  ] as StepAction[],
  choices: [0, 0, 0, 0, 0, 1, 1, 2, 2, 0, 0, 0],
}

const BOB1 = 'mimi://b.example/d/bob/1'

describe('bannedStaysBanned in the explorer', () => {
  for (const engine of ['symbolic', 'real'] as const) {
    it(`holds on the pinned run where bob applies epoch 2 after alice's ban ended at epoch 4 (${engine} MLS)`, async () => {
      const r = await runScenario(scenarioOf(SMALL_WORLD, LAGGING_BAN, 'lagging-ban'), { design: { policy: 'mls' }, engine, choices: LAGGING_BAN.choices, properties: [bannedStaysBanned] })
      const events = r.trace.events
      const banned = events.findIndex((e) => e.type === 'intent.done' && e.action === 'ban' && e.ok)
      expect(events[banned]).toMatchObject({ actor: 'mimi://a.example/d/alice/1', epoch: 4 })
      // The lag the property must tolerate is really in the run: bob's view of epoch 2, with himself a member, after the ban.
      const lagging = events.slice(banned).find((e): e is Extract<TraceEvent, { type: 'client.state' }> => e.type === 'client.state' && e.actor === BOB1 && !e.removed)
      expect(lagging).toMatchObject({ epoch: 2 })
      expect(lagging!.members).toContain(BOB1)
      expect(r.trace.verdicts).toMatchObject([{ property: 'bannedStaysBanned', status: 'holds' }])
    })
  }

  it('finds no violation in the small world with administration steps within 2 steps under policy=mls (exhausted), and the ban epochs split no state', async () => {
    const search = async (properties: typeof noEavesdropper[]) =>
      explore(await buildModel(SMALL_WORLD, { design: { policy: 'mls' }, properties, maxSteps: 2, admin: true }), { depth: 200, all: true })
    const banned = await search([bannedStaysBanned])
    expect(banned.found).toEqual([])
    expect(banned.stopped).toBe('exhausted')
    expect(banned.unique).toBe((await search([noEavesdropper])).unique)
  })
})

const EPOCH = fc.integer({ min: 1, max: 6 })
const CLIENT = fc.constantFrom(A1, B1, E1)
const begin = (actor: string, action: string, target: string, role: number | null = null) => ({ type: 'intent.begin', actor, action, target, role })
/** Stories over the property fixtures' world: bans and unbans agreed at various epochs, and views and decryptions of various epochs. */
const story = fc.oneof(
  fc.record({ target: fc.constantFrom(BOB, EVE), epoch: EPOCH, ok: fc.boolean() }).map(({ target, epoch, ok }) => [begin(A1, 'ban', target), { type: 'intent.done', actor: A1, action: 'ban', ok, epoch }]),
  fc.record({ target: fc.constantFrom(BOB, EVE), epoch: EPOCH }).map(({ target, epoch }) => [begin(A1, 'changeRole', target, 2), { type: 'intent.done', actor: A1, action: 'changeRole', ok: true, epoch }]),
  // An intent begun again, unchanged: nothing changes.
  fc.constant([begin(A1, 'ban', BOB), begin(A1, 'ban', BOB)]),
  fc.record({ actor: CLIENT, epoch: EPOCH, members: fc.subarray([A1, B1, E1]), removed: fc.constantFrom(false, false, true) }).map((e) => [
    { type: 'client.state', ...e, policy: policy([ALICE, 3]), digest: 'd' },
  ]),
  fc.record({ actor: CLIENT, epoch: EPOCH }).map((e) => [{ type: 'app.receive', ...e, sender: A1, text: 'x' }]),
)
const handMade = fc.array(story, { minLength: 2, maxLength: 16 }).map((chunks) => runOf([createdWith([ALICE, 3], [BOB, 2], [EVE, 2]), ...chunks.flat()]))

describe('the bannedStaysBanned monitor', () => {
  it('reports at the property\'s witness event on runs with bans, unbans and lagging views of various epochs', () => {
    let violations = 0
    fc.assert(
      fc.property(handMade, (run) => {
        const m = monitorFor(bannedStaysBanned, monitorWorld(run.actors))
        let s = m.initial
        let at: number | null = null
        for (const e of run.events) {
          const r = m.next(s, e as unknown as MonitorEvent)
          if ('violated' in r) {
            at = e.i
            break
          }
          s = r.state
        }
        const v = bannedStaysBanned.holds(run)
        expect(at).toBe(v.at)
        if (at !== null) violations++
      }),
      { numRuns: 400, seed: 21 },
    )
    expect(violations).toBeGreaterThan(40)
  })

  it('hands back the very state object when an event changes nothing, and keeps its epochs ascending', () => {
    fc.assert(
      fc.property(handMade, (run) => {
        const m = monitorFor(bannedStaysBanned, monitorWorld(run.actors))
        let s = m.initial as { bans: Record<string, Record<string, number[]>> }
        for (const e of run.events) {
          const r = m.next(s, e as unknown as MonitorEvent)
          if ('violated' in r) break
          if (JSON.stringify(r.state) === JSON.stringify(s)) expect(r.state, e.type).toBe(s)
          s = r.state as typeof s
          for (const users of Object.values(s.bans)) for (const epochs of Object.values(users)) expect(epochs).toEqual([...epochs].sort((a, b) => a - b))
        }
      }),
      { numRuns: 300, seed: 22 },
    )
  })
})
