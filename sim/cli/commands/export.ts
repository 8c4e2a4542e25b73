/**
 * `mimi-sim export <trace.json> --format ascii|mermaid`: a trace as text for drafts and GitHub —
 * an RFC-style ASCII ladder with the numbered step list under it (viz/export/ascii.ts), or a
 * Mermaid sequenceDiagram (viz/export/mermaid.ts). Writes to stdout, or to `--out FILE`, which is
 * overwritten only if an earlier export wrote it.
 */
import { asciiLadder, mermaidSequence } from '../../../viz/export/index.js'
import { atMost, type FlagSpec, parseArgs, UsageError } from '../args.js'
import { readTraceArg, writeOwnText } from './view.js'

export const EXPORT_FLAGS: Record<string, FlagSpec> = {
  format: { kind: 'string', help: 'ascii (RFC-style ladder diagram, the default) or mermaid (sequenceDiagram)', value: 'mermaid' },
  out: { kind: 'string', help: 'write to FILE instead of stdout', value: 'figure.txt' },
  help: { kind: 'boolean', help: 'show this help' },
}

/** Text every export contains (the step list's or the diagram's header), so we recognise our files. */
const MARKER = 'mimi-sim export: '

export async function exportCommand(argv: readonly string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, EXPORT_FLAGS, 'export')
  atMost(positionals, 1, 'export', 'one trace file')
  const format = (flags.format as string | undefined) ?? 'ascii'
  if (format !== 'ascii' && format !== 'mermaid') throw new UsageError(`--format "${format}": unknown format (valid: ascii, mermaid)`)
  const trace = readTraceArg(positionals[0], 'export')
  const text = format === 'ascii' ? asciiLadder(trace) : mermaidSequence(trace)
  const out = flags.out as string | undefined
  if (out === undefined) {
    process.stdout.write(text)
    return 0
  }
  writeOwnText(out, text, MARKER, '--out')
  console.log(`wrote ${out}: ${format === 'ascii' ? 'ASCII ladder' : 'Mermaid sequenceDiagram'} of ${trace.meta.scenario} (${trace.events.length} events)`)
  return 0
}
