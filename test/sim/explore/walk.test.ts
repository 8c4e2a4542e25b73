import { describe, expect, it } from 'vitest'
import { PROPERTIES } from '../../../properties/index.js'
import { buildModel, Coverage, walk } from '../../../sim/explore/index.js'
import { runScenario } from '../../../sim/runner.js'
import type { Scenario } from '../../../sim/scenario/types.js'
import type { Trace } from '../../../sim/trace/events.js'
import { catalogue } from '../../helpers.js'
import { policyScenario } from '../scenario/fixtures.js'

/** Trace event types per actor kind (hub, follower, client), after setup: what coverage counts. */
function producedOf(trace: Trace, kindOf: (actor: string) => string): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {}
  for (const e of trace.events) {
    if (e.step < 0) continue
    const kind = kindOf(e.actor as string)
    const m = (out[kind] ??= {})
    m[e.type] = (m[e.type] ?? 0) + 1
  }
  return out
}

async function sameBothWays(scenario: Scenario, policy: 'service' | 'mls', seed: number) {
  const run = await runScenario(scenario, { design: { policy }, engine: 'symbolic', seed, properties: PROPERTIES })
  const model = await buildModel(scenario, { design: { policy }, properties: PROPERTIES })
  const cov = new Coverage()
  const w = walk(model, scenario.steps.map((_, k) => k), run.trace.meta.choices, cov)
  const violated = Object.fromEntries(PROPERTIES.map((p) => [p.id, w.violated.has(p.id)]))
  expect(violated).toEqual(Object.fromEntries(run.trace.verdicts.map((v) => [v.property, v.status === 'violated'])))
  const kinds = new Map(model.actors.map((a) => [a.id as string, a.kind]))
  const rep = cov.report([], {})
  expect(rep.produced).toEqual(producedOf(run.trace, (a) => kinds.get(a)!))
  return run
}

describe('walk (a run as a path through the explore model)', () => {
  it('follows `run` through every step kind (kick, ban, changeRole, edit, leave, hubPropose): same verdicts, same trace event types per actor kind', async () => {
    const scenario = policyScenario() as Scenario
    const kinds = new Set(scenario.steps.map((s) => s.do))
    for (const k of ['kick', 'ban', 'changeRole', 'edit', 'leave', 'hubPropose']) expect(kinds.has(k as never)).toBe(true)
    for (const policy of ['service', 'mls'] as const) for (const seed of [0, 1, 2, 3]) await sameBothWays(scenario, policy, seed)
  })

  it('follows `run` on every catalogue scenario, under both designs and several seeds', async () => {
    let violations = 0
    for (const s of catalogue()) {
      for (const policy of ['service', 'mls'] as const) for (const seed of [0, 5, 9]) {
        const run = await sameBothWays(s, policy, seed)
        violations += run.trace.verdicts.filter((v) => v.status === 'violated').length
      }
    }
    expect(violations).toBeGreaterThan(0)
  })
})
