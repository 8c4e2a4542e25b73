/** `mimi-sim list`: the scenario catalogue, one line each, with what each expects. */
import { relative } from 'node:path'
import { atMost, type FlagSpec, parseArgs } from '../args.js'
import { catalogue, SCENARIO_DIR } from '../common.js'

export const LIST_FLAGS: Record<string, FlagSpec> = {
  json: { kind: 'boolean', help: 'print one JSON array on stdout' },
  help: { kind: 'boolean', help: 'show this help' },
}

export async function listCommand(argv: readonly string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, LIST_FLAGS, 'list')
  atMost(positionals, 0, 'list', 'no arguments')
  const items = await catalogue()
  if (flags.json) {
    process.stdout.write(JSON.stringify(items.map(({ file, scenario }) => ({ name: scenario.name, file: relative(process.cwd(), file), description: scenario.description, spec: scenario.spec, expect: scenario.expect }))) + '\n')
    return 0
  }
  for (const { file, scenario } of items) {
    console.log(`${scenario.name}  (${relative(SCENARIO_DIR, file)})`)
    console.log(`    ${scenario.description}`)
    const exp = Object.entries(scenario.expect).map(([p, e]) => `${p}: ${typeof e === 'string' ? e : Object.entries(e).map(([d, x]) => `${x} if ${d}`).join(', ')}`)
    console.log(`    expects ${exp.join('; ')}`)
  }
  console.log(`\nrun one with: npx mimi-sim run <name> [--design policy=service]`)
  return 0
}
