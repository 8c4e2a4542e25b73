/**
 * `mimi-sim run <scenario>`: one run, its verdicts against the scenario's expectations, its trace.
 * Exit 0 when every expectation is met, 1 otherwise (design.md "CLI").
 */
import { designLabel } from '../../../model/design.js'
import { PROPERTIES } from '../../../properties/index.js'
import { runScenario } from '../../runner.js'
import { atMost, choiceList, designFlags, type FlagSpec, parseArgs } from '../args.js'
import { defaultTracePath, engineFlag, loadScenarioArg, resolveDesign, writeOutput } from '../common.js'
import { verdictLines } from '../format.js'

export const RUN_FLAGS: Record<string, FlagSpec> = {
  design: { kind: 'list', help: 'set a design knob, e.g. --design policy=service (repeatable)', value: 'policy=service' },
  engine: { kind: 'string', help: 'real (ts-mls, default) or symbolic (fast model of the same behaviour)', value: 'real' },
  seed: { kind: 'int', help: 'seed for delivery order and MLS randomness (default 0)', value: '7' },
  choices: { kind: 'string', help: 'replay exactly these choices instead of drawing from the seed', value: '0,2,1' },
  out: { kind: 'string', help: 'where to write the trace (default out/<scenario>--<design>.json)', value: 'trace.json' },
  json: { kind: 'boolean', help: 'print one JSON object on stdout and nothing else' },
  help: { kind: 'boolean', help: 'show this help' },
}

export async function runCommand(argv: readonly string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, RUN_FLAGS, 'run')
  atMost(positionals, 1, 'run', 'one scenario')
  const scenario = await loadScenarioArg(positionals[0], 'run')
  const design = resolveDesign(scenario, designFlags(flags.design as string[] | undefined))
  const engine = engineFlag(flags.engine, 'real')
  const seed = (flags.seed as number | undefined) ?? 0
  const choices = typeof flags.choices === 'string' ? choiceList(flags.choices) : undefined
  const result = await runScenario(scenario, { design, engine, seed, ...(choices ? { choices } : {}), properties: PROPERTIES })
  const path = writeOutput((flags.out as string | undefined) ?? defaultTracePath(scenario.name, design), result.trace)
  if (flags.json) {
    const verdicts = result.trace.verdicts.map((v) => ({ property: v.property, status: v.status, expected: v.expected, at: v.at, explain: v.explain }))
    process.stdout.write(JSON.stringify({ scenario: scenario.name, design, engine, seed, verdicts, expectationsMet: result.expectationsMet, trace: path }) + '\n')
  } else {
    console.log(`${scenario.name} under ${designLabel(design)} (engine ${engine}, seed ${seed}): ${result.trace.events.length} events, ${result.deliveries} deliveries`)
    for (const line of verdictLines(result.trace.verdicts)) console.log(`  ${line}`)
    console.log(result.expectationsMet ? 'all expectations met' : 'EXPECTATIONS NOT MET')
    console.log(`trace: ${path}  (read it with: npx mimi-sim show ${path})`)
  }
  return result.expectationsMet ? 0 : 1
}
