// A worker thread of `check --workers N`: register tsx (as bin/mimi-sim.js does) so the shard
// runner's TypeScript loads, scan one shard, and post its document back.
import { parentPort, workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
const { runCheckShard } = await import('./shard.ts')
try {
  const doc = await runCheckShard(workerData.spec, workerData.world, workerData.shard)
  parentPort.postMessage({ ok: true, doc })
} catch (err) {
  parentPort.postMessage({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) })
}
