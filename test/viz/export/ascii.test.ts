import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { asciiLadder } from '../../../viz/export/ascii.js'
import { fixture, GOLDEN, withMarkup } from '../helpers.js'

const figureOf = (text: string) => text.slice(0, text.indexOf('\nmimi-sim export: ')).split('\n').filter(Boolean)

describe('asciiLadder', () => {
  const faults = fixture('s2-faults')
  const text = asciiLadder(faults)

  it('matches the golden ladder of the S2 fault fixture byte for byte', () => {
    // Regenerate deliberately with `npx tsx test/viz/golden/regenerate.ts`, never from a test.
    expect(text).toBe(readFileSync(GOLDEN('s2-faults.ascii.txt'), 'utf8'))
  })

  it('is plain ASCII, with lanes as | columns under the labels, and every mark and arrow end on a lane', () => {
    const figure = figureOf(text)
    expect(figure.join('\n')).toMatch(/^[\x20-\x7e\n]*$/)
    const lanes = [...figure[2]!].flatMap((ch, k) => (ch === '|' ? [k] : []))
    expect(lanes).toHaveLength(faults.actors.length)
    const right = lanes.at(-1)! + 1
    const at = (line: string, ch: string) => [...line.slice(0, right)].flatMap((c, k) => (c === ch ? [k] : []))
    for (const line of figure.slice(2)) {
      const arrow = /\+[-=]+[>X]|[<X][-=]+\+/.test(line)
      if (arrow) {
        expect(at(line, '+').every((k) => lanes.includes(k)), line).toBe(true)
        expect(at(line, 'X').every((k) => lanes.includes(k)), line).toBe(true)
        expect(at(line, '>').every((k) => lanes.includes(k + 1)), line).toBe(true)
        expect(at(line, '<').every((k) => lanes.includes(k - 1)), line).toBe(true)
      } else if (!/[a-zA-Z]/.test(line.slice(0, right))) {
        expect([...at(line, '|'), ...at(line, '*')].sort((a, b) => a - b), line).toEqual(lanes)
      }
    }
  })

  it('draws one arrow per delivery and drop: a drop ends in X, a network copy is drawn with =', () => {
    const figure = figureOf(text)
    const arrows = figure.filter((l) => /\+[-=]+[>X]|[<X][-=]+\+/.test(l))
    const ends = faults.events.filter((e) => e.type === 'net.deliver' || e.type === 'net.drop')
    expect(arrows).toHaveLength(ends.length)
    const drop = faults.events.find((e) => e.type === 'net.drop')!
    expect(figure.find((l) => l.includes(`[${drop.i}] `))).toMatch(/\+-+X|X-+\+/)
    const dup = faults.events.find((e) => e.type === 'net.duplicate')!
    expect(figure.find((l) => l.includes(`[${dup.i + 1}] `))).toMatch(/\+=+>|<=+\+/)
  })

  it('puts a * mark on the lane of every internal event, and the violation marker at its witness', () => {
    const figure = figureOf(text)
    const internal = faults.events.filter((e) => !e.type.startsWith('net.'))
    expect(figure.filter((l) => l.includes('*') && /\[\d+\] [a-z]+\./.test(l))).toHaveLength(internal.length)
    for (const v of faults.verdicts.filter((x) => x.status === 'violated')) {
      expect(figure.find((l) => l.includes(`[${v.at}] `))).toContain(`!! ${v.property}`)
      expect(text).toContain(`!! violates ${v.property}`)
    }
  })

  it('lists every drawn event under the figure with its explanation, then the verdicts', () => {
    const list = text.slice(text.indexOf('\nmimi-sim export: '))
    for (const e of faults.events.filter((x) => x.type !== 'net.send' && x.type !== 'net.duplicate')) expect(list).toContain(`\n[${e.i}] `)
    expect(list).toContain(faults.events[6]!.explain)
    for (const v of faults.verdicts) expect(list).toContain(`- ${v.property}: ${v.status}`)
  })

  it('keeps a label with a newline or markup on one line, as text', () => {
    const out = asciiLadder(withMarkup(faults, '<img src=x onerror=alert(1)>\nNEXT'))
    const figure = figureOf(out)
    expect(figure[0]).toContain('a.example<img src=x onerror=alert(1)> NEXT')
    expect(out.split('\n').some((l) => l.startsWith('NEXT'))).toBe(false)
  })
})
