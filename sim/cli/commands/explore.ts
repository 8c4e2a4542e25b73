/**
 * `mimi-sim explore [SCENARIO] --depth D`: bounded exhaustive search (sim/explore/, documented in
 * docs/explore.md) with SymbolicMls; the shortest counterexample of the first violated property (or
 * of every property, `--all`) is written as a trace and a replayable scenario, and replayed with
 * RealMls. Exit 1 when a violation is found, 0 when none exists within the bounds (flipped by
 * `--expect violated`), 2 on bad input.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { designLabel } from '../../../model/design.js'
import { propertyById, propertyIds } from '../../../properties/index.js'
import { type Progress, SMALL_WORLD_NAME, type SearchSpec, coverageLines, runSearch, runShard, confirm, replayableOf, type Merged, type ExploreModel } from '../../explore/index.js'
import { SMALL_WORLD } from '../../check/index.js'
import type { Scenario } from '../../scenario/types.js'
import { atMost, designFlags, type FlagSpec, parseArgs, UsageError } from '../args.js'
import { CEX_DESCRIPTION, defaultTracePath, knownPropertyList, loadScenarioArg, resolveDesign, SCENARIO_DIR, writeOutput } from '../common.js'

export const EXPLORE_FLAGS: Record<string, FlagSpec> = {
  depth: { kind: 'int', help: 'deepest path explored, in transitions (default 40)', value: '20' },
  property: { kind: 'list', help: `property to check (repeatable; default all: ${propertyIds().join(', ')})`, value: 'noEavesdropper' },
  design: { kind: 'list', help: 'set a design knob, e.g. --design policy=service (repeatable)', value: 'policy=service' },
  all: { kind: 'boolean', help: 'find a shortest counterexample for every property, not just the first' },
  'max-states': { kind: 'int', help: 'stop after this many unique states', value: '1000000' },
  time: { kind: 'int', help: 'stop after this many seconds', value: '60' },
  free: { kind: 'boolean', help: "explore the scenario's world with every step the search may take (as check does), not its script" },
  'max-steps': { kind: 'int', help: 'with a world and no script: at most this many steps per path (default 3)', value: '4' },
  admin: { kind: 'boolean', help: "with a world and no script (or --free): add check's room-administration steps (kick, ban, changeRole, leave, the hub's hubPropose) to the alphabet; finds attacks that need them, but grows the state space several-fold" },
  symmetry: { kind: 'boolean', help: 'merge states that differ only by renaming interchangeable users, clients, follower providers' },
  workers: { kind: 'int', help: 'search in this many worker threads (default 1) that share one visited set: the same counts and counterexample as one thread (one found is searched for again in one thread); on our 2-core machines still slower than one thread, whose garbage collector already uses part of the second core (docs/explore.md)', value: '2' },
  shard: { kind: 'string', help: 'run shard i of n and write it with --out, for `mimi-sim merge` (e.g. --shard 0/4)', value: '0/4' },
  expect: { kind: 'string', help: 'holds (default) or violated: which outcome counts as success for the exit code', value: 'violated' },
  'no-confirm': { kind: 'boolean', help: 'do not replay a counterexample with RealMls' },
  out: { kind: 'string', help: 'where to write the counterexample trace (or, with --shard, the shard file)', value: 'cex.json' },
  json: { kind: 'boolean', help: 'print one JSON object on stdout and nothing else' },
  progress: { kind: 'boolean', help: 'print progress on stderr even when it is not a terminal' },
  help: { kind: 'boolean', help: 'show this help' },
}

export const DEFAULT_DEPTH = 40
export const DEFAULT_MAX_STEPS = 3

export function shardFlag(text: string | undefined): { index: number; count: number } | null {
  if (text === undefined) return null
  const m = /^(\d+)\/(\d+)$/.exec(text)
  if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) throw new UsageError(`--shard "${text}": expected i/n with 0 ≤ i < n (e.g. --shard 0/4)`)
  return { index: Number(m[1]), count: Number(m[2]) }
}

/** Write a file we produced; a shard file we wrote before may be replaced, anything else goes through writeOutput. */
export function writeOwn(path: string, data: { format: string }, formats: readonly string[]): string {
  if (existsSync(path)) {
    let ours = false
    try {
      ours = formats.includes((JSON.parse(readFileSync(path, 'utf8')) as { format?: string }).format ?? '')
    } catch {
      ours = false
    }
    if (!ours) return writeOutput(path, data)
  }
  mkdirSync(dirname(path) || '.', { recursive: true })
  writeFileSync(path, JSON.stringify(data) + '\n')
  return path
}

