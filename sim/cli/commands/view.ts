/**
 * `mimi-sim view <trace.json>`: the trace viewer (viz/). By default it serves the viewer on
 * 127.0.0.1 only — a free port unless `--port` — prints the URL and runs until Ctrl-C; with
 * `--html FILE` it writes one self-contained page instead, which works offline from file://.
 * The trace is checked with readTrace first, so a malformed file is a one-line error (exit 2),
 * never a page that fails later.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { readTrace } from '../../trace/read.js'
import type { Trace } from '../../trace/events.js'
import { atMost, type FlagSpec, parseArgs, UsageError } from '../args.js'

export const VIEW_FLAGS: Record<string, FlagSpec> = {
  port: { kind: 'int', help: 'serve on this port of 127.0.0.1 (default: any free port)', value: '8080' },
  html: { kind: 'string', help: 'write one self-contained page to FILE instead of serving (works offline)', value: 'trace.html' },
  help: { kind: 'boolean', help: 'show this help' },
}

/** A trace file named on the command line, read and checked; every problem is a UsageError. */
export function readTraceArg(path: string | undefined, command: string): Trace {
  if (!path) throw new UsageError(`${command}: give a trace file (e.g. npx mimi-sim ${command} out/hub-injects-eavesdropper--policy-service.json)`)
  if (!existsSync(path)) throw new UsageError(`${path}: no such file (traces are written under out/ by run, check and start)`)
  if (statSync(path).isDirectory()) throw new UsageError(`${path} is a directory (give a trace file, e.g. ${join(path, 'baseline-add--policy-mls.json')})`)
  const read = readTrace(readFileSync(path, 'utf8'))
  if (!read.ok) throw new UsageError(`${path}: ${read.error}`)
  return read.trace
}

/**
 * Write text we produced; an existing file is replaced only if it carries `marker` (we wrote it),
 * never a file the user wrote (the same rule as writeOutput in common.ts, for non-JSON output).
 */
export function writeOwnText(path: string, text: string, marker: string, flag: string): void {
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new UsageError(`${flag} ${path} is a directory (give a file name, e.g. ${join(path, 'trace.html')})`)
    if (!readFileSync(path, 'utf8').includes(marker)) throw new UsageError(`refusing to overwrite ${path}: it is not a file mimi-sim wrote (choose another ${flag})`)
  }
  mkdirSync(dirname(path) || '.', { recursive: true })
  writeFileSync(path, text)
}

export async function viewCommand(argv: readonly string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, VIEW_FLAGS, 'view')
  atMost(positionals, 1, 'view', 'one trace file')
  const path = positionals[0]
  const trace = readTraceArg(path, 'view')
  const html = flags.html as string | undefined
  const port = flags.port as number | undefined
  if (html !== undefined && port !== undefined) throw new UsageError('--port and --html exclude each other (--html writes a file, --port serves; pick one)')
  if (port !== undefined && port > 65535) throw new UsageError(`--port ${port}: not a TCP port (use 1–65535, or omit --port for a free one)`)

  // Loaded here, not at the top: esbuild and the server are needed by this command only.
  const { GENERATOR, scriptSafeJson, serveViewer, viewerAssets, viewerPage } = await import('../../../viz/node/index.js')
  if (html !== undefined) {
    const page = viewerPage(await viewerAssets(), { title: trace.meta.scenario, embedded: scriptSafeJson(trace), source: path! })
    writeOwnText(html, page, `<meta name="generator" content="${GENERATOR}">`, '--html')
    console.log(`wrote ${html}: the viewer with this trace inside (${trace.events.length} events); open it in a browser, it works offline`)
    return 0
  }

  const server = await serveViewer({ tracePath: path!, title: trace.meta.scenario, ...(port !== undefined ? { port } : {}) }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new UsageError(`--port ${port}: the port is in use (choose another, or omit --port for a free one)`)
    if (err.code === 'EACCES') throw new UsageError(`--port ${port}: not allowed to listen there (use a port above 1023, or omit --port)`)
    throw err
  })
  console.log(`viewing ${path} (${trace.meta.scenario}, ${trace.events.length} events)`)
  console.log(`open ${server.url}   — 127.0.0.1 only; Ctrl-C stops the server`)
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  await server.close()
  return 0
}
