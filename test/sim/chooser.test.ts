import { describe, expect, it } from 'vitest'
import { randomChooser, replayChooser } from '../../sim/chooser.js'
import { seededRng } from '../../sim/rng.js'

describe('the one choice point', () => {
  it('a seeded chooser picks the same indices for the same seed', () => {
    const pick = (seed: number) => {
      const c = randomChooser(seededRng(seed))
      for (let k = 0; k < 20; k++) c.choose(['a', 'b', 'c'])
      return c.taken
    }
    expect(pick(4)).toEqual(pick(4))
    expect(pick(4)).not.toEqual(pick(5))
  })

  it('does not record single-option points, so replays stay short', () => {
    const c = randomChooser(seededRng(1))
    c.choose(['only'])
    expect(c.taken).toEqual([])
  })

  it('replays a recorded list, wraps out-of-range picks, and picks 0 past its end', () => {
    const c = replayChooser([2, 5])
    expect(c.choose(['a', 'b', 'c'])).toBe(2)
    expect(c.choose(['a', 'b'])).toBe(1)
    expect(c.choose(['a', 'b'])).toBe(0)
    expect(c.taken).toEqual([2, 1, 0])
  })

  it('the generator stays within range', () => {
    const r = seededRng(9)
    for (let k = 0; k < 1000; k++) expect(r.int(7)).toBeLessThan(7)
  })
})
