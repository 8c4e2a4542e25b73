/**
 * One explore search as the CLI, `merge`, the benchmarks and the tests run it: in this thread, as
 * one shard of a split (`--shard i/n`), or spread over worker threads (`--workers N`), which is the
 * same split run in-process and merged — so every way of running it gives the same outcome.
 */
import type { Design } from '../../model/design.js'
import { propertyById } from '../../properties/index.js'
import type { Property } from '../../properties/types.js'
import { SMALL_WORLD } from '../check/world.js'
import { type ExploreResult, explore, type Progress } from './bfs.js'
import { Coverage, type CoverageReport } from './coverage.js'
import { buildModel, type ExploreModel } from './model.js'
import { type Merged, mergeShards, type SearchSpec, type ShardDoc, shardDoc } from './shard.js'
import { Symmetry } from './symmetry.js'
import { runShardsInWorkers } from './workers.js'
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
    depth: spec.depth,
    ...(spec.maxStates !== null ? { maxStates: spec.maxStates } : {}),
    ...(spec.seconds !== null ? { seconds: spec.seconds } : {}),
    all: spec.all,
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

/** The whole search: in this thread (workers ≤ 1) or split over `workers` threads and merged. */
export async function runSearch(spec: SearchSpec, scenario: Scenario, workers: number, onProgress?: (p: Progress) => void): Promise<Outcome> {
  if (workers <= 1) {
    const r = await runLocal(spec, scenario, null, onProgress)
    const merged: Merged = { ...r.result, coverage: r.coverage, shards: 1 }
    return { model: r.model, merged }
  }
  const docs = await runShardsInWorkers(spec, scenario, workers)
  const model = await modelOfSpec(spec, scenario)
  return { model, merged: mergeShards(docs, spec.properties) }
}
