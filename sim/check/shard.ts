/**
 * `check --shard i/n` and its merge: one property search split over processes or machines with the
 * outcome of a single run — the same verdict and the same shortest counterexample (stages.ts says
 * why the split is exact). Shard i scans, for each property, the runs k ≡ i (mod n) of the first
 * stage, up to the first that violates: that is where a search spends its whole budget when the
 * property holds. The merge takes the first stage's first violation as the least of the slices',
 * then shrinks it and scans the shorter stages in its own thread, exactly as `check` does (those
 * depend on the shrunk length, which no shard knows; scanning them all ahead in every shard was
 * tried and cost about ten times the runs of a single search).
 *
 * Coverage merges as explore's does: counts add, distinct states and transitions unite by
 * fingerprint. It measures the work done, which differs from a single run's in the runs skipped
 * after a violation; verdicts and counterexamples do not.
 */
import type { EngineName } from '../../model/mls/types.js'
import { propertyById, propertyIds } from '../../properties/index.js'
import type { Property } from '../../properties/types.js'
import { type CoverageReport, mergeCoverage, packFingerprints, shardSetProblem, unionSize, unpackFingerprints } from '../explore/index.js'
import { loadScenarioFile } from '../scenario/load.js'
import type { Scenario } from '../scenario/types.js'
import { RunCoverage } from './coverage.js'
import { SMALL_WORLD } from './world.js'
import type { CheckOptions, CheckResult } from './options.js'
import { decide } from './search.js'
import { firstStage, Runs, type Scan, scan, type Slice, type Stage, stageKey } from './stages.js'

export const CHECK_SHARD_FORMAT = 'mimi-sim/check-shard'

/** What identifies a property search: two shards merge only if these are equal. */
export interface CheckSpec {
  /** The world's scenario file (absolute path) or the built-in `small-world`. */
  readonly world: string
  readonly design: Readonly<Record<string, string>>
  readonly properties: readonly string[]
  readonly runs: number
  readonly seed: number
  readonly maxSteps: number
  readonly engine: EngineName
}

export interface PropertyShard {
  readonly property: string
  /** This slice's scan of the first stage. */
  readonly first: Scan
  /** Runs this shard executed for the property. */
  readonly executed: number
  readonly coverage: CoverageReport
  /** Sorted fingerprints of the distinct states and transitions its runs went through. */
  readonly states: string
  readonly edges: string
}

export interface CheckShardDoc {
  readonly format: typeof CHECK_SHARD_FORMAT
  readonly version: 1
  readonly spec: CheckSpec
  readonly shard: Slice
  readonly seconds: number
  readonly results: readonly PropertyShard[]
}

function propertyOf(id: string): Property {
  const p = propertyById(id)
  if (!p) throw new Error(`unknown property ${id}`)
  return p
}

export function optionsOf(spec: CheckSpec, world: Scenario, id: string, extra: Partial<CheckOptions> = {}): CheckOptions {
  return { world, design: spec.design, property: propertyOf(id), runs: spec.runs, seed: spec.seed, maxSteps: spec.maxSteps, engine: spec.engine, ...extra }
}

/** The world a spec names: its scenario file, or the built-in small world. */
export async function worldOfSpec(spec: CheckSpec): Promise<Scenario> {
  if (spec.world === SMALL_WORLD.name) return SMALL_WORLD
  const loaded = await loadScenarioFile(spec.world, propertyIds())
  if (!loaded.ok) throw new Error(loaded.error)
  return loaded.scenario
}

/** Scan this shard's slice of the first stage, for every property. */
export async function runCheckShard(spec: CheckSpec, world: Scenario, shard: Slice, onProgress?: (runsDone: number) => void): Promise<CheckShardDoc> {
  const started = performance.now()
  const results: PropertyShard[] = []
  for (const id of spec.properties) {
    const opts = optionsOf(spec, world, id, onProgress ? { onProgress } : {})
    const coverage = await RunCoverage.create(world, opts.design, opts.property)
    const runs = new Runs(opts, coverage)
    const first = await scan(runs, firstStage(opts), shard)
    results.push({ property: id, first, executed: runs.executed, coverage: coverage.report(), states: packFingerprints(coverage.states.sorted()), edges: packFingerprints(coverage.edges.sorted()) })
  }
  return { format: CHECK_SHARD_FORMAT, version: 1, spec, shard, seconds: (performance.now() - started) / 1000, results }
}

/** Why these documents are not all the shards of one property search, or null. */
export function checkShardProblem(docs: readonly unknown[]): string | null {
  return shardSetProblem(docs, CHECK_SHARD_FORMAT, 'a check shard', 'mimi-sim check … --shard i/n --out FILE')
}

/** The single search's results, from all its shards (validated by checkShardProblem). */
export async function mergeCheckShards(docs: readonly CheckShardDoc[], world: Scenario, opts: { confirm: boolean }): Promise<CheckResult[]> {
  const started = performance.now() - Math.max(...docs.map((d) => d.seconds)) * 1000
  const spec = docs[0]!.spec
  const ordered = [...docs].sort((a, b) => a.shard.index - b.shard.index)
  const out: CheckResult[] = []
  for (const id of spec.properties) {
    const parts = ordered.map((d) => d.results.find((r) => r.property === id)!)
    const o = optionsOf(spec, world, id, { confirm: opts.confirm })
    const local = await RunCoverage.create(world, o.design, o.property)
    const runs = new Runs(o, local)
    const stage0 = stageKey(firstStage(o))
    const oracle = async (stage: Stage): Promise<Scan> => {
      if (stageKey(stage) !== stage0) return scan(runs, stage)
      let best: Scan | null = null
      for (const p of parts) if (p.first.first !== null && (best === null || p.first.first < best.first!)) best = p.first
      return best ?? { first: null, runs: 0, seconds: 0 }
    }
    const coverage = () => {
      const states = unionSize([...parts.map((p) => unpackFingerprints(p.states)), local.states.sorted()])
      const edges = unionSize([...parts.map((p) => unpackFingerprints(p.edges)), local.edges.sorted()])
      return mergeCoverage([...parts.map((p) => p.coverage), local.report()], states, edges)
    }
    const remote = parts.reduce((n, p) => n + p.executed, 0)
    out.push(await decide(runs, oracle, { started, shards: docs.length, remoteRuns: () => remote, coverage }))
  }
  return out
}
