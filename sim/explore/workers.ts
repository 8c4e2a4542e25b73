/**
 * `--workers N`: a search spread over N node:worker_threads workers. For explore, the threads share
 * one visited set (claims.ts) and each expands the states it claims first (`runThreadsInWorkers`);
 * `check`, and explore under symmetry reduction, split into N shards instead, each searched alone
 * and merged by the caller (`runShardsInWorkers`; sim/check/stages.ts). Workers load TypeScript the
 * way bin/mimi-sim.js does, by registering tsx in a small .mjs entry (worker.mjs here, and
 * sim/check/worker.mjs) before importing the runner; each posts back `{ ok, doc | error }`, and a
 * shared search's threads also `{ progress }` as they go.
 */
import { Worker } from 'node:worker_threads'
import type { Scenario } from '../scenario/types.js'
import type { Progress } from './bfs.js'
import type { ClaimBuffers } from './claims.js'
import type { SearchSpec, ShardDoc } from './shard.js'

type Reply<T> = { ok: true; doc: T } | { ok: false; error: string } | { progress: Progress }

/**
 * Run one worker per payload from `entry`; resolves to their documents in payload order. If one
 * fails, the others are stopped (threads of a shared search would otherwise wait for it for ever).
 */
export function runWorkers<T>(entry: URL, payloads: readonly unknown[], onProgress?: (index: number, p: Progress) => void): Promise<T[]> {
  const workers: Worker[] = []
  const one = (data: unknown, index: number) =>
    new Promise<T>((resolve, reject) => {
      const w = new Worker(entry, { workerData: data })
      workers.push(w)
      let done = false
      w.on('message', (m: Reply<T>) => {
        if ('progress' in m) onProgress?.(index, m.progress)
        else if (m.ok) {
          done = true
          resolve(m.doc)
        } else reject(new Error(`worker ${index}: ${m.error}`))
      })
      w.once('error', reject)
      w.once('exit', (code) => {
        if (code !== 0 || !done) reject(new Error(`worker ${index} exited with code ${code}`))
      })
    })
  const all = Promise.all(payloads.map(one))
  all.catch(() => {
    for (const w of workers) void w.terminate()
  })
  return all
}

export function runShardsInWorkers(spec: SearchSpec, scenario: Scenario, count: number): Promise<ShardDoc[]> {
  return runWorkers<ShardDoc>(
    new URL('./worker.mjs', import.meta.url),
    Array.from({ length: count }, (_, index) => ({ kind: 'shard', spec, scenario, shard: { index, count } })),
  )
}

export function runThreadsInWorkers<T>(spec: SearchSpec, scenario: Scenario, buffers: ClaimBuffers, onProgress?: (index: number, p: Progress) => void): Promise<T[]> {
  const count = buffers.threads
  return runWorkers<T>(
    new URL('./worker.mjs', import.meta.url),
    Array.from({ length: count }, (_, index) => ({ kind: 'thread', spec, scenario, shard: { index, count }, buffers })),
    onProgress,
  )
}
