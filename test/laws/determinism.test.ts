/**
 * The determinism law (design.md "One seed"): for every scenario, design and engine, the same seed
 * gives a byte-identical trace — in one process, and across two processes.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { allDesigns, designLabel } from '../../model/design.js'
import { catalogue, ROOT, run, sha } from '../helpers.js'

const SEEDS = [0, 7]

describe('same scenario + design + seed ⇒ byte-identical trace', () => {
  for (const s of catalogue()) {
    for (const design of allDesigns()) {
      for (const engine of ['symbolic', 'real'] as const) {
        it(`${s.name} under ${designLabel(design)} with ${engine} MLS, twice in one process`, async () => {
          for (const seed of SEEDS) {
            const a = JSON.stringify((await run(s, design, engine, seed)).trace)
            const b = JSON.stringify((await run(s, design, engine, seed)).trace)
            expect(sha(b)).toBe(sha(a))
          }
        })
      }
    }
  }

  it('a replay of a run\'s recorded choices reproduces its trace exactly', async () => {
    for (const s of catalogue()) {
      const first = await run(s, { policy: 'service' }, 'symbolic', 3)
      const again = await run(s, { policy: 'service' }, 'symbolic', 3, [...first.trace.meta.choices])
      expect(JSON.stringify(again.trace.events)).toBe(JSON.stringify(first.trace.events))
    }
  })

  it('real-MLS traces differ between seeds (randomness comes from the seed, not from the machine)', async () => {
    const [s] = catalogue()
    const a = JSON.stringify((await run(s!, { policy: 'mls' }, 'real', 1)).trace)
    const b = JSON.stringify((await run(s!, { policy: 'mls' }, 'real', 2)).trace)
    expect(sha(a)).not.toBe(sha(b))
  })

  it('across two processes, every scenario\'s real-MLS trace hashes the same', async () => {
    const script = join(ROOT, 'test', 'laws', 'traceHashes.ts')
    const child = () => spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
    const one = child()
    const two = child()
    expect(one.status, one.stderr).toBe(0)
    expect(two.status, two.stderr).toBe(0)
    expect(two.stdout).toBe(one.stdout)
    const inProcess: string[] = []
    for (const s of catalogue()) for (const design of allDesigns()) inProcess.push(`${s.name} ${designLabel(design)} ${sha(JSON.stringify((await run(s, design, 'real', 11)).trace))}`)
    expect(one.stdout.trim().split('\n')).toEqual(inProcess)
  })
})
