import { describe, expect, it } from 'vitest'
import { PROPERTIES } from '../../../properties/index.js'
import { buildModel, explore, Symmetry } from '../../../sim/explore/index.js'
import type { Scenario } from '../../../sim/scenario/types.js'
import { EXACT_PROPERTIES, S2_WORLD, TWIN_FOLLOWERS } from './worlds.js'

async function both(world: Scenario, policy: 'service' | 'mls', maxSteps: number) {
  const m = await buildModel(world, { design: { policy }, properties: EXACT_PROPERTIES, maxSteps })
  const sym = new Symmetry(m)
  const plain = explore(m, { depth: 100, all: true })
  const reduced = explore(m, { depth: 100, all: true, symmetry: sym })
  const verdicts = (r: typeof plain) => Object.fromEntries(r.found.map((f) => [f.property, f.length]))
  return { sym, plain, reduced, verdicts }
}

describe('symmetry reduction', () => {
  it('finds the follower swap in a world with two interchangeable followers, and only it', async () => {
    const m = await buildModel(TWIN_FOLLOWERS, { design: { policy: 'service' }, properties: PROPERTIES, maxSteps: 1 })
    const sym = new Symmetry(m)
    expect(sym.size).toBe(2)
    expect(Object.fromEntries(sym.renamings[1]!)).toMatchObject({ 'mimi://b.example': 'mimi://c.example', 'mimi://b.example/u/bob': 'mimi://c.example/u/cathy', 'mimi://c.example/d/cathy/1': 'mimi://b.example/d/bob/1' })
  })

  it('finds no renaming in S2, whose users all play different parts', async () => {
    const m = await buildModel(S2_WORLD, { design: { policy: 'service' }, properties: PROPERTIES, maxSteps: 1 })
    expect(new Symmetry(m).size).toBe(1)
  })

  for (const policy of ['service', 'mls'] as const) {
    it(`keeps every verdict and shortest counterexample length, with fewer states (twin followers, policy=${policy})`, async () => {
      const { plain, reduced, verdicts } = await both(TWIN_FOLLOWERS, policy, 1)
      expect(verdicts(reduced)).toEqual(verdicts(plain))
      expect(reduced.stopped).toBe(plain.stopped)
      expect(reduced.unique).toBeLessThan(plain.unique)
      expect(PINNED_SYMMETRY[policy]).toEqual([plain.unique, reduced.unique])
    })
  }

  it('keeps the S2 verdicts under policy=service (the identity alone still merges states that differ only in MLS digests)', async () => {
    const { plain, reduced, verdicts } = await both(S2_WORLD, 'service', 1)
    expect(verdicts(reduced)).toEqual(verdicts(plain))
    expect(reduced.unique).toBeLessThanOrEqual(plain.unique)
  })
})

/** [unique without, unique with] symmetry reduction, twin followers, 1 step, EXACT_PROPERTIES. */
const PINNED_SYMMETRY: Record<string, [number, number]> = { service: [407, 225], mls: [767, 405] }
