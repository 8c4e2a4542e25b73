import { describe, expect, it } from 'vitest'
import { propertyById } from '../../../properties/index.js'
import { check, checkInWorkers, checkShardProblem, type CheckResult, type CheckSpec, mergeCheckShards, runCheckShard, SMALL_WORLD } from '../../../sim/check/index.js'

const spec = (policy: 'service' | 'mls', properties: string[], runs: number): CheckSpec => ({ world: 'small-world', design: { policy }, properties, runs, seed: 1, maxSteps: 8, engine: 'symbolic' })

async function single(s: CheckSpec): Promise<CheckResult[]> {
  const out: CheckResult[] = []
  for (const id of s.properties) out.push(await check({ world: SMALL_WORLD, design: s.design, property: propertyById(id)!, runs: s.runs, seed: s.seed, maxSteps: s.maxSteps, confirm: false }))
  return out
}

/** What must not depend on how the search was split: the verdict and the counterexample. */
const outcome = (r: CheckResult) => ({ property: r.property, violation: r.violation && { steps: r.violation.steps, choices: r.violation.choices, length: r.violation.length, shrinks: r.violation.shrinks, foundAfterRuns: r.violation.foundAfterRuns } })

async function shards(s: CheckSpec, count: number) {
  const docs = []
  for (let index = 0; index < count; index++) docs.push(await runCheckShard(s, SMALL_WORLD, { index, count }))
  return docs
}

describe('splitting one property search (check --shard i/n + merge, --workers N)', () => {
  it('three shards merged give the single run\'s verdicts and shortest counterexamples (policy=service)', async () => {
    const s = spec('service', ['noEavesdropper', 'policyAgreement'], 150)
    const one = await single(s)
    expect(one.every((r) => r.violation !== null)).toBe(true)
    const docs = await shards(s, 3)
    const merged = await mergeCheckShards(docs, SMALL_WORLD, { confirm: false })
    expect(merged.map(outcome)).toEqual(one.map(outcome))
    expect(merged.every((r) => r.shards === 3)).toBe(true)
    // The first violation is owned by one slice; the others found theirs later or not at all.
    const firsts = docs.map((d) => d.results[0]!.first.first)
    expect(Math.min(...firsts.filter((x): x is number => x !== null))).toBe(one[0]!.violation!.foundAfterRuns - 1)
  })

  it('shards whose slices hold no violation still merge into the single run\'s counterexample', async () => {
    const s = spec('service', ['noEavesdropper'], 60)
    const docs = await shards(s, 8)
    expect(docs.some((d) => d.results[0]!.first.first === null)).toBe(true)
    expect((await mergeCheckShards(docs, SMALL_WORLD, { confirm: false })).map(outcome)).toEqual((await single(s)).map(outcome))
  })

  it('shards of a property that holds split its runs and merge into "no violation", with the single run\'s coverage', async () => {
    const s = spec('mls', ['noEavesdropper'], 60)
    const [one] = await single(s)
    const docs = await shards(s, 3)
    expect(docs.map((d) => d.results[0]!.executed)).toEqual([20, 20, 20])
    const [merged] = await mergeCheckShards(docs, SMALL_WORLD, { confirm: false })
    expect(merged!.violation).toBeNull()
    expect(merged!.runs).toBe(one!.runs)
    // Every run was made once, somewhere: distinct states and transitions unite to the single run's.
    expect([merged!.coverage!.states, merged!.coverage!.transitions]).toEqual([one!.coverage!.states, one!.coverage!.transitions])
    expect(Math.max(...docs.map((d) => d.results[0]!.coverage.states))).toBeLessThan(one!.coverage!.states)
  })

  it('refuses to merge shards of different searches, an incomplete set, or explore shards', async () => {
    const a = await runCheckShard(spec('mls', ['policyAgreement'], 4), SMALL_WORLD, { index: 0, count: 2 })
    const b = await runCheckShard(spec('mls', ['policyAgreement'], 6), SMALL_WORLD, { index: 1, count: 2 })
    expect(checkShardProblem([a, b])).toMatch(/different search/)
    expect(checkShardProblem([a])).toMatch(/1\/2 missing/)
    expect(checkShardProblem([{ format: 'mimi-sim/explore-shard', version: 1 }])).toMatch(/not a check shard/)
  })

  it('worker threads load the TypeScript model and give the single run\'s outcome', async () => {
    const s = spec('service', ['noEavesdropper'], 100)
    const merged = await checkInWorkers(s, SMALL_WORLD, 2, { confirm: false })
    expect(merged.map(outcome)).toEqual((await single(s)).map(outcome))
    expect(merged[0]!.shards).toBe(2)
  }, 120_000)
})
