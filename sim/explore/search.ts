/**
 * One explore search as the CLI, `merge`, the benchmarks and the tests run it: in this thread, as
 * one shard of a split (`--shard i/n`), or spread over worker threads (`--workers N`) — so every way
 * of running it gives the same outcome.
 *
 * The threads of `--workers N` share a visited set (claims.ts): they search the first levels alike,
 * split the first level of SPLIT_PER_SHARD × N states as shards do (bfs.ts), then each expands the
 * states it is the first to meet, level by level. Together they visit the single run's states and
 * transitions, each once. Which thread meets a state first depends on timing, so the path a
 * thread would give to a violation does too: a shared search that finds one stops, and the search is
 * run again in this thread for the single run's counterexample (a search with a violation is thus
 * dearer with workers than without). Under symmetry reduction the threads search shards, overlapping.
 */
import type { Design } from '../../model/design.js'
import { propertyById } from '../../properties/index.js'
import type { Property } from '../../properties/types.js'
import { SMALL_WORLD } from '../check/world.js'
import { type ExploreOptions, type ExploreResult, explore, type Progress } from './bfs.js'
import { Coverage, type CoverageReport, mergeCoverage } from './coverage.js'
import { buildModel, type ExploreModel } from './model.js'
import { combinedStop, type Merged, mergeShards, type SearchSpec, type ShardDoc, shardDoc } from './shard.js'
import { Symmetry } from './symmetry.js'
import { type ClaimBuffers, claimBuffers, SharedClaims } from './claims.js'
import { runShardsInWorkers, runThreadsInWorkers } from './workers.js'
import { loadScenarioFile } from '../scenario/load.js'
import type { Scenario } from '../scenario/types.js'
import { MODEL_MACHINES } from '../compile/index.js'

export const SMALL_WORLD_NAME = 'small-world'

export async function scenarioOfSpec(spec: SearchSpec, known: readonly string[]): Promise<Scenario> {
  if (spec.scenario === SMALL_WORLD_NAME) return SMALL_WORLD
  const loaded = await loadScenarioFile(spec.scenario, known)
  if (!loaded.ok) throw new Error(loaded.error)
  return loaded.scenario
}

export function propertiesOfSpec(spec: SearchSpec): Property[] {
  return spec.properties.map((id) => {
    const p = propertyById(id)
    if (!p) throw new Error(`unknown property ${id}`)
    return p
  })
}

export async function modelOfSpec(spec: SearchSpec, scenario: Scenario): Promise<ExploreModel> {
  return buildModel(scenario, { design: spec.design as Design, properties: propertiesOfSpec(spec), free: spec.free, maxSteps: spec.maxSteps, admin: spec.admin })
}

export function coverageOf(model: ExploreModel, cov: Coverage): CoverageReport {
  return cov.report(Object.values(MODEL_MACHINES), Object.fromEntries(model.properties.map((p) => [p.id, p.spec])))
}

/** The spec's depth, budgets and `--all`, as explore takes them. */
function boundsOf(spec: SearchSpec): Pick<ExploreOptions, 'depth' | 'maxStates' | 'seconds' | 'all'> {
  return {
    depth: spec.depth,
    ...(spec.maxStates !== null ? { maxStates: spec.maxStates } : {}),
    ...(spec.seconds !== null ? { seconds: spec.seconds } : {}),
    all: spec.all,
  }
}

export interface ShardRun {
  readonly model: ExploreModel
  readonly result: ExploreResult
  readonly coverage: CoverageReport
}

/** Run the search (or shard `shard` of it) in this thread. */
export async function runLocal(spec: SearchSpec, scenario: Scenario, shard: { index: number; count: number } | null, onProgress?: (p: Progress) => void): Promise<ShardRun> {
  const model = await modelOfSpec(spec, scenario)
  const cov = new Coverage()
  const result = explore(model, {
    ...boundsOf(spec),
    symmetry: spec.symmetry ? new Symmetry(model) : null,
    shard,
    coverage: cov,
    fingerprints: shard !== null,
    ...(onProgress ? { onProgress } : {}),
  })
  return { model, result, coverage: coverageOf(model, cov) }
}

export async function runShard(spec: SearchSpec, scenario: Scenario, shard: { index: number; count: number }, onProgress?: (p: Progress) => void): Promise<ShardDoc> {
  const r = await runLocal(spec, scenario, shard, onProgress)
  return shardDoc(spec, shard, r.result, r.coverage)
}

