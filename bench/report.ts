/**
 * The plain-text report of `npm run bench`: machine info, then one aligned table per measurement,
 * each ratio printed next to the name of its baseline. Measures nothing; formats bench/*.ts figures.
 * Every figure here is also in out/bench.json (written by run.ts), unrounded, and then some.
 */
import { designLabel } from '../model/design.js'
import type { EngineOverheadFigures } from './engineOverhead.js'
import type { OverheadFigures } from './overhead.js'
import { HIGHLIGHT, type SearchRow } from './search.js'
import type { Both } from './stats.js'
import type { SymbolicFigures } from './symbolic.js'

export interface Machine {
  readonly node: string
  readonly cpu: string
  readonly cores: number
  readonly platform: string
  readonly memoryGiB: number
  readonly loadAverage: readonly number[]
}

export interface BenchFigures {
  readonly machine: Machine
  readonly seconds: number
  readonly overhead: readonly OverheadFigures[]
  readonly engineOverhead: EngineOverheadFigures
  readonly symbolic: SymbolicFigures
  readonly search: readonly SearchRow[]
}

type Cell = string | number

/** Columns are right-aligned except the first `left` ones. */
function table(head: readonly string[], rows: readonly (readonly Cell[])[], left = 1): string {
  const text = [head, ...rows].map((r) => r.map(String))
  const width = head.map((_, c) => Math.max(...text.map((r) => r[c]!.length)))
  const line = (r: readonly string[]) => r.map((x, c) => (c < left ? x.padEnd(width[c]!) : x.padStart(width[c]!))).join('  ').trimEnd()
  return [line(text[0]!), width.map((w) => '-'.repeat(w)).join('  '), ...text.slice(1).map(line)].map((l) => `  ${l}`).join('\n')
}

const ratio = (x: number) => `${x.toFixed(2)}×`
const int = (x: number) => Math.round(x).toLocaleString('en-US')
const opt = (x: number | null) => (x === null ? '-' : String(x))
/** "cpu / wall" with the given formatter. */
const pair = (b: Both | null, fmt: (x: number) => string) => (b === null ? '-' : `${fmt(b.cpu)} / ${fmt(b.wall)}`)
const ms1 = (x: number) => x.toFixed(1)
const ms2 = (x: number) => x.toFixed(2)
const s3 = (x: number) => x.toFixed(3)

function heading(title: string): string {
  return `\n${title}\n${'='.repeat(title.length)}`
}

