/**
 * (d) The viewer on a long trace (design.md "Performance": a 5,000-event trace renders and scrubs
 * smoothly in headless Chromium). `npm run bench:viewer` alone, or as the last part of `npm run bench`.
 *
 * The trace is a real run, not a synthetic one: baseline-add (S1) with its message steps repeated
 * until the run has 5,000 events, on SymbolicMls, cut to exactly 5,000. It is opened as the
 * self-contained page `view --html` writes, from file://, in headless Chromium (playwright-core).
 * - first render: from navigation start to the later of "viewer built" (`mimi:rendered` mark) and
 *   the first contentful paint — parse of the embedded trace, readTrace, the fold into snapshots,
 *   the first window of rows and the panel;
 * - step update: `setStep` plus the forced style and layout it causes, median over 300 moves to the
 *   next event (the → key) and over 300 jumps to scattered events (the slider, a verdict link).
 * Baseline, measured in the same run: the same timings on the 82-event S2 trace, so the ratio shows
 * what 60× more events cost. Goals printed beside the figures: first render under 1 s, a step
 * under 16 ms (one frame). Without /usr/bin/chromium the bench says so and skips; it never fails.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { applyDesign, DEFAULT_DESIGN } from '../model/design.js'
import { PROPERTIES, propertyIds } from '../properties/index.js'
import { runScenario } from '../sim/runner.js'
import { loadScenarioFile } from '../sim/scenario/index.js'
import type { Trace } from '../sim/trace/events.js'
import { readTrace } from '../sim/trace/read.js'
import { scriptSafeJson, viewerAssets, viewerPage } from '../viz/node/index.js'
import { median } from './stats.js'

const CHROMIUM = '/usr/bin/chromium'
export const EVENTS = 5000
const MOVES = 200
export const GOALS = { firstRenderMs: 1000, stepMs: 16 } as const

export interface ViewerTimings {
  readonly events: number
  readonly firstRenderMs: number
  readonly nextStepMs: number
  readonly jumpStepMs: number
}

export type ViewerFigures =
  | { readonly skipped: string }
  | { readonly skipped: null; readonly source: string; readonly loadAverage: readonly number[]; readonly long: ViewerTimings; readonly baseline: ViewerTimings; readonly goals: typeof GOALS; readonly domRows: number }

/** A real run of at least `events` events: S1 with its message steps repeated, cut to `events`. */
export async function longTrace(events: number): Promise<Trace> {
  const loaded = await loadScenarioFile(fileURLToPath(new URL('../scenarios/baseline-add.json', import.meta.url)), propertyIds())
  if (!loaded.ok) throw new Error(loaded.error)
  const base = loaded.scenario
  const sends = base.steps.filter((s) => s.do === 'send')
  const design = applyDesign(DEFAULT_DESIGN, { policy: 'mls' })
  if (!design.ok) throw new Error(design.error)
  for (let rounds = 100; ; rounds *= 2) {
    const steps = [base.steps[0]!, ...Array.from({ length: rounds }, (_, k) => sends[k % sends.length]!)]
    const run = await runScenario({ ...base, name: 'viewer-bench', steps, expect: {} }, { design: design.design, engine: 'symbolic', seed: 0, properties: PROPERTIES })
    if (run.trace.events.length >= events) {
      const cut = run.trace.events.slice(0, events)
      return { ...run.trace, events: cut, verdicts: run.trace.verdicts.map((v) => (v.at !== null && v.at >= events ? { ...v, at: null } : v)) }
    }
  }
}

/**
 * Runs inside the page, passed as source text: tsx's transform would otherwise wrap named closures
 * in a helper that exists only in Node. Each move is `setStep` plus the style and layout it forces.
 */
const IN_PAGE = `(moves) => {
  const ready = performance.getEntriesByName('mimi:rendered')[0].startTime
  const paint = performance.getEntriesByName('first-contentful-paint')[0]
  const v = window.mimiViewer
  const flush = () => document.querySelector('.scroller').getBoundingClientRect().height + document.body.offsetHeight
  const measure = (target, count) => {
    const out = []
    for (let k = 0; k < count; k++) {
      const to = target(k)
      const t0 = performance.now()
      v.setStep(to)
      flush()
      out.push(performance.now() - t0)
    }
    return out
  }
  v.setStep(0)
  const next = measure((k) => k + 1, Math.min(moves, v.events - 1))
  let x = 12345
  const jump = measure(() => (x = (x * 1103515245 + 12345) % 2147483648) % v.events, moves)
  return { events: v.events, firstRenderMs: Math.max(ready, paint ? paint.startTime : ready), next, jump, domRows: document.querySelectorAll('.row').length }
}`

async function time(browser: import('playwright-core').Browser, url: string): Promise<ViewerTimings & { domRows: number }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  await page.goto(url)
  await page.waitForFunction(() => window.mimiViewer != null && performance.getEntriesByName('mimi:rendered').length > 0)
  await page.waitForTimeout(200)
  const figures = (await page.evaluate(`(${IN_PAGE})(${MOVES})`)) as { events: number; firstRenderMs: number; next: number[]; jump: number[]; domRows: number }
  await page.close()
  return { events: figures.events, firstRenderMs: figures.firstRenderMs, nextStepMs: median(figures.next), jumpStepMs: median(figures.jump), domRows: figures.domRows }
}

