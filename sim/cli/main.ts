/**
 * The `mimi-sim` entry point: dispatch to a command, map outcomes to exit codes (design.md "CLI":
 * 0 holds, 1 does not, 2 bad input or usage; and 3 for a crash, so a bug is never read as "the
 * property does not hold"). Usage errors print one line, never a stack trace;
 * anything else escaping a command is a bug in mimi-sim and is reported as such.
 */
import { UsageError, type FlagSpec } from './args.js'
import { CHECK_FLAGS, checkCommand } from './commands/check.js'
import { COMPARE_FLAGS, compareCommand } from './commands/compare.js'
import { EXPORT_FLAGS, exportCommand } from './commands/export.js'
import { EXPLORE_FLAGS, exploreCommand } from './commands/explore.js'
import { LIST_FLAGS, listCommand } from './commands/list.js'
import { MERGE_FLAGS, mergeCommand } from './commands/merge.js'
import { RUN_FLAGS, runCommand } from './commands/run.js'
import { SHOW_FLAGS, showCommand } from './commands/show.js'
import { START_FLAGS, startCommand } from './commands/start.js'
import { VIEW_FLAGS, viewCommand } from './commands/view.js'
import { commandHelp, OVERVIEW } from './help.js'

interface Command {
  readonly run: (argv: readonly string[]) => Promise<number>
  readonly flags: Readonly<Record<string, FlagSpec>>
  readonly usage: string
  readonly about: string
}

const COMMANDS: Readonly<Record<string, Command>> = {
  list: { run: listCommand, flags: LIST_FLAGS, usage: 'mimi-sim list [--json]', about: 'List the scenarios in scenarios/, with what each one expects.' },
  run: {
    run: runCommand,
    flags: RUN_FLAGS,
    usage: 'mimi-sim run <scenario name | file.json> [options]',
    about: 'Run one scenario under one design, evaluate every property, compare with the scenario\'s `expect`,\nand write the trace. Exit 0 when every expectation is met, 1 otherwise.',
  },
  check: {
    run: checkCommand,
    flags: CHECK_FLAGS,
    usage: 'mimi-sim check [--property ID] [--design key=value] [options]',
    about: 'Generate runs (who does what, adversary moves, delivery order) over a small world, look for a run\nthat violates the property, shrink it to the shortest, and replay it with real MLS. Exit 0 when no\nviolation is found (or one is, with --expect violated).',
  },
  explore: {
    run: exploreCommand,
    flags: EXPLORE_FLAGS,
    usage: 'mimi-sim explore [scenario | file.json] --depth D [options]',
    about: 'Breadth-first search over every choice sequence (deliveries, drops, duplicates, steps, adversary moves)\nwith symbolic MLS, up to a depth; the shortest counterexample is written as a trace and replayed with real\nMLS. Without a scenario: the small world of check. Exit 0 when no violation exists within the bounds.',
  },
  merge: { run: mergeCommand, flags: MERGE_FLAGS, usage: 'mimi-sim merge <shard.json>…', about: 'Combine the shards of one split search (explore --shard i/n --out FILE) into the outcome of a single run.' },
  compare: { run: compareCommand, flags: COMPARE_FLAGS, usage: 'mimi-sim compare [scenario…] [options]', about: 'Run scenarios (default: the whole catalogue) under every design and print the matrix.' },
  show: { run: showCommand, flags: SHOW_FLAGS, usage: 'mimi-sim show <trace.json> [--net]', about: 'Print a trace as numbered, explained events, step by step; !! marks the event that violates a property.' },
  view: {
    run: viewCommand,
    flags: VIEW_FLAGS,
    usage: 'mimi-sim view <trace.json> [--port N | --html FILE]',
    about: 'Open a trace in the browser viewer: sequence diagram, step-through, state panel, verdicts. Serves it on\n127.0.0.1 and prints the URL (Ctrl-C stops), or with --html writes one self-contained page.',
  },
  export: {
    run: exportCommand,
    flags: EXPORT_FLAGS,
    usage: 'mimi-sim export <trace.json> [--format ascii|mermaid] [--out FILE]',
    about: 'Write a trace as text: an RFC-style ASCII ladder diagram with its step list (for drafts, aasvg),\nor a Mermaid sequenceDiagram (for GitHub).',
  },
  start: { run: startCommand, flags: START_FLAGS, usage: 'mimi-sim start [--runs N]', about: 'The main job (npm start): the catalogue under every design, then the property search.' },
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name) {
    process.stderr.write(OVERVIEW + '\n')
    return 2
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(OVERVIEW)
    return 0
  }
  const command = COMMANDS[name]
  if (!command) {
    process.stderr.write(`mimi-sim: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')}; see mimi-sim --help)\n`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(commandHelp(command.usage, command.about, command.flags))
    return 0
  }
  try {
    return await command.run(rest)
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`mimi-sim ${name}: ${err.message}\n`)
      return 2
    }
    process.stderr.write(`mimi-sim ${name}: internal error (a bug in mimi-sim; please report it with the command you ran)\n`)
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`)
    return 3
  }
}
