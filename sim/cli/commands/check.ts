/**
 * `mimi-sim check`: search generated runs for a property violation (SymbolicMls), shrink it to the
 * shortest run, replay it with RealMls, write its trace and a scenario file that replays it, and
 * report the search's coverage. `--workers N` splits the search over worker threads, `--shard i/n`
 * writes one slice for `mimi-sim merge` (sim/check/shard.ts): the same outcome as one thread.
 * Exit 0 when what was asked holds: no violation, or one found with `--expect violated`.
 */
import { type Design, designLabel } from '../../../model/design.js'
import type { EngineName } from '../../../model/mls/types.js'
import { propertyById, propertyIds, type Property } from '../../../properties/index.js'
import { join, resolve } from 'node:path'
import { check, CHECK_SHARD_FORMAT, checkInWorkers, type CheckResult, type CheckSpec, runCheckShard, SMALL_WORLD } from '../../check/index.js'
import { coverageLines, SMALL_WORLD_NAME } from '../../explore/index.js'
import type { Scenario } from '../../scenario/types.js'
import { atMost, designFlags, type FlagSpec, parseArgs, UsageError } from '../args.js'
import { CHECK_POLICY_FLAGS, policyDispatch } from './escalate.js'
import { shardFlag, writeOwn } from './explore.js'
import { CEX_DESCRIPTION, defaultTracePath, engineFlag, knownPropertyList, loadScenarioArg, resolveDesign, SCENARIO_DIR, writeOutput } from '../common.js'

export const CHECK_FLAGS: Record<string, FlagSpec> = {
  property: { kind: 'list', help: `property to search for a violation of (repeatable; default all: ${propertyIds().join(', ')})`, value: 'noEavesdropper' },
  design: { kind: 'list', help: 'set a design knob, e.g. --design policy=service (repeatable)', value: 'policy=service' },
  runs: { kind: 'int', help: 'how many generated runs to try per property (default 500)', value: '2000' },
  seed: { kind: 'int', help: 'fast-check seed (default 1); the same seed finds the same counterexample', value: '7' },
  'max-steps': { kind: 'int', help: 'longest generated run, in steps (default 8)', value: '12' },
  world: { kind: 'string', help: 'take providers, users and the room from this scenario instead of the built-in small world', value: 'scenarios/baseline-add.json' },
  expect: { kind: 'string', help: 'holds (default) or violated: which outcome counts as success for the exit code', value: 'violated' },
  engine: { kind: 'string', help: 'symbolic (default: fast, counterexamples replayed with real MLS) or real (search with ts-mls itself)', value: 'real' },
  'no-confirm': { kind: 'boolean', help: 'do not replay a counterexample with RealMls' },
  workers: { kind: 'int', help: 'split the search over this many worker threads (default 1); same outcome as one', value: '2' },
  shard: { kind: 'string', help: 'scan slice i of n and write it with --out, for `mimi-sim merge` (e.g. --shard 0/4)', value: '0/4' },
  out: { kind: 'string', help: 'where to write the counterexample trace (one property only; with --shard, the shard file); its replayable scenario goes beside it as <name>.scenario.json', value: 'cex.json' },
  json: { kind: 'boolean', help: 'print JSON on stdout and nothing else' },
  help: { kind: 'boolean', help: 'show this help' },
  ...CHECK_POLICY_FLAGS,
}

export interface CheckOutcome {
  readonly result: CheckResult
  readonly trace: string | null
  readonly scenarioFile: string | null
  readonly replay: string | null
}

function trimChoices(choices: readonly number[]): number[] {
  const out = [...choices]
  while (out.length > 0 && out[out.length - 1] === 0) out.pop()
  return out
}

/** Search one property and write what it finds; shared with `start`. */
export async function checkOne(world: Scenario, design: Design, property: Property, opts: { runs: number; seed: number; maxSteps: number; confirm: boolean; engine?: EngineName; out?: string; progress: boolean }): Promise<CheckOutcome> {
  const label = `${property.id} under ${designLabel(design)}`
  const onProgress = opts.progress ? (n: number) => process.stderr.write(`\r  checking ${label}: ${n}/${opts.runs} runs`) : undefined
  const result = await check({ world, design, property, runs: opts.runs, seed: opts.seed, maxSteps: opts.maxSteps, confirm: opts.confirm, engine: opts.engine ?? 'symbolic', ...(onProgress ? { onProgress } : {}) })
  if (opts.progress) process.stderr.write('\r' + ' '.repeat(label.length + 40) + '\r')
  return writeOutcome(world, design, result, opts.out)
}

