import { measureSymbolic } from './symbolic.js'
const t = performance.now()
console.log(JSON.stringify(await measureSymbolic(200, 3, 1), null, 1), ((performance.now() - t) / 1000).toFixed(1))
