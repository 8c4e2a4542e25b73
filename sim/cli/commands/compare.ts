/**
 * `mimi-sim compare [scenario…]`: every scenario under every design, as a design × property matrix
 * (design.md "The same property suite runs against every design; the comparison is a matrix").
 * Exit 0 when every cell meets the scenario's expectation.
 */
import { allDesigns, type Design, designLabel } from '../../../model/design.js'
import type { EngineName } from '../../../model/mls/types.js'
import { PROPERTIES } from '../../../properties/index.js'
import { runScenario } from '../../runner.js'
import type { Scenario } from '../../scenario/types.js'
import { type FlagSpec, parseArgs } from '../args.js'
import { catalogue, defaultTracePath, engineFlag, loadScenarioArg, writeOutput } from '../common.js'
import { table } from '../format.js'

export const COMPARE_FLAGS: Record<string, FlagSpec> = {
  engine: { kind: 'string', help: 'real (default) or symbolic', value: 'symbolic' },
  seed: { kind: 'int', help: 'seed for every run (default 0)', value: '3' },
  all: { kind: 'boolean', help: 'show every property of every scenario, not only those a scenario states or a run violates' },
  json: { kind: 'boolean', help: 'print one JSON object on stdout' },
  help: { kind: 'boolean', help: 'show this help' },
}

export interface Cell {
  readonly status: 'holds' | 'violated'
  readonly expected: 'holds' | 'violated' | null
  readonly trace: string
}
export interface Matrix {
  readonly designs: readonly Design[]
  readonly rows: readonly { readonly scenario: string; readonly property: string; readonly cells: readonly Cell[] }[]
  readonly expectationsMet: boolean
}

export async function buildMatrix(scenarios: readonly Scenario[], engine: EngineName, seed: number): Promise<Matrix> {
  const designs = allDesigns()
  const rows: { scenario: string; property: string; cells: Cell[] }[] = []
  let met = true
  for (const s of scenarios) {
    const perDesign = []
    for (const design of designs) {
      const r = await runScenario(s, { design, engine, seed, properties: PROPERTIES })
      const trace = writeOutput(defaultTracePath(s.name, design), r.trace)
      met &&= r.expectationsMet
      perDesign.push({ r, trace })
    }
    for (const [k, p] of PROPERTIES.entries()) {
      rows.push({ scenario: s.name, property: p.id, cells: perDesign.map(({ r, trace }) => ({ status: r.trace.verdicts[k]!.status, expected: r.trace.verdicts[k]!.expected, trace })) })
    }
  }
  return { designs, rows, expectationsMet: met }
}

/** A row worth reading: the scenario states an expectation for it, or some design violates it. */
const telling = (r: Matrix['rows'][number]): boolean => r.cells.some((c) => c.expected !== null || c.status === 'violated')

/**
 * The matrix as text. Rows where nothing was expected and every design holds are left out unless
 * `all` is set (a scenario states the properties it is about; the rest would bury them).
 */
export function matrixText(m: Matrix, all = false): string {
  const cell = (c: Cell) => `${c.status}${c.expected === null ? '' : c.expected === c.status ? ' ✓' : ` ✗ (expected ${c.expected})`}`
  const rows = all ? m.rows : m.rows.filter(telling)
  const hidden = m.rows.length - rows.length
  const text = table(['scenario', 'property', ...m.designs.map(designLabel)], rows.map((r) => [r.scenario, r.property, ...r.cells.map(cell)]))
  return hidden ? `${text}
(${hidden} rows hidden: nothing expected and every design holds; --all shows them)` : text
}

export async function compareCommand(argv: readonly string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, COMPARE_FLAGS, 'compare')
  const scenarios = positionals.length ? await Promise.all(positionals.map((p) => loadScenarioArg(p, 'compare'))) : (await catalogue()).map((c) => c.scenario)
  const m = await buildMatrix(scenarios, engineFlag(flags.engine, 'real'), (flags.seed as number | undefined) ?? 0)
  if (flags.json) process.stdout.write(JSON.stringify({ designs: m.designs, rows: m.rows, expectationsMet: m.expectationsMet }) + '\n')
  else {
    console.log(matrixText(m, flags.all === true))
    console.log(m.expectationsMet ? '\nevery verdict is what its scenario expects (✓)' : '\nSOME VERDICTS DIFFER FROM WHAT THEIR SCENARIO EXPECTS (✗)')
  }
  return m.expectationsMet ? 0 : 1
}
