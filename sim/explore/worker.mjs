// A worker thread of `explore --workers N`: register tsx (as bin/mimi-sim.js does) so the search's
// TypeScript loads, then run one thread of a shared search (kind 'thread', posting its progress as
// it goes) or one shard (kind 'shard'), and post its document back.
import { parentPort, workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
const { runShard, runThread } = await import('./search.ts')
try {
  const progress = (p) => parentPort.postMessage({ progress: p })
  const doc =
    workerData.kind === 'thread'
      ? await runThread(workerData.spec, workerData.scenario, workerData.shard, workerData.buffers, progress)
      : await runShard(workerData.spec, workerData.scenario, workerData.shard)
  parentPort.postMessage({ ok: true, doc })
} catch (err) {
  parentPort.postMessage({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) })
}