/** Write a search's counterexample (trace and replayable scenario), if it found one. */
export function writeOutcome(world: Scenario, design: Design, result: CheckResult, out?: string): CheckOutcome {
  const v = result.violation
  if (!v) return { result, trace: null, scenarioFile: null, replay: null }
  const base = `check-${result.property}`
  const tracePath = writeOutput(out ?? defaultTracePath(base, design), v.realTrace ?? v.trace)
  // The scenario gets its own name, so replaying it writes its own trace, not over this one.
  const scenario: Scenario = {
    ...world,
    name: `cex-${result.property}`,
    description: `${CEX_DESCRIPTION} for ${result.property} under ${designLabel(design)} (fast-check seed ${result.seed}).`,
    design: { ...design },
    steps: v.steps,
    expect: { [result.property]: 'violated' },
  }
  const scenarioFile = writeOutput(out ? out.replace(/(\.json)?$/, '.scenario.json') : defaultTracePath(base, design, '.scenario'), scenario)
  const choices = trimChoices(v.choices)
  const replay = `npx mimi-sim run ${scenarioFile} --design ${Object.entries(design).map(([k, x]) => `${k}=${x}`).join(' --design ')} --choices ${choices.length ? choices.join(',') : '0'}`
  return { result, trace: tracePath, scenarioFile, replay }
}

export function outcomeJson(o: CheckOutcome): Record<string, unknown> {
  const { result, trace, replay } = o
  const v = result.violation
  return {
    property: result.property,
    design: result.design,
    runs: result.runs,
    seed: result.seed,
    seconds: Number(result.seconds.toFixed(3)),
    shards: result.shards,
    violation: v
      ? { length: v.length, trace, confirmed: v.confirmed, confirmNote: v.confirmNote, steps: v.steps, choices: trimChoices(v.choices), replay, foundAfterRuns: v.foundAfterRuns, shrinks: v.shrinks, secondsToFirst: Number(v.secondsToFirst.toFixed(3)) }
      : null,
    coverage: result.coverage,
  }
}

/** Print the outcomes (or their JSON) and give the exit code; shared with `merge`. */
export function finishCheck(outcomes: readonly CheckOutcome[], design: Design, opts: { json: boolean; expect: 'holds' | 'violated' }): number {
  if (opts.json) {
    const docs = outcomes.map(outcomeJson)
    process.stdout.write(JSON.stringify(docs.length === 1 ? docs[0] : { results: docs }) + '\n')
  } else {
    for (const o of outcomes) {
      const v = o.result.violation
      const head = `${o.result.property} under ${designLabel(design)}: `
      const split = o.result.shards > 1 ? `, ${o.result.shards} shards` : ''
      if (!v) console.log(`${head}no violation in ${o.result.runs} runs (${o.result.seconds.toFixed(1)} s, seed ${o.result.seed}${split})`)
      else {
        console.log(`${head}VIOLATED — shortest run found: ${v.length} step(s), after ${v.foundAfterRuns} run(s) and ${v.shrinks} shrink(s)${split}`)
        v.steps.forEach((s, k) => console.log(`  ${k}. ${JSON.stringify(s)}`))
        const witness = (v.realTrace ?? v.trace).verdicts[0]!
        console.log(`  why: ${witness.explain}`)
        console.log(`  real MLS: ${v.confirmed === null ? 'not confirmed' : v.confirmed ? 'confirmed' : 'NOT confirmed'} (${v.confirmNote})`)
        console.log(`  trace: ${o.trace}  (read it with: npx mimi-sim show ${o.trace})`)
        console.log(`  replay: ${o.replay}`)
      }
      if (o.result.coverage) for (const line of coverageLines(o.result.coverage)) console.log(`  ${line}`)
    }
  }
  const found = outcomes.some((o) => o.result.violation !== null)
  const allFound = outcomes.every((o) => o.result.violation !== null)
  return (opts.expect === 'holds' ? !found : allFound) ? 0 : 1
}

