/**
 * `npm run bench`: every benchmark of mimi-sim in one run, printed as a plain-text report on stdout
 * and written as JSON to out/bench.json (progress goes to stderr).
 *
 * Measures (design.md "Performance"; each module's header says why its baseline):
 * (a)  overhead.ts       — simulator run vs the bare replay of the same RealMls calls (goal ≤ 1.2×);
 * (a') engineOverhead.ts — RealMls vs raw ts-mls for add + join and an application round trip;
 * (b)  symbolic.ts       — symbolic runs/steps/deliveries/transitions per second vs raw XState;
 * (c)  search.ts         — time and runs to the first counterexample, shrunk length, per property × design;
 * (d)  viewer.ts         — first render and step time of a 5,000-event trace in headless Chromium (skipped without it).
 * Figures are ratios against baselines measured in this same run, never wall-clock bounds; no test
 * depends on this. It takes about three minutes on 2 cores (161 s measured on 2026-11-27).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { allDesigns, type Design, designLabel } from '../model/design.js'
import { measureEngineOverhead } from './engineOverhead.js'
import { measureOverhead, type OverheadFigures } from './overhead.js'
import { type BenchFigures, renderReport } from './report.js'
import { measureSearch, withPerRunRatio } from './search.js'
import { measureSymbolic } from './symbolic.js'
import { measureViewer, viewerReport } from './viewer.js'

/** Timed repetitions after warm-up, per measurement (a few minutes in all on 2 cores). */
const REPS = { overhead: 11, engine: 9, symbolic: 5, search: 3 } as const
const WARMUP = 2

const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`)

async function main(): Promise<void> {
  const t0 = performance.now()
  const cpus = os.cpus()
  const machine = {
    node: process.version,
    cpu: cpus[0]?.model.trim() ?? 'unknown cpu',
    cores: cpus.length,
    platform: `${os.platform()} ${os.arch()}`,
    memoryGiB: os.totalmem() / 2 ** 30,
    loadAverage: os.loadavg(),
  }

  const overhead: OverheadFigures[] = []
  for (const file of ['baseline-add.json', 'hub-injects-eavesdropper.json']) {
    for (const design of allDesigns()) {
      log(`(a) ${file} ${designLabel(design)}`)
      overhead.push(await measureOverhead(file, design, REPS.overhead, WARMUP))
    }
  }
  log('(a\') RealMls vs raw ts-mls')
  const engineOverhead = await measureEngineOverhead(REPS.engine, WARMUP, 40)
  log('(b) symbolic throughput')
  const symbolic = await measureSymbolic(300, REPS.symbolic, 1)
  log('(c) search')
  const secondsPerRun = (design: Design) => {
    const rate = symbolic.designs.find((d) => designLabel(d.design) === designLabel(design))!.runsPerSec
    return { cpu: 1 / rate.cpu, wall: 1 / rate.wall }
  }
  const search = withPerRunRatio(await measureSearch(REPS.search), secondsPerRun)
  log('(d) viewer')
  const viewer = await measureViewer(log)

  const figures: BenchFigures = { machine, seconds: (performance.now() - t0) / 1000, overhead, engineOverhead, symbolic, search }
  console.log(renderReport(figures))
  console.log(`\n${viewerReport(viewer)}`)
  const dir = new URL('../out/', import.meta.url)
  mkdirSync(dir, { recursive: true })
  const file = new URL('bench.json', dir)
  writeFileSync(file, `${JSON.stringify({ format: 'mimi-sim-bench', version: 1, ...figures, viewer }, null, 2)}\n`)
  log(`wrote ${file.pathname}`)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err))
  process.exitCode = 1
})
