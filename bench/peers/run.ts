/**
 * `npm run bench:peers`: the canonical S2 world (bench/peers/README.md) in mimi-sim's explorer, in
 * SPIN (s2.pml, compiled C, breadth-first, and depth-first for throughput) and in Quint's simulator
 * (s2.qnt), in one run. For each:
 * time to the first counterexample under policy=service, its length, states explored and states/s;
 * then throughput on the violation-free design (policy=mls), and mimi-sim's ratio to each peer —
 * also paired with pan's DFS: each first search of mimi-sim is followed at once by pan's, and the
 * ratios of the pairs are reported, so a slow or fast spell of the shared machine weighs on both.
 * Installs nothing: a peer that is missing is reported with its install command. Not part of
 * `npm test` (design.md: performance goes in bench/, as ratios measured in the same run).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { noEavesdropper } from '../../properties/index.js'
import { buildModel, explore, runSearch } from '../../sim/explore/index.js'
import type { Scenario } from '../../sim/scenario/types.js'
import { median, positiveEnv } from '../stats.js'
import { type PanReport, parsePan } from './panOutput.js'
import { s2Spec, type SearchSummary, summarise } from './searchSummary.js'

const HERE = fileURLToPath(new URL('.', import.meta.url))
const envCount = (name: string, fallback: number) => positiveEnv('bench:peers', name, fallback)
const MAX_STEPS = envCount('PEER_MAX_STEPS', 6)
const WARM_RUNS = 3
const COLD_RUNS = envCount('PEER_COLD_RUNS', 3)
const QUINT_SAMPLES = envCount('PEER_QUINT_SAMPLES', 1000)
const SPIN_RUNS = envCount('PEER_SPIN_RUNS', 5)
const QUINT_STEPS = 60
const log = (m: string) => process.stderr.write(`bench:peers: ${m}\n`)

interface Row {
  readonly tool: string
  readonly firstSeconds: number | null
  readonly length: string
  readonly explored: string
  readonly rate: number | null
  readonly rateUnit: string
  readonly note: string
}

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0

/** The same exhaustive search on both cores (`explore --workers 2`: two threads sharing one visited set), timed from the call, worker start-up included. */
async function mimiWorkers(world: Scenario): Promise<{ row: Row; steps: number }> {
  const t0 = performance.now()
  const { merged } = await runSearch(s2Spec(MAX_STEPS), world, 2)
  const seconds = (performance.now() - t0) / 1000
  return {
    row: { tool: 'mimi-sim explore --workers 2', firstSeconds: null, length: '-', explored: `${merged.generated} generated, ${merged.unique} unique (${merged.stopped})`, rate: merged.unique / seconds, rateUnit: 'unique/s', note: `${Math.round(merged.generated / seconds)} transitions/s; wall time incl. starting the workers (the threads' own clock: ${merged.seconds.toFixed(2)} s, ${Math.round(merged.unique / merged.seconds)} unique/s)` },
    steps: merged.generated / seconds,
  }
}

/**
 * A first search in a fresh process (coldSearch.ts), `COLD_RUNS` times: the median by time, as pan's
 * runs are taken. One such search in the bench's own process would be a single sample, and would
 * follow the policy=service search, which has already compiled part of the code.
 */
function coldSearches(pairWith: PanBinary | null): { median: SearchSummary; pairs: number[] } {
  const runs: SearchSummary[] = []
  const pairs: number[] = []
  for (let k = 0; k < COLD_RUNS; k++) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(HERE, 'coldSearch.ts'), String(MAX_STEPS)], { cwd: join(HERE, '..', '..'), encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`bench:peers: a first search in its own process failed (exit ${r.status}): ${r.stderr.trim().split('\n').pop() ?? ''}`)
    const run = JSON.parse(r.stdout) as SearchSummary
    runs.push(run)
    // pan's DFS right after each first search, so the machine's slow and fast spells touch both sides of the ratio.
    if (pairWith) {
      const p = runPan(pairWith, SPIN_RUNS)
      pairs.push(run.unique / run.seconds / (p.unique / p.search))
    }
  }
  return { median: runs.sort((a, b) => a.seconds - b.seconds)[Math.floor(COLD_RUNS / 2)]!, pairs }
}

