/**
 * `npm run bench:peers`: the canonical S2 world (bench/peers/README.md) in mimi-sim's explorer, in
 * SPIN (s2.pml, compiled C, breadth-first) and in Quint's simulator (s2.qnt), in one run. For each:
 * time to the first counterexample under policy=service, its length, states explored and states/s;
 * then throughput on the violation-free design (policy=mls), and mimi-sim's ratio to each peer.
 * Installs nothing: a peer that is missing is reported with its install command. Not part of
 * `npm test` (design.md: performance goes in bench/, as ratios measured in the same run).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { noEavesdropper } from '../../properties/index.js'
import { buildModel, explore } from '../../sim/explore/index.js'
import type { Scenario } from '../../sim/scenario/types.js'

const HERE = fileURLToPath(new URL('.', import.meta.url))
const MAX_STEPS = Number(process.env.PEER_MAX_STEPS ?? 4)
const QUINT_SAMPLES = Number(process.env.PEER_QUINT_SAMPLES ?? 300)
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

async function mimi(): Promise<{ first: Row; full: Row; stepsPerSec: number }> {
  const world = JSON.parse(readFileSync(join(HERE, 's2-world.json'), 'utf8')) as Scenario
  const t0 = performance.now()
  const m = await buildModel(world, { design: { policy: 'service' }, properties: [noEavesdropper], maxSteps: MAX_STEPS })
  const r = explore(m, { depth: 200 })
  const first = (performance.now() - t0) / 1000
  const f = r.found[0]
  const mls = await buildModel(world, { design: { policy: 'mls' }, properties: [noEavesdropper], maxSteps: MAX_STEPS })
  const full = explore(mls, { depth: 400, seconds: 120 })
  return {
    first: { tool: 'mimi-sim explore', firstSeconds: first, length: f ? `${f.length} transitions` : 'none', explored: `${r.generated} generated, ${r.unique} unique`, rate: r.unique / r.seconds, rateUnit: 'unique/s', note: 'BFS: shortest' },
    full: { tool: 'mimi-sim explore', firstSeconds: null, length: '-', explored: `${full.generated} generated, ${full.unique} unique (${full.stopped})`, rate: full.unique / full.seconds, rateUnit: 'unique/s', note: `${Math.round(full.generated / full.seconds)} transitions/s` },
    stepsPerSec: full.generated / full.seconds,
  }
}

function spin(service: boolean, dir: string): Row {
  copyFileSync(join(HERE, 's2.pml'), join(dir, 's2.pml'))
  const defs = [`-DSERVICE=${service ? 1 : 0}`, `-DMAXSTEPS=${MAX_STEPS}`]
  execFileSync('spin', ['-a', ...defs, 's2.pml'], { cwd: dir, stdio: 'pipe' })
  execFileSync('gcc', ['-O2', '-DBFS', '-DSAFETY', '-DNOREDUCE', '-o', 'pan', 'pan.c'], { cwd: dir, stdio: 'pipe' })
  const t0 = performance.now()
  const out = spawnSync(join(dir, 'pan'), ['-m100000'], { cwd: dir, encoding: 'utf8' }).stdout
  const seconds = (performance.now() - t0) / 1000
  const stored = Number(/(\d+) states, stored/.exec(out)?.[1] ?? NaN)
  const depth = /assertion violated.*\(at depth (\d+)\)/.exec(out)?.[1]
  const elapsed = Number(/elapsed time ([\d.e+-]+) seconds/.exec(out)?.[1] ?? seconds)
  return {
    tool: 'SPIN 6 (pan, BFS)',
    firstSeconds: service ? seconds : null,
    length: depth ? `${depth} statements` : service ? 'none' : '-',
    explored: `${stored} stored`,
    rate: stored / Math.max(elapsed, seconds, 1e-3),
    rateUnit: 'stored/s',
    note: service ? 'wall time incl. process start' : `exhaustive; pan elapsed ${elapsed}s`,
  }
}

function quint(service: boolean, dir: string): Row {
  const bin = join(HERE, 'quint', 'node_modules', '.bin', 'quint')
  const spec = readFileSync(join(HERE, 's2.qnt'), 'utf8').replace('pure val SERVICE = true', `pure val SERVICE = ${service}`).replace('pure val MAXSTEPS = 3', `pure val MAXSTEPS = ${MAX_STEPS}`)
  writeFileSync(join(dir, 's2.qnt'), spec)
  const t0 = performance.now()
  const r = spawnSync(bin, ['run', 's2.qnt', '--invariant=noEavesdropper', `--max-steps=${QUINT_STEPS}`, `--max-samples=${QUINT_SAMPLES}`, '--seed=1'], { cwd: dir, encoding: 'utf8' })
  const seconds = (performance.now() - t0) / 1000
  const text = `${r.stdout}\n${r.stderr}`
  const m = /(Found an issue|No violation found) \((\d+)ms at (\d+) traces\/second\)/.exec(text)
  const states = (text.match(/\[State \d+\]/g) ?? []).length
  const tps = m ? Number(m[3]) : null
  return {
    tool: 'Quint 0.25.1 run',
    firstSeconds: service && m?.[1] === 'Found an issue' ? Number(m[2]) / 1000 : null,
    length: service ? (states ? `${states - 1} steps` : 'none') : '-',
    explored: service ? `samples until found (${QUINT_SAMPLES} max)` : `${QUINT_SAMPLES} samples × ≤ ${QUINT_STEPS} steps`,
    rate: tps,
    rateUnit: 'traces/s',
    note: `${seconds.toFixed(1)} s wall incl. start; steps/s ≤ ${tps === null ? '?' : tps * QUINT_STEPS}`,
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
  log('mimi-sim explore')
  const m = await mimi()
  const missing: string[] = []
  let spinRows: [Row, Row] | null = null
  if (has('spin') && has('gcc')) {
    log('SPIN')
    spinRows = [spin(true, dir), spin(false, dir)]
  } else missing.push('SPIN is not installed: apt-get install -y spin (and gcc)')
  let quintRows: [Row, Row] | null = null
  if (existsSync(join(HERE, 'quint', 'node_modules', '.bin', 'quint'))) {
    log('Quint')
    quintRows = [quint(true, dir), quint(false, dir)]
  } else missing.push('Quint is not installed: (cd bench/peers/quint && npm install)')
  console.log(`S2 world (hub a.example malicious, follower b.example, alice/bob/eve), ≤ ${MAX_STEPS} steps per path\n`)
  console.log('policy=service — first counterexample of noEavesdropper')
  console.log(table([m.first, ...(spinRows ? [spinRows[0]] : []), ...(quintRows ? [quintRows[0]] : [])]))
  console.log('\npolicy=mls — no violation; throughput')
  console.log(table([m.full, ...(spinRows ? [spinRows[1]] : []), ...(quintRows ? [quintRows[1]] : [])]))
  console.log('\nratios (mimi-sim ÷ peer, same run):')
  if (spinRows) {
    console.log(`  unique states/s ÷ SPIN stored states/s (policy=mls): ${(m.full.rate! / spinRows[1].rate!).toFixed(3)}× (goal ≥ 0.3×)`)
    if (spinRows[0].firstSeconds) console.log(`  time to first counterexample, SPIN ÷ mimi-sim: ${(spinRows[0].firstSeconds / m.first.firstSeconds!).toFixed(2)}× (above 1: mimi-sim faster)`)
  }
  if (quintRows && quintRows[1].rate) {
    console.log(`  transitions/s ÷ Quint steps/s (upper bound ${quintRows[1].rate * QUINT_STEPS}/s): ≥ ${(m.stepsPerSec / (quintRows[1].rate * QUINT_STEPS)).toFixed(2)}× (goal ≥ 20×)`)
    if (quintRows[0].firstSeconds) console.log(`  time to first counterexample, Quint ÷ mimi-sim: ${(quintRows[0].firstSeconds / m.first.firstSeconds!).toFixed(2)}×`)
  }
  for (const x of missing) console.log(`\nmissing peer — ${x}`)
  console.log('\nlengths are in each tool\'s own unit (bench/peers/README.md explains how they correspond).')
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err))
  process.exitCode = 1
})