/**
 * The S2 trace repeated to `events` events, renumbered, each copy's steps, times and message numbers
 * shifted — the fallback when the simulator cannot produce the long run (a model change in flight).
 */
function tiled(trace: Trace, events: number): Trace {
  const msgOf = (e: object) => ((e as { msg?: unknown }).msg as number | undefined) ?? 0
  const msgs = Math.max(...trace.events.map(msgOf))
  const steps = Math.max(...trace.events.map((e) => e.step)) + 2
  const ticks = trace.events.at(-1)!.t + 1
  const out = Array.from({ length: events }, (_, i) => {
    const copy = Math.floor(i / trace.events.length)
    const e = trace.events[i % trace.events.length]!
    return { ...e, i, step: e.step + copy * steps, t: e.t + copy * ticks, ...('msg' in e ? { msg: msgOf(e) + copy * msgs } : {}) }
  })
  return { ...trace, events: out as Trace['events'] }
}

export async function measureViewer(log: (msg: string) => void = () => {}): Promise<ViewerFigures> {
  if (!existsSync(CHROMIUM)) return { skipped: `${CHROMIUM} not found (apt-get install -y chromium); the viewer bench needs headless Chromium` }
  const { chromium } = await import('playwright-core')
  const s2 = readTrace(readFileSync(fileURLToPath(new URL('../test/viz/fixtures/s2-service.trace.json', import.meta.url)), 'utf8'))
  if (!s2.ok) throw new Error(s2.error)
  log(`generating a ${EVENTS}-event trace (baseline-add repeated, symbolic MLS)`)
  let source = 'baseline-add with its sends repeated, SymbolicMls'
  const long = await longTrace(EVENTS).catch((err: unknown) => {
    source = `the S2 fixture repeated (the simulator run failed: ${(err as Error).message.split('\n')[0]})`
    log(`simulator run failed; falling back to ${source}`)
    return tiled(s2.trace, EVENTS)
  })
  const dir = mkdtempSync(join(tmpdir(), 'mimi-bench-viewer-'))
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] })
  try {
    const assets = await viewerAssets()
    const page = (t: Trace, name: string) => {
      const file = join(dir, `${name}.html`)
      writeFileSync(file, viewerPage(assets, { title: name, embedded: scriptSafeJson(t), source: name }))
      return pathToFileURL(file).href
    }
    const urls = { long: page(long, 'long'), base: page(s2.trace, 's2') }
    // One warm-up load each, so the figures are not the browser's cold start.
    await time(browser, urls.base)
    await time(browser, urls.long)
    log('timing the 82-event baseline and the long trace in headless Chromium')
    const runs = { base: [] as ViewerTimings[], long: [] as (ViewerTimings & { domRows: number })[] }
    for (let k = 0; k < 3; k++) {
      runs.base.push(await time(browser, urls.base))
      runs.long.push(await time(browser, urls.long))
    }
    const med = (list: readonly ViewerTimings[]): ViewerTimings => ({
      events: list[0]!.events,
      firstRenderMs: median(list.map((r) => r.firstRenderMs)),
      nextStepMs: median(list.map((r) => r.nextStepMs)),
      jumpStepMs: median(list.map((r) => r.jumpStepMs)),
    })
    return { skipped: null, source, loadAverage: loadavg(), long: med(runs.long), baseline: med(runs.base), goals: GOALS, domRows: runs.long[0]!.domRows }
  } finally {
    await browser.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export function viewerReport(f: ViewerFigures): string {
  if (f.skipped !== null) return `(d) viewer: skipped — ${f.skipped}`
  const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`
  const row = (name: string, long: number, base: number, goal: number) =>
    `  ${name.padEnd(24)} ${ms(long).padStart(9)}   ${ms(base).padStart(9)}   ${`${(long / base).toFixed(1)}×`.padStart(6)}   goal < ${goal} ms ${long < goal ? '✓' : '✗'}`
  return [
    `(d) viewer in headless Chromium: ${f.long.events}-event trace vs the ${f.baseline.events}-event S2 trace (medians of 3 loads; load average ${f.loadAverage.map((x) => x.toFixed(1)).join(' ')})`,
    `  ${''.padEnd(24)} ${`${f.long.events} ev`.padStart(9)}   ${`${f.baseline.events} ev`.padStart(9)}   ${'ratio'.padStart(6)}`,
    row('first render', f.long.firstRenderMs, f.baseline.firstRenderMs, f.goals.firstRenderMs),
    row('step to next event', f.long.nextStepMs, f.baseline.nextStepMs, f.goals.stepMs),
    row('jump to any event', f.long.jumpStepMs, f.baseline.jumpStepMs, f.goals.stepMs),
    `  rows in the DOM at once: ${f.domRows} of ${f.long.events} (virtual scrolling); long trace: ${f.source}`,
  ].join('\n')
}

// `npm run bench:viewer`: this part alone, report on stdout and in out/bench-viewer.json.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const figures = await measureViewer((m) => process.stderr.write(`bench: ${m}\n`))
  console.log(viewerReport(figures))
  const dir = fileURLToPath(new URL('../out/', import.meta.url))
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'bench-viewer.json'), `${JSON.stringify({ format: 'mimi-sim-bench-viewer', version: 1, ...figures }, null, 2)}\n`)
}