async function mimi(pairWith: PanBinary | null): Promise<{ first: Row; cold: Row; warm: Row; coldSteps: number; warmSteps: number; pairs: number[] }> {
  const world = JSON.parse(readFileSync(join(HERE, 's2-world.json'), 'utf8')) as Scenario
  const t0 = performance.now()
  const m = await buildModel(world, { design: { policy: 'service' }, properties: [noEavesdropper], maxSteps: MAX_STEPS })
  const r = explore(m, { depth: 200 })
  const first = (performance.now() - t0) / 1000
  const f = r.found[0]
  // The first search in a process is what one `mimi-sim explore` gets (each in a process of its own);
  // later ones run on code the JIT has compiled (the state of a long search after its first second or
  // so), after one search here to compile it. Both are reported, and both run as explore does
  // (runSearch, coverage included).
  log(`mimi-sim explore: the first search, in ${COLD_RUNS} processes of its own`)
  const { median: cold, pairs } = coldSearches(pairWith)
  log('mimi-sim explore: warmed searches')
  const spec = s2Spec(MAX_STEPS)
  const search = async () => summarise((await runSearch(spec, world, 1)).merged)
  await search()
  const again: SearchSummary[] = []
  for (let k = 0; k < WARM_RUNS; k++) again.push(await search())
  const warm = again.sort((a, b) => a.seconds - b.seconds)[Math.floor(WARM_RUNS / 2)]!
  // Where the search's time goes: reactions met for the first time run the model; the rest replay them.
  const split = (x: SearchSummary) => {
    const fresh = x.reactions.seconds
    return `; ${Math.round((100 * fresh) / x.seconds)}% of it in ${x.reactions.computed} first-time reactions (${x.reactions.answered} of them taken over from one to the same question), the other transitions at ${Math.round((x.generated - x.reactions.computed) / (x.seconds - fresh))}/s`
  }
  const row = (x: SearchSummary, what: string): Row => ({ tool: `mimi-sim explore (${what})`, firstSeconds: null, length: '-', explored: `${x.generated} generated, ${x.unique} unique (${x.stopped})`, rate: x.unique / x.seconds, rateUnit: 'unique/s', note: `${Math.round(x.generated / x.seconds)} transitions/s${split(x)}` })
  return {
    first: { tool: 'mimi-sim explore', firstSeconds: first, length: f ? `${f.length} transitions` : 'none', explored: `${r.generated} generated, ${r.unique} unique`, rate: r.unique / r.seconds, rateUnit: 'unique/s', note: 'BFS: shortest; incl. building the model' },
    cold: row(cold, `first search, median of ${COLD_RUNS} processes`),
    warm: row(warm, `warmed: median of ${WARM_RUNS} in one process`),
    pairs,
    coldSteps: cold.generated / cold.seconds,
    warmSteps: warm.generated / warm.seconds,
  }
}

/** One compiled pan, run several times: its report (the counts are the same every run), and the medians of its times. */
interface Pan extends Omit<PanReport, 'elapsed'> {
  /** pan's own search time (its clock made microsecond-precise by usclock.h), median of the runs. */
  readonly search: number
  /** Wall time of the whole pan process, start and exit included, median of the runs. */
  readonly wall: number
}

/** A compiled pan and the folder it runs in. */
interface PanBinary {
  readonly dir: string
  readonly path: string
  readonly bfs: boolean
}

function compilePan(dir: string, service: boolean, bfs: boolean): PanBinary {
  copyFileSync(join(HERE, 's2.pml'), join(dir, 's2.pml'))
  copyFileSync(join(HERE, 'usclock.h'), join(dir, 'usclock.h'))
  execFileSync('spin', ['-a', `-DSERVICE=${service ? 1 : 0}`, `-DMAXSTEPS=${MAX_STEPS}`, 's2.pml'], { cwd: dir, stdio: 'pipe' })
  const name = `pan-${service ? 'service' : 'mls'}-${bfs ? 'bfs' : 'dfs'}`
  execFileSync('gcc', ['-O2', ...(bfs ? ['-DBFS'] : []), '-DSAFETY', '-DNOREDUCE', '-include', 'usclock.h', '-o', name, 'pan.c'], { cwd: dir, stdio: 'pipe' })
  return { dir, path: join(dir, name), bfs }
}

function pan(dir: string, service: boolean, bfs: boolean, runs: number): Pan {
  return runPan(compilePan(dir, service, bfs), runs)
}

function runPan(bin: PanBinary, runs: number): Pan {
  const { dir, bfs } = bin
  const searches: number[] = []
  const walls: number[] = []
  let report: PanReport | null = null
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    const r = spawnSync(bin.path, ['-m100000'], { cwd: dir, encoding: 'utf8' })
    walls.push((performance.now() - t0) / 1000)
    report = parsePan(r.stdout)
    if (!report) throw new Error(`pan (${bfs ? 'BFS' : 'DFS'}) printed no state count:\n${r.stdout}${r.stderr}`)
    searches.push(report.elapsed)
  }
  return { stored: report!.stored, unique: report!.unique, violationDepth: report!.violationDepth, search: median(searches), wall: median(walls) }
}

