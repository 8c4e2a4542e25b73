/**
 * Duplicated deliveries (PROTO §5.5): the hub answers a byte-identical resubmission again instead of
 * sequencing it twice, and followers and clients process each fanout item once, by its sequence
 * number. So a network that duplicates messages changes no verdict and causes no MLS failure.
 */
import { describe, expect, it } from 'vitest'
import { allDesigns, designLabel } from '../../model/design.js'
import { run, scenario } from '../helpers.js'

describe('duplicated deliveries', () => {
  for (const design of allDesigns()) {
    it(`baseline-add under ${designLabel(design)}: every message duplicated, nothing processed twice`, async () => {
      const s = { ...scenario('baseline-add'), network: { ordering: 'per-link' as const, duplication: true, maxFaults: 10 } }
      const r = await run(s, design, 'symbolic', 0, new Array(200).fill(1))
      expect(r.trace.events.filter((e) => e.type === 'net.duplicate').length).toBe(10)
      expect(r.trace.events.filter((e) => e.type === 'mls.fail')).toEqual([])
      expect(r.trace.events.filter((e) => e.type === 'intent.done' && !e.ok)).toEqual([])
      expect(r.expectationsMet).toBe(true)
    })
  }

  it('a lost message is a choice too: dropping the Welcome leaves cathy outside the group', async () => {
    const s = { ...scenario('baseline-add'), network: { ordering: 'per-link' as const, loss: true, maxFaults: 1 } }
    const quiet = await run(s, { policy: 'mls' }, 'symbolic', 0, [])
    const welcome = quiet.trace.events.find((e) => e.type === 'net.send' && e.summary.startsWith('notify welcome') && e.to.includes('/d/'))!
    expect(welcome).toBeDefined()
    // Replay the quiet run but drop the first Welcome: find its position among the network's options.
    const dropped = await run(s, { policy: 'mls' }, 'symbolic', 0, dropChoicesFor(quiet.trace.events, welcome.type === 'net.send' ? welcome.msg : -1))
    expect(dropped.trace.events.some((e) => e.type === 'net.drop' && e.msg === (welcome as { msg: number }).msg)).toBe(true)
    const victim = welcome.type === 'net.send' ? welcome.to : ''
    expect(victim).toMatch(/\/cathy\//)
    expect(dropped.trace.events.some((e) => e.type === 'mls.join' && e.actor === victim && e.step >= 0)).toBe(false)
  })
})

/** Choices that deliver in order (option 0) except at the delivery of message `msg`, where they drop it (option 1). */
function dropChoicesFor(events: readonly { type: string; msg?: number }[], msg: number): number[] {
  const deliveries = events.filter((e) => e.type === 'net.deliver')
  const k = deliveries.findIndex((e) => e.msg === msg)
  return [...new Array(k).fill(0), 1]
}
