import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { noEavesdropper, policyAgreement } from '../../../properties/index.js'
import { check, Runs, RunCoverage, runArbitrary, SMALL_WORLD } from '../../../sim/check/index.js'
import { SPEC_OF_EVENT } from '../../../sim/explore/specTable.js'

const runsOf = (n: number, seed: number) => fc.sample(runArbitrary(SMALL_WORLD, 5), { numRuns: n, seed })

describe('check coverage (every generated run walked through the explore model)', () => {
  it('counts exactly the trace event types the runs produced, per actor kind', async () => {
    const cov = await RunCoverage.create(SMALL_WORLD, { policy: 'service' }, noEavesdropper)
    const runs = new Runs({ world: SMALL_WORLD, design: { policy: 'service' }, property: noEavesdropper, runs: 1, seed: 1, maxSteps: 5 }, cov)
    const expected: Record<string, Record<string, number>> = {}
    const kindOf = (actor: string, kinds: Map<string, string>) => kinds.get(actor)!
    for (const run of runsOf(40, 4)) {
      const trace = await runs.run(run)
      const kinds = new Map(trace.actors.map((a) => [a.id as string, a.kind === 'client' ? 'client' : a.hubOf.length > 0 ? 'hub' : 'follower']))
      for (const e of trace.events) {
        if (e.step < 0) continue
        const m = (expected[kindOf(e.actor as string, kinds)] ??= {})
        m[e.type] = (m[e.type] ?? 0) + 1
      }
    }
    expect(cov.report().produced).toEqual(expected)
  })

  it('counts distinct states and transitions: walking the same runs again adds none, and every state but the first is reached by a transition', async () => {
    const cov = await RunCoverage.create(SMALL_WORLD, { policy: 'mls' }, policyAgreement)
    const sample = runsOf(30, 9)
    for (const run of sample) cov.observe(run)
    const once = cov.report()
    for (const run of sample) cov.observe(run)
    const twice = cov.report()
    expect([twice.states, twice.transitions]).toEqual([once.states, once.transitions])
    expect(twice.received.client!.deliver).toBe(2 * once.received.client!.deliver!)
    expect(once.states).toBeGreaterThan(30)
    expect(once.states).toBeLessThanOrEqual(once.transitions + 1)
  })

  it('check reports the draft sections of the property and of every event type its runs produced', async () => {
    const r = await check({ world: SMALL_WORLD, design: { policy: 'service' }, property: policyAgreement, runs: 30, seed: 3, maxSteps: 4, confirm: false })
    const c = r.coverage!
    for (const s of policyAgreement.spec) expect(c.sections[s]).toContain('property policyAgreement')
    const types = new Set(Object.values(c.produced).flatMap((m) => Object.keys(m)))
    expect(types.has('attack.forgeAcl') || types.has('acl.update')).toBe(true)
    for (const t of types) for (const s of SPEC_OF_EVENT[t] ?? []) expect(c.sections[s]).toContain(t)
    expect(c.machines.client!.fired).toBeGreaterThan(0)
  })
})