interface SpinRuns {
  /** policy=service: BFS, one run, to its first (shortest) counterexample. */
  readonly first: Row
  /** policy=mls, exhausted: BFS (as mimi-sim searches) and DFS (pan's default, its fastest here). */
  readonly bfs: Pan
  readonly dfs: Pan
  readonly rows: readonly Row[]
}

/** `dfsBin`: pan's DFS on policy=mls, already compiled (main pairs it with mimi-sim's first searches). */
function spin(dir: string, dfsBin: PanBinary): SpinRuns {
  const f = pan(dir, true, true, 1)
  const bfs = pan(dir, false, true, SPIN_RUNS)
  const dfs = runPan(dfsBin, SPIN_RUNS)
  const n = (x: number) => Math.round(x).toLocaleString('en-US')
  return {
    first: { tool: 'SPIN 6 (pan, BFS)', firstSeconds: f.wall, length: f.violationDepth !== undefined ? `${f.violationDepth} statements` : 'none', explored: `${f.stored} stored`, rate: null, rateUnit: '', note: `wall time incl. process start; pan's own search ${f.search.toFixed(3)} s` },
    bfs,
    dfs,
    rows: [
      { tool: 'SPIN 6 (pan, BFS)', firstSeconds: null, length: '-', explored: `${bfs.unique} unique (${bfs.stored} stored: ${bfs.stored - bfs.unique} inside atomic steps)`, rate: bfs.unique / bfs.search, rateUnit: 'unique/s', note: `search ${bfs.search.toFixed(4)} s, median of ${SPIN_RUNS}; ${n(bfs.stored / bfs.search)} stored/s; ${bfs.wall.toFixed(2)} s wall incl. process start` },
      { tool: 'SPIN 6 (pan, DFS)', firstSeconds: null, length: '-', explored: `${dfs.unique} unique (= stored)`, rate: dfs.unique / dfs.search, rateUnit: 'unique/s', note: `search ${dfs.search.toFixed(4)} s, median of ${SPIN_RUNS}; pan's default search, not shortest-first; ${dfs.wall.toFixed(2)} s wall` },
    ],
  }
}

interface QuintRun {
  readonly row: Row
  /** Actions per second: traces/s × the mean actions per trace, both as Quint reports them. */
  readonly stepsPerSec: number | null
}

function quint(service: boolean, dir: string): QuintRun {
  const bin = join(HERE, 'quint', 'node_modules', '.bin', 'quint')
  const spec = readFileSync(join(HERE, 's2.qnt'), 'utf8').replace('pure val SERVICE = true', `pure val SERVICE = ${service}`).replace('pure val MAXSTEPS = 3', `pure val MAXSTEPS = ${MAX_STEPS}`)
  writeFileSync(join(dir, 's2.qnt'), spec)
  const t0 = performance.now()
  const r = spawnSync(bin, ['run', 's2.qnt', '--invariant=noEavesdropper', `--max-steps=${QUINT_STEPS}`, `--max-samples=${QUINT_SAMPLES}`, '--seed=1', '--verbosity=3'], { cwd: dir, encoding: 'utf8' })
  const seconds = (performance.now() - t0) / 1000
  const text = `${r.stdout}\n${r.stderr}`
  const m = /(Found an issue|No violation found) \((\d+)ms at (\d+) traces\/second\)/.exec(text)
  // A trace ends where no action is enabled (before --max-steps); its length counts the initial state.
  const mean = Number(/Trace length statistics: max=\d+, min=\d+, average=([\d.]+)/.exec(text)?.[1] ?? NaN)
  const states = (text.match(/\[State \d+\]/g) ?? []).length
  const tps = m ? Number(m[3]) : null
  const stepsPerSec = tps !== null && mean > 1 ? tps * (mean - 1) : null
  return {
    row: {
      tool: 'Quint 0.25.1 run',
      firstSeconds: service && m?.[1] === 'Found an issue' ? Number(m[2]) / 1000 : null,
      length: service ? (states ? `${states - 1} steps` : 'none') : '-',
      explored: service ? `samples until found (${QUINT_SAMPLES} max)` : `${QUINT_SAMPLES} samples, ${Number.isNaN(mean) ? '?' : (mean - 1).toFixed(1)} actions each on average`,
      rate: stepsPerSec,
      rateUnit: 'actions/s',
      note: `${tps ?? '?'} traces/s; ${seconds.toFixed(1)} s wall incl. start`,
    },
    stepsPerSec,
  }
}

