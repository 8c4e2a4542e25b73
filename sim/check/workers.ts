/**
 * `check --workers N`: the search split into N shards (shard.ts), each scanned in a worker thread
 * (worker.mjs registers tsx to load the TypeScript), then merged here — the same split and merge as
 * `--shard i/n` + `mimi-sim merge`, so the outcome is the single run's.
 */
import { runWorkers } from '../explore/index.js'
import type { Scenario } from '../scenario/types.js'
import type { CheckResult } from './options.js'
import { type CheckShardDoc, type CheckSpec, mergeCheckShards } from './shard.js'

export async function checkInWorkers(spec: CheckSpec, world: Scenario, count: number, opts: { confirm: boolean }): Promise<CheckResult[]> {
  const docs = await runWorkers<CheckShardDoc>(
    new URL('./worker.mjs', import.meta.url),
    Array.from({ length: count }, (_, index) => ({ spec, world, shard: { index, count } })),
  )
  return mergeCheckShards(docs, world, opts)
}
