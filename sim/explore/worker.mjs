// A worker thread of `explore --workers N`: register tsx (as bin/mimi-sim.js does) so the shard
// runner's TypeScript loads, run one shard, and post its document back.
import { parentPort, workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
const { runShard } = await import('./search.ts')
try {
  const doc = await runShard(workerData.spec, workerData.scenario, workerData.shard)
  parentPort.postMessage({ ok: true, doc })
} catch (err) {
  parentPort.postMessage({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) })
}
