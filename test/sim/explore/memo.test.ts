import { describe, expect, it } from 'vitest'
import { PROPERTIES } from '../../../properties/index.js'
import { buildModel, Coverage, explore, type ExploreResult, Symmetry } from '../../../sim/explore/index.js'
import type { ActorId } from '../../../model/effects.js'
import { Canon } from '../../../sim/explore/canon.js'
import { LocalMemo, type MachineStep, type Reaction } from '../../../sim/explore/memo.js'
import { EXACT_PROPERTIES, S2_WORLD, TWIN_FOLLOWERS } from './worlds.js'
import { hiddenClasses } from '../../hiddenClasses.js'

/** Everything a search reports that its outcome consists of (not its timing or memo counts). */
const outcome = (r: ExploreResult) => ({ generated: r.generated, unique: r.unique, depth: r.depth, stopped: r.stopped, found: r.found, fingerprints: Array.from(r.fingerprints ?? []) })

describe('memoised local reactions (sim/explore/memo.ts)', () => {
  for (const policy of ['service', 'mls'] as const) {
    it(`give the same search as computing every transition: states, fingerprints, every shortest counterexample (S2 world, 3 steps, all properties, policy=${policy})`, async () => {
      const m = await buildModel(S2_WORLD, { design: { policy }, properties: PROPERTIES, maxSteps: 3 })
      const memo = explore(m, { depth: 200, all: true, fingerprints: true })
      const fresh = explore(m, { depth: 200, all: true, fingerprints: true, memo: false })
      expect(outcome(memo)).toEqual(outcome(fresh))
      expect(fresh.reactions).toBeNull()
      // Most reactions are met again in another global state, and replayed rather than recomputed.
      expect(memo.reactions!.replayed).toBeGreaterThan(memo.reactions!.computed)
    })
  }

  it('give the same search under symmetry reduction, where states are keyed by serialization instead of ids', async () => {
    const m = await buildModel(TWIN_FOLLOWERS, { design: { policy: 'service' }, properties: EXACT_PROPERTIES, maxSteps: 1 })
    const symmetry = new Symmetry(m)
    expect(outcome(explore(m, { depth: 200, all: true, symmetry }))).toEqual(outcome(explore(m, { depth: 200, all: true, symmetry, memo: false })))
  })

  it('count coverage as if every transition were computed: the same machine transitions fired, events received and produced', async () => {
    const m = await buildModel(S2_WORLD, { design: { policy: 'service' }, properties: PROPERTIES, maxSteps: 2 })
    const report = (memo: boolean) => {
      const coverage = new Coverage()
      const r = explore(m, { depth: 200, all: true, coverage, memo })
      return { r: outcome(r), cov: coverage.report(m.actors.map((a) => a.machine), {}), fired: Object.fromEntries([...coverage.fired].sort()) }
    }
    const withMemo = report(true)
    expect(withMemo).toEqual(report(false))
    expect(Object.keys(withMemo.fired).length).toBeGreaterThan(3)
  })

  it('give the same search, counterexamples and coverage when the memo drops every reaction again and again (its memory bound, here 40 reactions)', async () => {
    const m = await buildModel(S2_WORLD, { design: { policy: 'service' }, properties: PROPERTIES, maxSteps: 3 })
    const report = (memoEntries?: number) => {
      const coverage = new Coverage()
      const r = explore(m, { depth: 200, all: true, fingerprints: true, coverage, ...(memoEntries ? { memoEntries } : {}) })
      return { r: outcome(r), cov: coverage.report(m.actors.map((a) => a.machine), {}), fired: Object.fromEntries([...coverage.fired].sort()) }
    }
    const bounded = report(40)
    expect(bounded).toEqual(report())
    expect(bounded.r.found.length).toBeGreaterThan(0)
  })

  it('keep one list of machine steps per distinct content, shared by every reaction that took those steps (coverage held in memory once)', () => {
    const canon = new Canon()
    const memo = new LocalMemo(canon)
    const steps = (taken: string[]): MachineStep[] => [{ type: 'deliver', taken }, { type: 'mls.result', taken: [] }]
    const made = (s: MachineStep[]): Reaction => ({ snap: { value: 'idle', context: {} }, snapId: -1, changed: false, out: [], steps: s, watched: 0 })
    for (const [event, list] of [[1, steps(['a', 'b'])], [2, steps(['a', 'b'])], [3, steps(['a'])], [4, steps(['a,b'])]] as const) memo.keep(event, 0, 'alice' as ActorId, made(list))
    const kept = [0, 1, 2, 3].map((x) => memo.reaction(x).steps)
    expect(kept[1]).toBe(kept[0])
    expect(kept[1]).toEqual(steps(['a', 'b']))
    expect(new Set(kept).size).toBe(3)
  })

  it('keep every fold in one hidden class, however many the search makes (written out, not spread with its id added)', () => {
    const canon = new Canon()
    const memo = new LocalMemo(canon)
    const r: Reaction = { snap: { value: 'idle', context: {} }, snapId: -1, changed: false, out: [], watched: 1 }
    const folds = Array.from({ length: 300 }, (_, i) => memo.keepFold(r, 0, { n: i }, { state: { n: i + 1 }, at: -1, explain: '' }))
    expect(folds.map((f) => f.id)).toEqual(folds.map((f) => canon.id(f.state)))
    expect(hiddenClasses(folds)).toBe(1)
  })
})
