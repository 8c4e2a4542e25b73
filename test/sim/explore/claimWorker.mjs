// A worker thread for claims.test.ts: register tsx (as sim/explore/worker.mjs does), claim the
// fingerprints it is given against the shared table, and post back the ones it won.
import { parentPort, workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
const { SharedClaims } = await import('../../../sim/explore/claims.ts')
const claims = new SharedClaims(workerData.buffers)
// Both threads start claiming together, so their claims race.
claims.endLevel(1, 0)
const won = []
const fps = workerData.fps
for (let k = 0; k < fps.length; k += 2) if (claims.claim(fps[k], fps[k + 1])) won.push(k / 2)
claims.endLevel(0, 0, true)
parentPort.postMessage({ ok: true, doc: won })