export function renderReport(f: BenchFigures): string {
  const out: string[] = []
  const m = f.machine
  out.push('mimi-sim benchmark report')
  out.push(`machine: node ${m.node}, ${m.cpu}, ${m.cores} cores, ${m.platform}, ${m.memoryGiB.toFixed(1)} GiB, load average ${m.loadAverage.map((x) => x.toFixed(2)).join(' ')} at start`)
  out.push('Medians of interleaved repetitions after warm-up. Times are "CPU / wall": CPU time of this process (the work) and')
  out.push('wall-clock time (includes waiting for a core on a shared machine). Each ratio names its baseline, measured in this')
  out.push('same run, and is paired per repetition before the median; the goal is judged on CPU time.')

  const o = f.overhead
  out.push(heading(`(a) Simulator overhead over the bare MLS calls a run makes (RealMls, seed ${o[0]?.seed ?? 0}, ${o[0]?.reps ?? 0} reps)`))
  out.push(table(
    ['scenario', 'design', 'engine calls', 'MLS ops', 'sim ms', 'bare ms', 'sim / bare CPU', '(min–max)', 'sim / bare wall', 'goal ≤ 1.2× (CPU)'],
    o.map((r) => [r.scenario, designLabel(r.design), r.engineCalls, r.mlsOps, pair(r.simMs, ms1), pair(r.bareMs, ms1), ratio(r.ratio.cpu),
      `${r.cpuRatioRange[0].toFixed(2)}–${r.cpuRatioRange[1].toFixed(2)}`, ratio(r.ratio.wall), r.ratio.cpu <= 1.2 ? 'met' : `missed (${r.ratio.cpu.toFixed(3)}×)`]),
    2,
  ))
  out.push('  sim = runScenario with a plain RealMls, all properties checked. Baseline "bare": the run\'s recorded engine calls')
  out.push('  (all of them, world setup included) replayed directly on a fresh RealMls with the same seed; every replayed')
  out.push('  result was checked equal to the recorded one.')
  out.push(table(
    ['scenario', 'design', 'sim+proxy ms', 'in-engine ms', 'sim+proxy / bare CPU', 'in-engine / bare CPU', 'sim+proxy / in-engine', 'outside engine'],
    o.map((r) => [r.scenario, designLabel(r.design), pair(r.proxiedSimMs, ms1), pair(r.engineInSimMs, ms1), ratio(r.ratioProxied.cpu), ratio(r.engineInSimRatio.cpu),
      pair(r.inRunRatio, ratio), pair(r.simulatorShare, (x) => `${(100 * x).toFixed(1)} %`)]),
    2,
  ))
  out.push('  sim+proxy = the run with the recording proxy; in-engine = time inside engine calls during that run (baseline')
  out.push('  "bare" in the first two ratios). sim+proxy / in-engine (CPU / wall) takes that same run\'s engine time as the')
  out.push('  baseline, so machine noise cancels; outside engine (CPU / wall) = the share of the run spent in the simulator.')

  const e = f.engineOverhead
  out.push(heading(`(a') RealMls over raw ts-mls 1.6.4 (${e.reps} reps; ${e.messagesPerRep} app round trips per rep)`))
  out.push(table(
    ['operation', 'raw ts-mls ms', 'RealMls ms', 'RealMls / raw CPU', 'RealMls / raw wall'],
    [
      ['add commit + join (2-member group)', pair(e.raw.addJoinMs, ms1), pair(e.engine.addJoinMs, ms1), ratio(e.addJoinRatio.cpu), ratio(e.addJoinRatio.wall)],
      ['app message protect + process', pair(e.raw.appRoundTripMs, ms2), pair(e.engine.appRoundTripMs, ms2), ratio(e.appRoundTripRatio.cpu), ratio(e.appRoundTripRatio.wall)],
    ],
  ))
  out.push('  baseline "raw ts-mls": the same operations as direct ts-mls calls (notes §1), same deterministic suite 1,')
  out.push('  client config and group extensions. RealMls also builds the new GroupInfo for the hub, encodes each message')
  out.push('  once for its size, describes the change and tells an application message\'s sender.')

  const s = f.symbolic
  out.push(heading(`(b) Symbolic throughput: ${s.designs[0]?.runs ?? 0} generated SMALL_WORLD runs (≤ ${s.maxSteps} steps, fc.sample seed ${s.sampleSeed}), ${s.reps} reps`))
  out.push(table(
    ['design', 'runs', 'steps', 'deliveries', 'transitions', 'errors', 'pass s', 'runs/s', 'steps/s', 'deliveries/s', 'transitions/s', 'raw XState transitions per sim transition'],
    s.designs.map((d) => [designLabel(d.design), d.runs, d.steps, d.deliveries, d.transitions, d.errors, pair(d.seconds, s3), pair(d.runsPerSec, int),
      pair(d.stepsPerSec, int), pair(d.deliveriesPerSec, int), pair(d.transitionsPerSec, int), pair(d.rawTransitionsPerSimTransition, ratio)]),
  ))
  out.push(`  rates are per CPU second / per wall second. Baseline "raw XState": transition() on a trivial two-state toggle`)
  out.push(`  machine, ${pair(s.xstate.transitionsPerSec, int)} transitions/s (${int(s.xstate.transitionsPerPass)} per rep).`)
  out.push('  Simulated runs use SymbolicMls and check all properties.')

  out.push(heading('(c) Search: check(SMALL_WORLD, seed 1, 300 runs, ≤ 8 steps, confirm) per property × design'))
  out.push(table(
    ['', 'property', 'design', 'violated', 'runs→first', 's→first', 'shrinks', 'shrunk steps', 'confirmed', 'runs total', 'check s', 's/run ÷ (b) s/run'],
    f.search.map((r) => [r.highlight ? '*' : '', r.property, designLabel(r.design), r.found ? 'yes' : 'no', opt(r.runsToFirst), pair(r.secondsToFirst, s3), opt(r.shrinks),
      opt(r.shrunkLength), r.confirmed === null ? '-' : r.confirmed ? 'yes' : 'NO', r.runs, pair(r.seconds, s3), pair(r.perRunRatio, ratio)]),
    3,
  ))
  out.push('  check s = the whole check (search, shrinking, search for shorter runs, RealMls confirmation); runs total includes')
  out.push('  the search for shorter runs. Seconds are medians of 3; runs and lengths are fixed by the seed.')
  out.push('  baseline of the last column: seconds per plain symbolic run in (b), same design (s/run here is up to the first')
  out.push('  counterexample when one is found, else over all runs; search checks one property, (b) all of them).')
  const h = f.search.find((r) => r.highlight)
  if (h) {
    const what = h.found
      ? `found after ${h.runsToFirst} runs in ${pair(h.secondsToFirst, s3)} s (CPU / wall), shrunk to ${h.shrunkLength} steps; ${h.confirmNote}`
      : `NOT found in ${h.runs} runs`
    out.push(`  * S2 — ${HIGHLIGHT.property} under ${HIGHLIGHT.design} (a malicious hub injects its own user): ${what}.`)
  }
  out.push(`\nwhole bench: ${f.seconds.toFixed(1)} s wall`)
  return out.join('\n')
}