export async function checkCommand(argv: readonly string[]): Promise<number> {
  const escalation = await policyDispatch(argv)
  if (escalation !== null) return escalation
  const { positionals, flags } = parseArgs(argv, CHECK_FLAGS, 'check')
  atMost(positionals, 0, 'check', 'no arguments; use --world FILE to search another world')
  const ids = (flags.property as string[] | undefined) ?? propertyIds()
  const properties = ids.map((id) => {
    const p = propertyById(id)
    if (!p) throw new UsageError(`--property ${id}: unknown property (known: ${knownPropertyList()})`)
    return p
  })
  const expect = (flags.expect as string | undefined) ?? 'holds'
  if (expect !== 'holds' && expect !== 'violated') throw new UsageError(`--expect ${expect}: expected holds or violated`)
  const shard = shardFlag(flags.shard as string | undefined)
  const workers = (flags.workers as number | undefined) ?? 1
  if (workers < 1) throw new UsageError('--workers must be at least 1')
  if (shard && workers > 1) throw new UsageError('--shard and --workers do not combine (a shard runs in one thread; run several shards instead)')
  if (shard && !flags.out) throw new UsageError('--shard needs --out FILE (the shard file to give to mimi-sim merge)')
  if (!shard && flags.out && properties.length > 1) throw new UsageError('--out needs exactly one --property (each property writes its own trace)')
  const worldArg = flags.world as string | undefined
  const world = worldArg ? await loadScenarioArg(worldArg, 'check --world') : SMALL_WORLD
  const design = resolveDesign(null, designFlags(flags.design as string[] | undefined))
  const runs = (flags.runs as number | undefined) ?? 500
  if (runs < 1) throw new UsageError('--runs must be at least 1')
  const engine = engineFlag(flags.engine, 'symbolic')
  const seed = (flags.seed as number | undefined) ?? 1
  const maxSteps = (flags['max-steps'] as number | undefined) ?? 8
  const confirm = !flags['no-confirm']
  const progress = !flags.json && process.stderr.isTTY === true
  const out = flags.out as string | undefined
  const spec: CheckSpec = {
    world: worldArg === undefined ? SMALL_WORLD_NAME : resolve(/[/\\]|\.(json|ts|mts|mjs|js)$/.test(worldArg) ? worldArg : join(SCENARIO_DIR, `${worldArg}.json`)),
    design: { ...design },
    properties: ids,
    runs,
    seed,
    maxSteps,
    engine,
  }
  if (shard) {
    const doc = await runCheckShard(spec, world, shard, progress ? (n) => process.stderr.write(`\r  shard ${shard.index}/${shard.count}: ${n} runs`) : undefined)
    if (progress) process.stderr.write('\n')
    const path = writeOwn(out!, doc, [CHECK_SHARD_FORMAT])
    const found = doc.results.map((r) => ({ property: r.property, first: r.first.first, runs: r.executed }))
    if (flags.json) process.stdout.write(JSON.stringify({ shard: `${shard.index}/${shard.count}`, file: path, seconds: Number(doc.seconds.toFixed(3)), results: found }) + '\n')
    else console.log(`shard ${shard.index}/${shard.count}: ${found.map((f) => `${f.property} ${f.first === null ? 'no violation' : `first violation at run ${f.first}`} (${f.runs} runs)`).join('; ')}; written to ${path} (combine all ${shard.count} with: mimi-sim merge FILE…)`)
    return 0
  }
  const outcomes: CheckOutcome[] = []
  if (workers > 1) {
    for (const r of await checkInWorkers(spec, world, workers, { confirm })) outcomes.push(writeOutcome(world, design, r, out))
  } else {
    for (const p of properties) outcomes.push(await checkOne(world, design, p, { engine, runs, seed, maxSteps, confirm, progress, ...(out ? { out } : {}) }))
  }
  return finishCheck(outcomes, design, { json: flags.json === true, expect })
}