export interface Outcome {
  readonly model: ExploreModel
  readonly merged: Merged
}

/** The whole search: in this thread (workers ≤ 1) or spread over `workers` threads. */
export async function runSearch(spec: SearchSpec, scenario: Scenario, workers: number, onProgress?: (p: Progress) => void): Promise<Outcome> {
  if (workers <= 1) {
    const r = await runLocal(spec, scenario, null, onProgress)
    const merged: Merged = { ...r.result, coverage: r.coverage, shards: 1 }
    return { model: r.model, merged }
  }
  if (!spec.symmetry) return runShared(spec, scenario, workers, onProgress)
  const docs = await runShardsInWorkers(spec, scenario, workers)
  const model = await modelOfSpec(spec, scenario)
  return { model, merged: mergeShards(docs, spec.properties) }
}

/** What one thread of a shared search hands back. */
export interface ThreadDoc {
  readonly result: Omit<ExploreResult, 'fingerprints'>
  readonly coverage: CoverageReport
}

/** Thread `part.index` of `part.count` of a shared search (worker.mjs), sharing `buffers` with the others. */
export async function runThread(spec: SearchSpec, scenario: Scenario, part: { index: number; count: number }, buffers: ClaimBuffers, onProgress?: (p: Progress) => void): Promise<ThreadDoc> {
  const model = await modelOfSpec(spec, scenario)
  const claims = new SharedClaims(buffers)
  // The clocks start together, each thread's model built.
  claims.endLevel(1, 0)
  const cov = new Coverage()
  const { fingerprints: _, ...result } = explore(model, {
    ...boundsOf(spec),
    shard: part,
    claims,
    coverage: cov,
    ...(onProgress ? { onProgress } : {}),
  })
  return { result, coverage: coverageOf(model, cov) }
}

async function runShared(spec: SearchSpec, scenario: Scenario, threads: number, onProgress?: (p: Progress) => void): Promise<Outcome> {
  const latest: Progress[] = []
  const progress = onProgress
    ? (i: number, p: Progress) => {
        latest[i] = p
        const all = latest.filter((x) => x !== undefined)
        onProgress({ depth: Math.max(...all.map((x) => x.depth)), generated: all.reduce((n, x) => n + x.generated, 0), unique: all.reduce((n, x) => n + x.unique, 0), seconds: Math.max(...all.map((x) => x.seconds)) })
      }
    : undefined
  const docs = await runThreadsInWorkers<ThreadDoc>(spec, scenario, claimBuffers(threads), progress)
  const seconds = Math.max(...docs.map((d) => d.result.seconds))
  if (docs.some((d) => d.result.found.length > 0)) {
    const r = await runLocal(spec, scenario, null, onProgress)
    return { model: r.model, merged: { ...r.result, seconds: seconds + r.result.seconds, coverage: r.coverage, shards: threads, threads: { count: threads, again: true } } }
  }
  const model = await modelOfSpec(spec, scenario)
  const first = docs[0]!.result
  if (first.splitDepth === null) return { model, merged: { ...first, coverage: docs[0]!.coverage, shards: threads, threads: { count: threads, again: false } } }
  // The levels above the split were searched by every thread alike: counted once, by the first.
  const sum = (f: 'generated' | 'unique') => docs.reduce((n, d, i) => n + d.result[f] - (i > 0 ? d.result.atSplit![f] : 0), 0)
  const generated = sum('generated')
  const unique = sum('unique')
  const reactions = docs.every((d) => d.result.reactions)
    ? {
        computed: docs.reduce((n, d) => n + d.result.reactions!.computed, 0),
        answered: docs.reduce((n, d) => n + d.result.reactions!.answered, 0),
        replayed: docs.reduce((n, d) => n + d.result.reactions!.replayed, 0),
        seconds: docs.reduce((n, d) => n + d.result.reactions!.seconds, 0),
      }
    : null
  return {
    model,
    merged: {
      generated,
      unique,
      depth: Math.max(...docs.map((d) => d.result.depth)),
      seconds,
      stopped: combinedStop(docs.map((d) => d.result.stopped), false),
      found: [],
      coverage: mergeCoverage(docs.map((d) => d.coverage), unique, generated),
      shards: threads,
      threads: { count: threads, again: false },
      ...(reactions ? { reactions } : {}),
    },
  }
}
