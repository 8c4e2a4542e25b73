/**
 * `--workers N`: a search split into N shards (bfs.ts for explore, sim/check/stages.ts for check),
 * each run in a node:worker_threads worker and merged by the caller. Workers load TypeScript the way
 * bin/mimi-sim.js does, by registering tsx in a small .mjs entry (worker.mjs here, and
 * sim/check/worker.mjs) before importing the shard runner; each posts back `{ ok, doc | error }`.
 */
import { Worker } from 'node:worker_threads'
import type { Scenario } from '../scenario/types.js'
import type { SearchSpec, ShardDoc } from './shard.js'

/** Run one worker per payload from `entry`; resolves to their documents in payload order. */
export function runWorkers<T>(entry: URL, payloads: readonly unknown[]): Promise<T[]> {
  const one = (data: unknown, index: number) =>
    new Promise<T>((resolve, reject) => {
      const w = new Worker(entry, { workerData: data })
      w.once('message', (m: { ok: true; doc: T } | { ok: false; error: string }) => (m.ok ? resolve(m.doc) : reject(new Error(`worker ${index}: ${m.error}`))))
      w.once('error', reject)
      w.once('exit', (code) => {
        if (code !== 0) reject(new Error(`worker ${index} exited with code ${code}`))
      })
    })
  return Promise.all(payloads.map(one))
}

export function runShardsInWorkers(spec: SearchSpec, scenario: Scenario, count: number): Promise<ShardDoc[]> {
  return runWorkers<ShardDoc>(
    new URL('./worker.mjs', import.meta.url),
    Array.from({ length: count }, (_, index) => ({ spec, scenario, shard: { index, count } })),
  )
}
