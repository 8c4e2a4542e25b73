/**
 * `mimi-sim show <trace.json>`: a trace as a person reads it — who is who, then each step's events
 * with their one-line explanations, then the verdicts. Network events are hidden unless `--net`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { readTrace } from '../../trace/read.js'
import { atMost, type FlagSpec, parseArgs, UsageError } from '../args.js'
import { verdictLines } from '../format.js'

export const SHOW_FLAGS: Record<string, FlagSpec> = {
  net: { kind: 'boolean', help: 'include network events (send, deliver, drop, duplicate)' },
  help: { kind: 'boolean', help: 'show this help' },
}

export async function showCommand(argv: readonly string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, SHOW_FLAGS, 'show')
  const path = positionals[0]
  if (!path) throw new UsageError('show: give a trace file (e.g. npx mimi-sim show out/baseline-add--policy-mls.json)')
  atMost(positionals, 1, 'show', 'one trace file')
  if (!existsSync(path)) throw new UsageError(`${path}: no such file (traces are written under out/ by run, check and start)`)
  if (statSync(path).isDirectory()) throw new UsageError(`${path} is a directory (give a trace file, e.g. ${path.replace(/\/$/, '')}/baseline-add--policy-mls.json)`)
  const read = readTrace(readFileSync(path, 'utf8'))
  if (!read.ok) throw new UsageError(`${path}: ${read.error}`)
  const { meta, actors, events, verdicts } = read.trace
  console.log(`${meta.scenario} — ${meta.description}`)
  console.log(`design ${Object.entries(meta.design).map(([k, v]) => `${k}=${v}`).join(',')}, engine ${meta.engine}, seed ${meta.seed}, ${meta.tool}`)
  console.log(`actors: ${actors.map((a) => `${a.label}${a.hubOf.length ? ' (hub)' : ''}${a.malicious ? ' (malicious)' : ''}`).join(', ')}`)
  let step = Number.NaN
  for (const e of events) {
    if (!flags.net && e.type.startsWith('net.')) continue
    if (e.step !== step) {
      step = e.step
      console.log(step < 0 ? '\nsetup' : `\nstep ${step}`)
    }
    const mark = verdicts.some((v) => v.at === e.i) ? '!!' : '  '
    console.log(`${mark} ${String(e.i).padStart(4)} t=${String(e.t).padEnd(3)} ${e.type.padEnd(15)} ${e.explain}`)
  }
  console.log('\nverdicts')
  for (const line of verdictLines(verdicts)) console.log(`  ${line}`)
  return 0
}
