/**
 * `mimi-sim merge FILE…`: combine the shard files of one split search (`explore --shard i/n` or
 * `check --shard i/n`, run by any CI matrix or job runner) into the outcome a single run gives — for
 * explore the same unique-state count and shortest violations, for check the same verdicts and
 * shortest counterexamples — then confirm, write and print them as that command does.
 */
import { readFileSync } from 'node:fs'
import { completeDesign } from '../../../model/design.js'
import { propertyIds } from '../../../properties/index.js'
import { CHECK_SHARD_FORMAT, type CheckShardDoc, checkShardProblem, mergeCheckShards, worldOfSpec } from '../../check/index.js'
import { mergeShards, modelOfSpec, scenarioOfSpec, SMALL_WORLD_NAME, shardProblem, type ShardDoc } from '../../explore/index.js'
import { type FlagSpec, parseArgs, UsageError } from '../args.js'
import { finishCheck, writeOutcome } from './check.js'
import { report } from './explore.js'

export const MERGE_FLAGS: Record<string, FlagSpec> = {
  expect: { kind: 'string', help: 'holds (default) or violated: which outcome counts as success for the exit code', value: 'violated' },
  'no-confirm': { kind: 'boolean', help: 'do not replay a counterexample with RealMls' },
  out: { kind: 'string', help: 'where to write the counterexample trace', value: 'cex.json' },
  json: { kind: 'boolean', help: 'print one JSON object on stdout and nothing else' },
  help: { kind: 'boolean', help: 'show this help' },
}

export async function mergeCommand(argv: readonly string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, MERGE_FLAGS, 'merge')
  if (positionals.length === 0) throw new UsageError('name the shard files to merge (e.g. mimi-sim merge shard-0.json shard-1.json)')
  const expect = (flags.expect as string | undefined) ?? 'holds'
  if (expect !== 'holds' && expect !== 'violated') throw new UsageError(`--expect ${expect}: expected holds or violated`)
  const docs: unknown[] = positionals.map((file) => {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      throw new UsageError(`${file}: cannot read it (give the files written by explore --shard i/n --out FILE)`)
    }
    try {
      return JSON.parse(text)
    } catch {
      throw new UsageError(`${file}: not JSON (give the files written by explore --shard i/n --out FILE)`)
    }
  })
  if ((docs[0] as { format?: unknown } | null)?.format === CHECK_SHARD_FORMAT) return mergeCheck(docs, flags, expect)
  const problem = shardProblem(docs)
  if (problem) throw new UsageError(problem)
  const shards = docs as ShardDoc[]
  const spec = shards[0]!.spec
  let scenario
  try {
    scenario = await scenarioOfSpec(spec, propertyIds())
  } catch (err) {
    throw new UsageError(`the shards' scenario: ${(err as Error).message}`)
  }
  const model = await modelOfSpec(spec, scenario)
  const merged = mergeShards(shards, spec.properties)
  const doc = await report(model, merged, { confirm: !flags['no-confirm'], ...(flags.out ? { out: flags.out as string } : {}), json: flags.json === true, scenarioLabel: spec.scenario === SMALL_WORLD_NAME ? SMALL_WORLD_NAME : scenario.name })
  if (flags.json) process.stdout.write(JSON.stringify(doc) + '\n')
  const found = merged.found.length > 0
  return (expect === 'holds' ? !found : found) ? 0 : 1
}

async function mergeCheck(docs: readonly unknown[], flags: Readonly<Record<string, unknown>>, expect: 'holds' | 'violated'): Promise<number> {
  const problem = checkShardProblem(docs)
  if (problem) throw new UsageError(problem)
  const shards = docs as CheckShardDoc[]
  const spec = shards[0]!.spec
  const out = flags.out as string | undefined
  if (out && spec.properties.length > 1) throw new UsageError('--out needs a search of exactly one property (each property writes its own trace)')
  let world
  try {
    world = await worldOfSpec(spec)
  } catch (err) {
    throw new UsageError(`the shards' world: ${(err as Error).message}`)
  }
  const design = completeDesign(spec.design)
  const results = await mergeCheckShards(shards, world, { confirm: !flags['no-confirm'] })
  const outcomes = results.map((r) => writeOutcome(world, design, r, out))
  return finishCheck(outcomes, design, { json: flags.json === true, expect })
}
