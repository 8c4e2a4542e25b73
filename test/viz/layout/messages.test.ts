import { describe, expect, it } from 'vitest'
import type { Trace, TraceEvent } from '../../../sim/trace/events.js'
import { arrowsOf } from '../../../viz/layout/messages.js'
import { fixture } from '../helpers.js'

const ofType = (t: Trace, type: string) => t.events.filter((e) => e.type === type) as (TraceEvent & Record<string, unknown>)[]

describe('arrowsOf', () => {
  it('gives every delivery and drop one arrow, starting at the send of the same message', () => {
    for (const name of ['s2-service', 's2-mls', 's2-faults']) {
      const t = fixture(name)
      const arrows = arrowsOf(t.events)
      const ends = [...ofType(t, 'net.deliver'), ...ofType(t, 'net.drop')].map((e) => e.i).sort((a, b) => a - b)
      expect(arrows.filter((a) => a.end !== 'pending').map((a) => a.endAt).sort((a, b) => a - b), name).toEqual(ends)
      for (const a of arrows) {
        const send = t.events[a.sendAt!] as TraceEvent & Record<string, unknown>
        expect(send.type, `${name} #${a.msg}`).toBe('net.send')
        expect(send.msg).toBe(a.msg)
        expect(a.delay).toBe(t.events[a.endAt]!.t - send.t)
      }
    }
  })

  it('ends a dropped message in a drop, and draws the delivery after a duplicate as a copy while the original arrives later', () => {
    const t = fixture('s2-faults')
    const arrows = arrowsOf(t.events)
    const drop = ofType(t, 'net.drop')[0]!
    expect(arrows.find((a) => a.endAt === drop.i)).toMatchObject({ end: 'drop', msg: drop.msg, to: drop.to })
    const dup = ofType(t, 'net.duplicate')[0]!
    const ofDup = arrows.filter((a) => a.msg === dup.msg)
    expect(ofDup.map((a) => a.end)).toEqual(['copy', 'deliver'])
    expect(ofDup[0]!.endAt).toBe(dup.i + 1)
    expect(ofDup[1]!.endAt).toBeGreaterThan(ofDup[0]!.endAt)
  })

  it('marks a message overtaken exactly when a later send to the same receiver arrived first', () => {
    for (const name of ['s2-service', 's2-mls', 's2-faults']) {
      const arrows = arrowsOf(fixture(name).events).filter((a) => a.end !== 'copy')
      for (const a of arrows) {
        const beaten = arrows.some((b) => b.to === a.to && b.sendAt! > a.sendAt! && b.endAt < a.endAt)
        expect(a.overtaken, `${name} #${a.msg}`).toBe(beaten)
      }
    }
  })

  it('marks the message that a later one from another sender overtook', () => {
    const base = { step: 0, t: 0, room: null, epoch: null, explain: '', kind: 'notify', summary: '' }
    const events = [
      { ...base, i: 0, actor: 'p', type: 'net.send', msg: 1, to: 'q' },
      { ...base, i: 1, actor: 'r', type: 'net.send', msg: 2, to: 'q' },
      { ...base, i: 2, actor: 'q', type: 'net.deliver', msg: 2, from: 'r' },
      { ...base, i: 3, actor: 'q', type: 'net.deliver', msg: 1, from: 'p' },
    ] as unknown as TraceEvent[]
    expect(arrowsOf(events).map((a) => [a.msg, a.overtaken])).toEqual([[2, false], [1, true]])
  })

  it('keeps a message still in flight at the end as pending, and tolerates net events without msg or kind', () => {
    const base = { step: 0, t: 0, room: null, epoch: null, explain: '' }
    const events = [
      { ...base, i: 0, actor: 'p', type: 'net.send', msg: 1, to: 'q', kind: 'notify', summary: 'n' },
      { ...base, i: 1, actor: 'q', type: 'net.deliver', from: 'p' },
      { ...base, i: 2, actor: 'p', type: 'net.send', msg: 2, to: 'q', kind: 'acl', summary: 'a' },
    ] as unknown as TraceEvent[]
    const arrows = arrowsOf(events)
    expect(arrows.map((a) => [a.end, a.msg, a.from, a.to, a.sendAt, a.endAt])).toEqual([
      ['deliver', null, 'p', 'q', null, 1],
      ['pending', 1, 'p', 'q', 0, 2],
      ['pending', 2, 'p', 'q', 2, 2],
    ])
  })
})