function table(rows: readonly Row[]): string {
  const cells = rows.map((r) => [r.tool, r.firstSeconds === null ? '-' : r.firstSeconds.toFixed(3), r.length, r.explored, r.rate === null ? '-' : `${Math.round(r.rate).toLocaleString('en-US')} ${r.rateUnit}`, r.note])
  const head = ['tool', 's to first cex', 'cex length', 'states explored', 'rate', 'note']
  const w = head.map((h, k) => Math.max(h.length, ...cells.map((c) => c[k]!.length)))
  const line = (c: readonly string[]) => c.map((x, k) => x.padEnd(w[k]!)).join('  ').trimEnd()
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...cells.map(line)].join('\n')
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mimi-peers-'))
  log(`S2 world, at most ${MAX_STEPS} steps per path`)
  // pan's DFS, compiled now, also runs right after each of mimi-sim's first searches (paired ratios).
  const pairWith = has('spin') && has('gcc') ? compilePan(dir, false, false) : null
  log('mimi-sim explore: the first counterexample (policy=service)')
  const m = await mimi(pairWith)
  log('mimi-sim explore --workers 2')
  const par = await mimiWorkers(JSON.parse(readFileSync(join(HERE, 's2-world.json'), 'utf8')) as Scenario)
  const missing: string[] = []
  let spins: SpinRuns | null = null
  if (pairWith) {
    log('SPIN')
    spins = spin(dir, pairWith)
  } else missing.push('SPIN is not installed: apt-get install -y spin (and gcc)')
  let quints: [QuintRun, QuintRun] | null = null
  if (existsSync(join(HERE, 'quint', 'node_modules', '.bin', 'quint'))) {
    log('Quint')
    quints = [quint(true, dir), quint(false, dir)]
  } else missing.push('Quint is not installed: (cd bench/peers/quint && npm install)')
  console.log(`S2 world (hub a.example malicious, follower b.example, alice/bob/eve), ≤ ${MAX_STEPS} steps per path\n`)
  console.log('policy=service — first counterexample of noEavesdropper')
  console.log(table([m.first, ...(spins ? [spins.first] : []), ...(quints ? [quints[0].row] : [])]))
  console.log('\npolicy=mls — no violation; throughput')
  console.log(table([m.cold, m.warm, par.row, ...(spins ? spins.rows : []), ...(quints ? [quints[1].row] : [])]))
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`
  console.log('\nratios (mimi-sim ÷ peer, same run; first search / warmed):')
  if (spins) {
    const { bfs, dfs } = spins
    const both = (per: number) => `${x(m.cold.rate!, per)} / ${x(m.warm.rate!, per)}`
    console.log(`  unique states/s ÷ SPIN's unique states/s, DFS (its fastest search here): ${both(dfs.unique / dfs.search)} (goal ≥ 0.3×)`)
    if (m.pairs.length > 0) {
      const p = [...m.pairs].sort((a, b) => a - b)
      console.log(`    paired, each first search with pan's DFS run right after it: median ${median(p).toFixed(2)}×, ${p[0]!.toFixed(2)}–${p[p.length - 1]!.toFixed(2)}× over ${p.length} pairs`)
    }
    console.log(`  unique states/s ÷ SPIN's unique states/s, BFS (the same search order as mimi-sim's): ${both(bfs.unique / bfs.search)}`)
    console.log(`  unique states/s ÷ SPIN's stored states/s, BFS (states inside atomic steps counted too): ${both(bfs.stored / bfs.search)}`)
    if (spins.first.firstSeconds) console.log(`  time to first counterexample, SPIN ÷ mimi-sim: ${x(spins.first.firstSeconds, m.first.firstSeconds!)} (above 1: mimi-sim faster)`)
  }
  if (quints && quints[1].stepsPerSec) {
    console.log(`  transitions/s ÷ Quint actions/s: ${x(m.coldSteps, quints[1].stepsPerSec)} / ${x(m.warmSteps, quints[1].stepsPerSec)} (goal ≥ 20×); on both cores (--workers 2, Quint on one): ${x(par.steps, quints[1].stepsPerSec)}`)
    if (quints[0].row.firstSeconds) console.log(`  time to first counterexample, Quint ÷ mimi-sim: ${x(quints[0].row.firstSeconds, m.first.firstSeconds!)}`)
  }
  for (const y of missing) console.log(`\nmissing peer — ${y}`)
  console.log("\nlengths are in each tool's own unit (bench/peers/README.md explains how they correspond).")
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err))
  process.exitCode = 1
})
