import { describe, expect, it } from 'vitest'
import { claimBuffers, runWorkers, SharedClaims } from '../../../sim/explore/index.js'

/** `n` distinct fingerprints (hi, lo), a zero lane among them. */
function fingerprints(n: number, seed: number): Int32Array {
  const out = new Int32Array(2 * n)
  let x = seed
  for (let k = 0; k < n; k++) {
    x = (Math.imul(x, 1103515245) + 12345) | 0
    out[2 * k] = k === 7 ? 0 : x
    out[2 * k + 1] = k
  }
  return out
}

describe('the visited set shared by the threads of one search (claims.ts)', () => {
  it('a fingerprint is claimed once: the first claim wins and every later one, from any thread, loses', () => {
    const claims = new SharedClaims(claimBuffers(1))
    const fps = fingerprints(1000, 1)
    for (let k = 0; k < 1000; k++) expect(claims.claim(fps[2 * k]!, fps[2 * k + 1]!)).toBe(true)
    for (let k = 0; k < 1000; k++) expect(claims.claim(fps[2 * k]!, fps[2 * k + 1]!)).toBe(false)
    // Same lo, other hi: another state.
    expect(claims.claim(fps[2]! ^ 1, fps[3]!)).toBe(true)
  })

  it('grows at a barrier to hold what the next level may add, keeping every fingerprint it held', () => {
    const claims = new SharedClaims(claimBuffers(1))
    const fps = fingerprints(5000, 2)
    for (let k = 0; k < 5000; k++) claims.claim(fps[2 * k]!, fps[2 * k + 1]!)
    const before = claims.slots
    expect(claims.endLevel(1, 200_000)).toBe(true)
    expect(claims.slots).toBeGreaterThanOrEqual(2 * 205_000)
    expect(claims.slots).toBeGreaterThan(before)
    for (let k = 0; k < 5000; k++) expect(claims.claim(fps[2 * k]!, fps[2 * k + 1]!)).toBe(false)
    expect(claims.claimed()).toBe(5000)
  })

  it('the barrier goes on while some thread has states for the next level, and stops when one asks', () => {
    const claims = new SharedClaims(claimBuffers(1))
    expect(claims.endLevel(3, 0)).toBe(true)
    expect(claims.endLevel(0, 0)).toBe(false)
    expect(claims.endLevel(5, 0, true)).toBe(false)
    expect(claims.stopping).toBe(true)
  })

  it('two threads racing over the same fingerprints win each exactly once between them', async () => {
    const buffers = claimBuffers(2)
    const all = fingerprints(60_000, 3)
    // Each thread claims two thirds, overlapping in the middle third, in opposite orders.
    const a = all.slice(0, 80_000)
    const b = new Int32Array(80_000)
    for (let k = 0; k < 40_000; k++) b.set(all.subarray(2 * (59_999 - k), 2 * (59_999 - k) + 2), 2 * k)
    const [wonA, wonB] = await runWorkers<number[]>(new URL('./claimWorker.mjs', import.meta.url), [
      { buffers, fps: a },
      { buffers, fps: b },
    ])
    const winners = new Map<string, number>()
    const note = (fps: Int32Array, won: number[]) => {
      for (const k of won) {
        const key = `${fps[2 * k]},${fps[2 * k + 1]}`
        winners.set(key, (winners.get(key) ?? 0) + 1)
      }
    }
    note(a, wonA!)
    note(b, wonB!)
    expect(winners.size).toBe(60_000)
    expect([...winners.values()].every((n) => n === 1)).toBe(true)
  }, 60_000)
})