/** How the search was split, for the summary line: threads sharing a visited set, or shards. */
function partsNote(m: Merged): string {
  if (m.threads) return ` (${m.threads.count} threads sharing one visited set${m.threads.again ? '; the violation then searched for again in one thread, for the single run\'s counterexample' : ''})`
  return m.shards > 1 ? ` (${m.shards} shards)` : ''
}

export function progressPrinter(enabled: boolean): ((p: Progress) => void) | undefined {
  if (!enabled) return undefined
  const tty = process.stderr.isTTY === true
  return (p) => {
    const rate = p.seconds > 0 ? Math.round(p.unique / p.seconds) : 0
    const line = `depth ${p.depth}  generated ${p.generated.toLocaleString('en-US')}  unique ${p.unique.toLocaleString('en-US')}  ${rate.toLocaleString('en-US')} unique/s  ${p.seconds.toFixed(1)} s`
    process.stderr.write(tty ? `\r${line}   ` : `${line}\n`)
  }
}

const trim = (c: readonly number[]): number[] => {
  const out = [...c]
  while (out.length && out[out.length - 1] === 0) out.pop()
  return out
}

/** Confirm and write the counterexamples; the JSON and the lines explore and merge print. */
export async function report(model: ExploreModel, merged: Merged, opts: { confirm: boolean; out?: string; json: boolean; scenarioLabel: string }): Promise<Record<string, unknown>> {
  const design = model.design
  const violations: Record<string, unknown>[] = []
  for (const f of merged.found) {
    const property = propertyById(f.property)!
    const r = replayableOf(model, f.codes)
    const c = await confirm(model, r, property, opts.confirm)
    const base = `explore-${f.property}`
    const trace = writeOutput(opts.out && merged.found.length === 1 ? opts.out : defaultTracePath(base, design), c.real ?? c.symbolic)
    const scenario: Scenario = { ...model.scenario, name: `cex-explore-${f.property}`, description: `${CEX_DESCRIPTION} explore for ${f.property} under ${designLabel(design)}.`, design: { ...design }, steps: r.steps, expect: { [f.property]: 'violated' } }
    const scenarioFile = writeOutput(trace.replace(/(\.json)?$/, '.scenario.json'), scenario)
    const choices = trim(r.choices)
    const replay = `npx mimi-sim run ${scenarioFile} --design ${Object.entries(design).map(([k, x]) => `${k}=${x}`).join(' --design ')} --choices ${choices.length ? choices.join(',') : '0'}`
    const witness = (c.real ?? c.symbolic).verdicts[0]!
    violations.push({ property: f.property, length: f.length, trace, scenario: scenarioFile, confirmed: c.confirmed, confirmNote: c.note, steps: r.steps, choices, replay, explain: witness.explain })
  }
  const doc = {
    scenario: opts.scenarioLabel,
    design,
    states: merged.generated,
    unique: merged.unique,
    depth: merged.depth,
    seconds: Number(merged.seconds.toFixed(3)),
    stopped: merged.stopped,
    complete: merged.stopped === 'exhausted',
    shards: merged.shards,
    violation: violations[0] ? { length: violations[0].length, trace: violations[0].trace, confirmed: violations[0].confirmed, property: violations[0].property, steps: violations[0].steps, choices: violations[0].choices, replay: violations[0].replay } : null,
    violations,
    coverage: merged.coverage,
  }
  if (!opts.json) {
    const bound = merged.stopped === 'exhausted' ? 'every reachable state' : merged.stopped === 'violation' ? 'stopped at the first violation' : `stopped by the ${merged.stopped} bound`
    console.log(`explore ${opts.scenarioLabel} under ${designLabel(design)}: ${bound}`)
    console.log(`Done. states=${merged.generated.toLocaleString('en-US')}, unique=${merged.unique.toLocaleString('en-US')}, depth=${merged.depth}, sec=${merged.seconds.toFixed(2)}${partsNote(merged)}`)
    if (merged.reactions) {
      const r = merged.reactions
      const threads = merged.threads && !merged.threads.again ? `, added over the ${merged.threads.count} threads` : ''
      const answered = r.answered > 0 ? `; ${r.answered.toLocaleString('en-US')} of them taken over from a reaction to the same question` : ''
      console.log(`local reactions: ${r.computed.toLocaleString('en-US')} computed (${r.seconds.toFixed(2)} s${threads}${answered}), ${r.replayed.toLocaleString('en-US')} replayed from the memo (docs/explore.md "Performance")`)
    }
    if (violations.length === 0) console.log(`no violation of ${model.properties.map((p) => p.id).join(', ')} within depth ${merged.depth}${merged.stopped === 'exhausted' ? ' (state space exhausted)' : ''}`)
    for (const v of violations) {
      console.log(`${v.property}: VIOLATED — shortest counterexample: ${v.length} transitions, ${(v.steps as unknown[]).length} step(s)`)
      ;(v.steps as unknown[]).forEach((s, k) => console.log(`  ${k}. ${JSON.stringify(s)}`))
      console.log(`  why: ${v.explain}`)
      console.log(`  real MLS: ${v.confirmed === null ? 'not confirmed' : v.confirmed ? 'confirmed' : 'NOT confirmed'} (${v.confirmNote})`)
      console.log(`  trace: ${v.trace}  (read it with: npx mimi-sim show ${v.trace})`)
      console.log(`  replay: ${v.replay}`)
    }
    for (const line of coverageLines(merged.coverage)) console.log(line)
  }
  return doc
}

