/**
 * The plain-text report of `npm run bench`: machine info, then one aligned table per measurement,
 * each ratio printed next to the name of its baseline. Measures nothing; formats bench/*.ts figures.
 * Every figure here is also in out/bench.json (written by run.ts), unrounded.
 */
import { designLabel } from '../model/design.js'
import type { EngineOverheadFigures } from './engineOverhead.js'
import type { OverheadFigures } from './overhead.js'
import { HIGHLIGHT, type SearchRow } from './search.js'
import type { SymbolicFigures } from './symbolic.js'

export interface Machine {
  readonly node: string
  readonly cpu: string
  readonly cores: number
  readonly platform: string
  readonly memoryGiB: number
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

const ms = (x: number) => x.toFixed(1)
const ratio = (x: number) => `${x.toFixed(2)}×`
const int = (x: number) => Math.round(x).toLocaleString('en-US')
const secs = (x: number | null) => (x === null ? '-' : x.toFixed(3))
const opt = (x: number | null) => (x === null ? '-' : String(x))

function heading(title: string): string {
  return `\n${title}\n${'='.repeat(title.length)}`
}

export function renderReport(f: BenchFigures): string {
  const out: string[] = []
  const m = f.machine
  out.push('mimi-sim benchmark report')
  out.push(`machine: node ${m.node}, ${m.cpu}, ${m.cores} cores, ${m.platform}, ${m.memoryGiB.toFixed(1)} GiB`)
  out.push('Figures are medians of interleaved repetitions after warm-up; ratios compare against a baseline measured in this same run.')

  const o = f.overhead
  out.push(heading(`(a) Simulator overhead over the bare MLS calls a run makes (RealMls, seed ${o[0]?.seed ?? 0}, ${o[0]?.reps ?? 0} reps)`))
  out.push(table(
    ['scenario', 'design', 'engine calls', 'MLS ops', 'sim ms', 'sim+proxy ms', 'in-engine ms', 'bare ms', 'sim / bare', 'goal'],
    o.map((r) => [r.scenario, designLabel(r.design), r.engineCalls, r.mlsOps, ms(r.plainSimMs), ms(r.simMs), ms(r.engineInSimMs), ms(r.bareMs), ratio(r.ratio), r.ratio <= 1.2 ? '≤ 1.2× ok' : '≤ 1.2× MISSED']),
    2,
  ))
  out.push('  baseline "bare": the run\'s recorded engine calls (all of them, setup included) replayed directly on a fresh')
  out.push('  RealMls with the same seed; every replayed result was checked equal to the recorded one.')
  out.push('  sim = runScenario with a plain RealMls (all properties checked); sim+proxy = the same with the recording proxy;')
  out.push('  in-engine = time inside engine calls during the proxied run.')
  out.push(table(
    ['scenario', 'design', 'in-engine / bare', 'sim+proxy / bare', 'simulator share of sim+proxy'],
    o.map((r) => [r.scenario, designLabel(r.design), ratio(r.engineInSimRatio), ratio(r.ratioProxied), `${(100 * (1 - r.engineInSimMs / r.simMs)).toFixed(1)} %`]),
    2,
  ))

  const e = f.engineOverhead
  out.push(heading(`(a') RealMls over raw ts-mls 1.6.4 (${e.reps} reps; ${e.messagesPerRep} app round trips per rep)`))
  out.push(table(
    ['operation', 'raw ts-mls ms', 'RealMls ms', 'RealMls / raw ts-mls'],
    [
      ['add commit + join (2-member group)', ms(e.raw.addJoinMs), ms(e.engine.addJoinMs), ratio(e.addJoinRatio)],
      ['app message protect + process', e.raw.appRoundTripMs.toFixed(2), e.engine.appRoundTripMs.toFixed(2), ratio(e.appRoundTripRatio)],
    ],
  ))
  out.push('  baseline "raw ts-mls": the same operations as direct ts-mls calls (notes §1), same deterministic suite 1,')
  out.push('  client config and group extensions. RealMls also builds the new GroupInfo for the hub, encodes each message')
  out.push('  once for its size, describes the change and tells an application message\'s sender.')

  const s = f.symbolic
  out.push(heading(`(b) Symbolic throughput: ${s.designs[0]?.runs ?? 0} generated SMALL_WORLD runs (≤ ${s.maxSteps} steps, fc.sample seed ${s.sampleSeed}), ${s.reps} reps`))
  out.push(table(
    ['design', 'runs', 'steps', 'deliveries', 'transitions', 'errors', 'pass s', 'runs/s', 'steps/s', 'deliveries/s', 'transitions/s', 'raw XState transitions per sim transition'],
    s.designs.map((d) => [designLabel(d.design), d.runs, d.steps, d.deliveries, d.transitions, d.errors, d.seconds.toFixed(3), int(d.runsPerSec), int(d.stepsPerSec), int(d.deliveriesPerSec), int(d.transitionsPerSec), ratio(d.rawTransitionsPerSimTransition)]),
  ))
  out.push(`  baseline "raw XState": transition() on a trivial two-state toggle machine: ${int(s.xstate.transitionsPerSec)} transitions/s`)
  out.push(`  (${int(s.xstate.transitionsPerPass)} per rep). Simulated runs use SymbolicMls and check all properties.`)

  out.push(heading('(c) Search: check(SMALL_WORLD, seed 1, 300 runs, ≤ 8 steps, confirm) per property × design'))
  out.push(table(
    ['', 'property', 'design', 'violated', 'runs→first', 's→first', 'shrinks', 'shrunk steps', 'confirmed', 'check s', 'total s', 's/run ÷ (b) s/run'],
    f.search.map((r) => [r.highlight ? '*' : '', r.property, designLabel(r.design), r.found ? 'yes' : `no (${r.runs} runs)`, opt(r.runsToFirst), secs(r.secondsToFirst), opt(r.shrinks), opt(r.shrunkLength), r.confirmed === null ? '-' : r.confirmed ? 'yes' : 'NO', r.checkSeconds.toFixed(3), r.totalSeconds.toFixed(3), ratio(r.perRunRatio)]),
    3,
  ))
  out.push('  check s = search + shrinking; total s adds the RealMls replay that confirms a counterexample.')
  out.push('  baseline of the last column: seconds per plain symbolic run of (b), same design (search checks one property).')
  const h = f.search.find((r) => r.highlight)
  if (h) {
    const what = h.found
      ? `found after ${h.runsToFirst} runs in ${secs(h.secondsToFirst)} s, shrunk to ${h.shrunkLength} steps, ${h.confirmed ? 'confirmed' : 'NOT confirmed'} by RealMls (${h.confirmNote})`
      : `NOT found in ${h.runs} runs`
    out.push(`  * S2 — ${HIGHLIGHT.property} under ${HIGHLIGHT.design} (malicious hub injects its own user): ${what}.`)
  }
  out.push(`\nwhole bench: ${f.seconds.toFixed(1)} s`)
  return out.join('\n')
}
