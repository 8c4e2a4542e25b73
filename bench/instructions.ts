/**
 * `npm run bench:instructions [-- REV]`: the explorer's first search of the S2 world (bench/peers/
 * s2-world.json, policy=mls, noEavesdropper, INSTR_STEPS steps, default 5) in this working tree and at
 * git revision REV (default HEAD), each under valgrind's cachegrind, side by side: instructions
 * executed and first-level data-cache misses, in the search and in the whole process.
 *
 * Why: on these shared machines a search's wall time moves by ±30 % from run to run, more than most
 * changes make, so a change measured by the clock needs tens of interleaved runs. Under cachegrind the
 * count moves by about 0.5 % (V8's predictable mode — one thread, no time-based heuristics — and fixed
 * hash and random seeds; with one thread alone and time-based GC it moved by up to 1.3 %). What it cannot show
 * is memory latency: fewer instructions is not always less time, so a change should also hold up in
 * `npm run bench:peers`. Each tree is bundled with esbuild first, so no transpiler runs under
 * valgrind (about 60× slower than native); the two runs share the machine's two cores. Installs
 * nothing; not part of `npm test`.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { type CacheCounts, parseCachegrind } from './cachegrind.js'
import { positiveEnv } from './stats.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const STEPS = positiveEnv('bench:instructions', 'INSTR_STEPS', 5)
const WORLD = join(ROOT, 'bench', 'peers', 's2-world.json')
const log = (m: string) => process.stderr.write(`bench:instructions: ${m}\n`)

function fail(message: string): never {
  log(message)
  process.exit(2)
}

/** The search each tree runs: argv[2] the world, argv[3] the step bound (0: build the model only). */
const ENTRY = `
import { readFileSync } from 'node:fs'
import { noEavesdropper } from './properties/index.js'
import { buildModel, Coverage, explore } from './sim/explore/index.js'
const world = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const m = await buildModel(world, { design: { policy: 'mls' }, properties: [noEavesdropper], maxSteps: Number(process.argv[3]) })
// Coverage counted, as every mimi-sim explore counts it (sim/explore/search.ts).
const r = explore(m, { depth: 400, coverage: new Coverage() })
console.log(JSON.stringify({ unique: r.unique, generated: r.generated }))
`

interface Measured extends CacheCounts {
  readonly unique: number
  readonly generated: number
}

async function bundle(root: string, out: string): Promise<void> {
  await build({
    stdin: { contents: ENTRY, resolveDir: root, sourcefile: 'instructions-entry.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: out,
    logLevel: 'warning',
  })
}

function cachegrind(script: string, steps: number): Promise<Measured> {
  const args = ['--tool=cachegrind', '--cache-sim=yes', '--cachegrind-out-file=/dev/null', process.execPath, '--predictable', '--hash-seed=1', '--random-seed=1', script, WORLD, String(steps)]
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', args, { cwd: join(script, '..') })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', () => {
      const counts = parseCachegrind(stderr)
      const line = stdout.trim().split('\n').pop() ?? ''
      if (!counts || !line.startsWith('{')) return reject(new Error(`${script} under cachegrind printed no result:\n${stderr.slice(-2000)}`))
      resolve({ ...counts, ...(JSON.parse(line) as { unique: number; generated: number }) })
    })
  })
}

const giga = (n: number) => `${(n / 1e9).toFixed(3)} G`
const mega = (n: number) => `${(n / 1e6).toFixed(1)} M`

async function main(): Promise<void> {
  const rev = process.argv[2] ?? 'HEAD'
  if (spawnSync('valgrind', ['--version']).error) fail('valgrind is not installed: apt-get install -y valgrind')
  const git = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { cwd: ROOT, encoding: 'utf8' })
  if (git.status !== 0) fail(`${JSON.stringify(rev)} is not a git revision of this repository (e.g. HEAD, HEAD~3, a commit id)`)
  const commit = git.stdout.trim()
  const dir = mkdtempSync(join(tmpdir(), 'mimi-instructions-'))
  const tree = join(dir, 'tree')
  try {
    execFileSync('git', ['worktree', 'add', '--detach', tree, commit], { cwd: ROOT, stdio: 'pipe' })
    // Bare imports resolve from the bundles' folder, and the checked-out tree has no node_modules.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
    const here = join(dir, 'here.mjs')
    const there = join(dir, 'there.mjs')
    await Promise.all([bundle(ROOT, here), bundle(tree, there)])
    log(`S2 world, policy=mls, ≤ ${STEPS} steps: this tree and ${rev} (${commit.slice(0, 7)}) under cachegrind, side by side (a few minutes)`)
    const [a, b] = await Promise.all([cachegrind(here, STEPS), cachegrind(there, STEPS)])
    log('building the model alone, to take it out of the counts')
    const base = await cachegrind(here, 0)
    const named = commit.startsWith(rev) ? commit.slice(0, 7) : `${rev} (${commit.slice(0, 7)})`
    const rows: [string, Measured][] = [[named, b], ['this tree', a]]
    console.log(`first search of the S2 world (policy=mls, ≤ ${STEPS} steps) under cachegrind; "search" leaves out building the model (${giga(base.instructions)})`)
    for (const [name, m] of rows) {
      console.log(`  ${name.padEnd(24)} ${m.unique} unique, ${m.generated} transitions; instructions ${giga(m.instructions)} (search ${giga(m.instructions - base.instructions)}), D1 misses ${mega(m.d1Misses)}`)
    }
    if (a.unique !== b.unique || a.generated !== b.generated) console.log('  the two trees searched different worlds: their counts are not comparable')
    const search = (m: Measured) => m.instructions - base.instructions
    console.log(`  this tree ÷ ${named}: search instructions ${(search(a) / search(b)).toFixed(3)}×, D1 misses ${(a.d1Misses / b.d1Misses).toFixed(3)}× (the same code on both sides gave 0.998×)`)
  } finally {
    spawnSync('git', ['worktree', 'remove', '--force', tree], { cwd: ROOT })
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  log(e instanceof Error ? e.message : String(e))
  process.exit(1)
})