export async function exploreCommand(argv: readonly string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, EXPLORE_FLAGS, 'explore')
  atMost(positionals, 1, 'explore', `one scenario (or none: the built-in ${SMALL_WORLD_NAME})`)
  const ids = (flags.property as string[] | undefined) ?? propertyIds()
  for (const id of ids) if (!propertyById(id)) throw new UsageError(`--property ${id}: unknown property (known: ${knownPropertyList()})`)
  const expect = (flags.expect as string | undefined) ?? 'holds'
  if (expect !== 'holds' && expect !== 'violated') throw new UsageError(`--expect ${expect}: expected holds or violated`)
  const arg = positionals[0]
  const small = arg === undefined || arg === SMALL_WORLD_NAME
  const scenario: Scenario = small ? SMALL_WORLD : await loadScenarioArg(arg, 'explore')
  const source = small ? SMALL_WORLD_NAME : (/[/\\]|\.(json|ts|mts|mjs|js)$/.test(arg!) ? resolve(arg!) : join(SCENARIO_DIR, `${arg}.json`))
  const design = resolveDesign(small ? null : scenario, designFlags(flags.design as string[] | undefined))
  const free = flags.free === true || scenario.steps.length === 0
  const shard = shardFlag(flags.shard as string | undefined)
  const workers = (flags.workers as number | undefined) ?? 1
  if (workers < 1) throw new UsageError('--workers must be at least 1')
  if (shard && workers > 1) throw new UsageError('--shard and --workers do not combine (a shard runs in one thread; run several shards instead)')
  if (flags.admin === true && !free) throw new UsageError(`--admin: ${scenario.name} has a script, which explore takes as written; add --free to explore its world's alphabet with the administration steps`)
  if (shard && !flags.out) throw new UsageError('--shard needs --out FILE (the shard file to give to mimi-sim merge)')
  const spec: SearchSpec = {
    scenario: source,
    design: { ...design },
    properties: ids,
    depth: (flags.depth as number | undefined) ?? DEFAULT_DEPTH,
    maxStates: (flags['max-states'] as number | undefined) ?? null,
    seconds: (flags.time as number | undefined) ?? null,
    all: flags.all === true,
    free,
    maxSteps: free ? ((flags['max-steps'] as number | undefined) ?? DEFAULT_MAX_STEPS) : null,
    symmetry: flags.symmetry === true,
    admin: flags.admin === true,
  }
  const progress = progressPrinter(flags.progress === true || (!flags.json && process.stderr.isTTY === true))
  if (shard) {
    const doc = await runShard(spec, scenario, shard, progress)
    if (progress && process.stderr.isTTY) process.stderr.write('\n')
    const path = writeOwn(flags.out as string, doc, ['mimi-sim/explore-shard'])
    if (flags.json) process.stdout.write(JSON.stringify({ shard: `${shard.index}/${shard.count}`, file: path, states: doc.generated, unique: doc.unique, depth: doc.depth, seconds: Number(doc.seconds.toFixed(3)), found: doc.found.map((f) => ({ property: f.property, length: f.length })) }) + '\n')
    else console.log(`shard ${shard.index}/${shard.count}: states=${doc.generated}, unique=${doc.unique}, depth=${doc.depth}, sec=${doc.seconds.toFixed(2)}; written to ${path} (combine all ${shard.count} with: mimi-sim merge FILE…)`)
    return 0
  }
  const { model, merged } = await runSearch(spec, scenario, workers, progress)
  if (progress && process.stderr.isTTY) process.stderr.write('\n')
  const doc = await report(model, merged, { confirm: !flags['no-confirm'], ...(flags.out ? { out: flags.out as string } : {}), json: flags.json === true, scenarioLabel: small ? SMALL_WORLD_NAME : scenario.name })
  if (flags.json) process.stdout.write(JSON.stringify(doc) + '\n')
  const found = merged.found.length > 0
  return (expect === 'holds' ? !found : found) ? 0 : 1
}
