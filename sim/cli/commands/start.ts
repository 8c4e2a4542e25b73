/**
 * `mimi-sim start` (what `npm start` runs): the main job. Every catalogue scenario under every
 * design with real MLS, as a matrix; then the property search under every design, each
 * counterexample shrunk and confirmed with real MLS; then where the traces are and how to read them.
 */
import { allDesigns, designLabel } from '../../../model/design.js'
import { PROPERTIES } from '../../../properties/index.js'
import { SMALL_WORLD } from '../../check/index.js'
import { atMost, type FlagSpec, parseArgs } from '../args.js'
import { catalogue } from '../common.js'
import { table } from '../format.js'
import { checkOne, type CheckOutcome } from './check.js'
import { buildMatrix, matrixText } from './compare.js'

export const START_FLAGS: Record<string, FlagSpec> = {
  runs: { kind: 'int', help: 'generated runs per property and design in the search (default 300)', value: '1000' },
  help: { kind: 'boolean', help: 'show this help' },
}

export async function startCommand(argv: readonly string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, START_FLAGS, 'start')
  atMost(positionals, 0, 'start', 'no arguments')
  const runs = (flags.runs as number | undefined) ?? 300
  const started = performance.now()
  const scenarios = (await catalogue()).map((c) => c.scenario)
  console.log(`mimi-sim: ${scenarios.length} scenarios × ${allDesigns().length} designs, real MLS (ts-mls 1.6.4)\n`)
  const m = await buildMatrix(scenarios, 'real', 0)
  console.log(matrixText(m))
  console.log(m.expectationsMet ? '\nevery verdict is what its scenario expects (✓)\n' : '\nSOME VERDICTS DIFFER FROM WHAT THEIR SCENARIO EXPECTS (✗)\n')

  console.log(`property search: ${runs} generated runs per cell over the small world (symbolic MLS; counterexamples shrunk, then replayed with real MLS)\n`)
  const outcomes: CheckOutcome[][] = []
  for (const p of PROPERTIES) {
    const row: CheckOutcome[] = []
    for (const design of allDesigns()) row.push(await checkOne(SMALL_WORLD, design, p, { runs, seed: 1, maxSteps: 8, confirm: true, progress: process.stderr.isTTY === true }))
    outcomes.push(row)
  }
  const cell = (o: CheckOutcome) => {
    const v = o.result.violation
    if (!v) return `none in ${o.result.runs} runs`
    return `VIOLATED in ${v.length} step(s)${v.confirmed ? ', confirmed' : v.confirmed === false ? ', NOT confirmed' : ''}`
  }
  console.log(table(['property', ...allDesigns().map(designLabel)], PROPERTIES.map((p, k) => [p.id, ...outcomes[k]!.map(cell)])))

  const found = outcomes.flat().filter((o) => o.trace)
  const runsWritten = new Set(m.rows.flatMap((r) => r.cells.map((c) => c.trace))).size
  // Point at an attack the catalogue finds: the first scenario row with an expected violation.
  const attack = m.rows.flatMap((r) => r.cells).find((c) => c.expected === 'violated' && c.status === 'violated')?.trace
  console.log(`\ntraces: out/ (${runsWritten} scenario runs${found.length ? `, ${found.length} counterexample(s)` : ''})`)
  console.log(`read one:        npx mimi-sim show ${attack ?? m.rows[0]?.cells[0]?.trace ?? 'out/<file>.json'}`)
  console.log(`view one:        npx mimi-sim view ${found[0]?.trace ?? m.rows[0]?.cells[0]?.trace ?? 'out/<file>.json'}   (browser: diagram, step-through, state)`)
  if (found[0]) {
    console.log(`a counterexample: npx mimi-sim show ${found[0].trace}`)
    console.log(`replay it:        ${found[0].replay}`)
  }
  console.log(`format of a trace: docs/trace-format.md; what each property claims: docs/properties.md`)
  console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return m.expectationsMet ? 0 : 1
}
