/**
 * `mimi-sim export` through the real bin/mimi-sim.js: both formats equal the golden files on
 * stdout, `--out` writes (and rewrites only its own files), and bad input is one line with exit 2.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE, GOLDEN } from '../../viz/helpers.js'
import { cleanTempDirs, cli, expectUsageError, tempDir } from './cli.js'

let cwd = ''
beforeAll(() => {
  cwd = tempDir()
  copyFileSync(FIXTURE('s2-faults.trace.json'), join(cwd, 'faults.json'))
  writeFileSync(join(cwd, 'mine.txt'), 'my own figure\n')
  writeFileSync(join(cwd, 'broken.json'), '{"format":"mimi-sim/trace","version":2,"meta":{}}')
  mkdirSync(join(cwd, 'dir'))
})
afterAll(cleanTempDirs)

describe('mimi-sim export', () => {
  it('prints the ASCII ladder by default, byte for byte the golden file', () => {
    const r = cli(cwd, ['export', 'faults.json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe(readFileSync(GOLDEN('s2-faults.ascii.txt'), 'utf8'))
  })

  it('prints the Mermaid sequenceDiagram with --format mermaid, byte for byte the golden file', () => {
    const r = cli(cwd, ['export', 'faults.json', '--format', 'mermaid'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe(readFileSync(GOLDEN('s2-faults.mermaid.mmd'), 'utf8'))
  })

  it('writes --out FILE, rewrites its own export, and never a file the user wrote', () => {
    const r = cli(cwd, ['export', 'faults.json', '--format', 'mermaid', '--out', 'figs/s2.mmd'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe('wrote figs/s2.mmd: Mermaid sequenceDiagram of s2-faults (95 events)\n')
    expect(readFileSync(join(cwd, 'figs/s2.mmd'), 'utf8')).toBe(readFileSync(GOLDEN('s2-faults.mermaid.mmd'), 'utf8'))
    expect(cli(cwd, ['export', 'faults.json', '--out', 'figs/s2.mmd']).code).toBe(0)
    expect(readFileSync(join(cwd, 'figs/s2.mmd'), 'utf8')).toBe(readFileSync(GOLDEN('s2-faults.ascii.txt'), 'utf8'))
    expectUsageError(cli(cwd, ['export', 'faults.json', '--out', 'mine.txt']), 'refusing to overwrite mine.txt', '--out')
    expect(readFileSync(join(cwd, 'mine.txt'), 'utf8')).toBe('my own figure\n')
    expectUsageError(cli(cwd, ['export', 'faults.json', '--out', 'dir']), 'dir is a directory')
  })

  it('rejects an unknown format and a malformed trace in one line, exit 2', () => {
    expectUsageError(cli(cwd, ['export', 'faults.json', '--format', 'svg']), '--format "svg": unknown format (valid: ascii, mermaid)')
    expectUsageError(cli(cwd, ['export', 'broken.json']), 'broken.json: meta.scenario: expected a string')
    expectUsageError(cli(cwd, ['export']), 'give a trace file')
  })
})
