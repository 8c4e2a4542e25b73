import { describe, expect, it } from 'vitest'
import { noEavesdropper, PROPERTIES } from '../../../properties/index.js'
import { holds, type Property, violated } from '../../../properties/types.js'
import { buildModel, confirm, explore, replayableOf } from '../../../sim/explore/index.js'
import type { Scenario } from '../../../sim/scenario/types.js'
import { EXACT_PROPERTIES, S2_WORLD, scenarioFile } from './worlds.js'

const S2 = scenarioFile('hub-injects-eavesdropper')
const S1 = scenarioFile('baseline-add')

const PINNED_PROPERTIES = EXACT_PROPERTIES

async function exhaust(s: Scenario, policy: 'service' | 'mls', maxSteps: number | null = null, depth = 200, properties: readonly Property[] = PROPERTIES) {
  const m = await buildModel(s, { design: { policy }, properties, maxSteps })
  return { model: m, result: explore(m, { depth, all: true }) }
}

describe('explore (bounded exhaustive search)', () => {
  it('finds the S2 eavesdropper under policy=service, and RealMls confirms the shortest counterexample', async () => {
    const m = await buildModel(S2, { design: { policy: 'service' }, properties: [noEavesdropper] })
    const r = explore(m, { depth: 100 })
    expect(r.stopped).toBe('violation')
    expect(r.found).toHaveLength(1)
    const f = r.found[0]!
    expect(f.property).toBe('noEavesdropper')
    const c = await confirm(m, replayableOf(m, f.codes), noEavesdropper, true)
    expect(c.symbolic.verdicts[0]!.status).toBe('violated')
    expect(c.confirmed).toBe(true)
    expect(c.real!.meta.engine).toBe('real')
  })

  it('reports a counterexample of minimal length: no violation exists one transition shorter', async () => {
    for (const [world, maxSteps] of [[S2, null], [S2_WORLD, 2]] as const) {
      const m = await buildModel(world, { design: { policy: 'service' }, properties: [noEavesdropper], maxSteps })
      const L = explore(m, { depth: 100 }).found[0]!.length
      const shorter = explore(m, { depth: L - 1 })
      expect(shorter.found).toEqual([])
      expect(shorter.stopped).toBe('depth')
    }
  })

  it('proves no violation of any property exists in S2 under policy=mls: the state space is exhausted', async () => {
    const { result } = await exhaust(S2, 'mls')
    expect(result.found).toEqual([])
    expect(result.stopped).toBe('exhausted')
  })

  it('proves no violation within the pinned bounds in S2\'s world under policy=mls (any 2 steps, any delivery order)', async () => {
    const { result } = await exhaust(S2_WORLD, 'mls', 2)
    expect(result.found).toEqual([])
    expect(result.stopped).toBe('exhausted')
  })

  it('the counterexample replays with `run`: its steps and choices reproduce the violation in the symbolic trace', async () => {
    const m = await buildModel(S2_WORLD, { design: { policy: 'service' }, properties: [noEavesdropper], maxSteps: 2 })
    const f = explore(m, { depth: 100 }).found[0]!
    const r = replayableOf(m, f.codes)
    expect(r.steps.length).toBeGreaterThan(0)
    const c = await confirm(m, r, noEavesdropper, false)
    expect(c.symbolic.meta.choices.slice(0, r.choices.length)).toEqual(r.choices)
    expect(c.confirmed).toBeNull()
  })

  it('pins the unique-state counts of small worlds (regression: a model change that alters them must update these)', async () => {
    const counts: Record<string, [number, number, number]> = {}
    for (const policy of ['service', 'mls'] as const) {
      for (const [name, s, maxSteps] of [['s1', S1, null], ['s2', S2, null], ['s2-world/2', S2_WORLD, 2]] as const) {
        const r = (await exhaust(s, policy, maxSteps, 200, PINNED_PROPERTIES)).result
        counts[`${name} ${policy}`] = [r.generated, r.unique, r.depth]
      }
    }
    expect(counts).toEqual(PINNED)
  })

  it('is deterministic: the same search gives the same counts and the same counterexample', async () => {
    const a = await exhaust(S2_WORLD, 'service', 2, 200, PINNED_PROPERTIES)
    const b = await exhaust(S2_WORLD, 'service', 2, 200, PINNED_PROPERTIES)
    expect([b.result.generated, b.result.unique]).toEqual([a.result.generated, a.result.unique])
    expect(b.result.found).toEqual(a.result.found)
  })

  it('judges an `eventually` property where a run may end: the shortest finished run without it, which `run` confirms', async () => {
    const eveReads: Property = {
      id: 'eveEventuallyReads',
      kind: 'eventually',
      spec: [],
      claim: 'eve reads some message before the run ends',
      holds: (run) => (run.events.some((e) => e.type === 'app.receive' && e.actor.includes('/d/eve/')) ? holds('eve read') : violated(run.events.length - 1, 'eve never reads')),
    }
    const m = await buildModel(S2, { design: { policy: 'mls' }, properties: [eveReads] })
    const r = explore(m, { depth: 200 })
    expect(r.stopped).toBe('violation')
    const f = r.found[0]!
    expect(f.length).toBe(r.depth)
    // Every step of the script is taken before the run may end.
    expect(replayableOf(m, f.codes).steps).toEqual(S2.steps)
    expect(explore(m, { depth: f.length - 1 }).found).toEqual([])
    const c = await confirm(m, replayableOf(m, f.codes), eveReads, false)
    expect(c.symbolic.verdicts[0]!.status).toBe('violated')
  })

  it('honours the state budget', async () => {
    const m = await buildModel(S2_WORLD, { design: { policy: 'mls' }, properties: PROPERTIES, maxSteps: 2 })
    const r = explore(m, { depth: 100, maxStates: 200 })
    expect(r.stopped).toBe('states')
    expect(r.unique).toBeGreaterThanOrEqual(200)
    expect(r.unique).toBeLessThan(260)
  })
})

/** [generated, unique, depth] of an exhaustive search (PINNED_PROPERTIES, `all`). */
const PINNED: Record<string, [number, number, number]> = {
  's1 service': [598, 255, 55],
  's2 service': [130, 72, 28],
  's2-world/2 service': [2061, 1095, 21],
  's1 mls': [958, 375, 60],
  's2 mls': [102, 65, 33],
  's2-world/2 mls': [1206, 765, 19],
}
