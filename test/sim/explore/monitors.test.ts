import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PROPERTIES } from '../../../properties/index.js'
import { runArbitrary, scenarioOf, SMALL_WORLD } from '../../../sim/check/index.js'
import { monitorFor, monitorWorld, type MonitorEvent } from '../../../sim/explore/monitors/index.js'
import { historyMonitor } from '../../../sim/explore/monitors/history.js'
import { runScenario } from '../../../sim/runner.js'
import type { Trace } from '../../../sim/trace/events.js'
import { catalogue } from '../../helpers.js'

/** The index of the first event at which the monitor reports a violation, or null. */
function monitored(trace: Trace, make: typeof monitorFor): (number | null)[] {
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
