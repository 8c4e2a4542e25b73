import { describe, expect, it } from 'vitest'
import { PROPERTIES } from '../../../properties/index.js'
import { mergeShards, runLocal, runSearch, runShard, type SearchSpec, shardProblem } from '../../../sim/explore/index.js'
import { S2_WORLD, searchSpec } from './worlds.js'

const spec = (policy: 'service' | 'mls'): SearchSpec => searchSpec('s2-world (test)', { design: { policy }, properties: PROPERTIES.map((p) => p.id) })

describe('splitting one search (--shard i/n + merge, --workers N)', () => {
  for (const policy of ['service', 'mls'] as const) {
    it(`three shards merged give the single run's unique states and shortest violations (policy=${policy})`, async () => {
      const single = (await runLocal(spec(policy), S2_WORLD, null)).result
      const docs = await Promise.all([0, 1, 2].map((index) => runShard(spec(policy), S2_WORLD, { index, count: 3 })))
      expect(docs.every((d) => d.splitDepth !== null)).toBe(true)
      const merged = mergeShards(docs, spec(policy).properties)
      expect(merged.unique).toBe(single.unique)
      expect(merged.found.map((f) => [f.property, f.length])).toEqual(single.found.map((f) => [f.property, f.length]))
      // Each shard alone misses states: the split is real.
      expect(Math.max(...docs.map((d) => d.unique))).toBeLessThan(single.unique)
    })
  }

  it('refuses to merge shards of different searches, or an incomplete set', async () => {
    const a = await runShard(spec('mls'), S2_WORLD, { index: 0, count: 2 })
    const b = await runShard(spec('service'), S2_WORLD, { index: 1, count: 2 })
    expect(shardProblem([a, b])).toMatch(/different search/)
    expect(shardProblem([a])).toMatch(/1\/2 missing/)
    expect(shardProblem([{ format: 'mimi-sim/trace' }])).toMatch(/not an explore shard/)
  })

  it('worker threads load the TypeScript model and give the single run\'s outcome, its counterexamples included', async () => {
    const single = (await runLocal(spec('service'), S2_WORLD, null)).result
    const { merged } = await runSearch(spec('service'), S2_WORLD, 2)
    expect(merged.shards).toBe(2)
    expect(merged.unique).toBe(single.unique)
    expect(merged.generated).toBe(single.generated)
    expect(merged.found).toEqual(single.found)
  }, 120_000)

  for (const threads of [2, 3]) {
    it(`${threads} threads sharing one visited set visit the single run's states and transitions once each, with its depth and coverage`, async () => {
      const single = await runLocal(spec('mls'), S2_WORLD, null)
      const { merged } = await runSearch(spec('mls'), S2_WORLD, threads)
      expect(merged.shards).toBe(threads)
      expect({ generated: merged.generated, unique: merged.unique, depth: merged.depth, stopped: merged.stopped, found: merged.found }).toEqual({
        generated: single.result.generated,
        unique: single.result.unique,
        depth: single.result.depth,
        stopped: single.result.stopped,
        found: [],
      })
      expect(merged.coverage).toEqual(single.coverage)
      // Every thread took part: together they computed at least the single run's reactions.
      expect(merged.reactions!.computed).toBeGreaterThanOrEqual(single.result.reactions!.computed)
    }, 120_000)
  }
})
