/**
 * One first search of the S2 world (policy=mls, exhaustive) in a process of its own, for
 * bench:peers (run.ts): what one `mimi-sim explore` gets — the same call (`runSearch`, coverage
 * included), with nothing searched before it in the process. run.ts starts several and takes the
 * median, as it does with pan's runs. Prints one JSON line: the search's counts and seconds
 * (building the model left out, as explore's own clock does).
 *
 * Usage: node --import tsx bench/peers/coldSearch.ts MAX_STEPS
 */
import { readFileSync } from 'node:fs'
import { runSearch } from '../../sim/explore/index.js'
import type { Scenario } from '../../sim/scenario/types.js'
import { s2Spec, summarise } from './searchSummary.js'

const steps = Number(process.argv[2])
if (!Number.isInteger(steps) || steps <= 0) {
  process.stderr.write(`coldSearch: MAX_STEPS ${JSON.stringify(process.argv[2])} is not a positive whole number (e.g. 6)\n`)
  process.exit(2)
}
const spec = s2Spec(steps)
const { merged } = await runSearch(spec, JSON.parse(readFileSync(spec.scenario, 'utf8')) as Scenario, 1)
process.stdout.write(`${JSON.stringify(summarise(merged))}\n`)
