/**
 * Helpers for the CLI tests: spawn the real `bin/mimi-sim.js` as a subprocess, always with a fresh
 * temporary directory as its working directory, so `run`/`check` write their `out/` files there and
 * never into the repository. Scenario names still resolve against the repository's scenarios/.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'

export const REPO = fileURLToPath(new URL('../../../', import.meta.url))
export const BIN = join(REPO, 'bin', 'mimi-sim.js')
export const SCENARIOS = join(REPO, 'scenarios')

export interface CliResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

const made: string[] = []

/** A fresh working directory for one test (removed by `cleanTempDirs`). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mimi-cli-'))
  made.push(dir)
  return dir
}

export function cleanTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/** Run `node bin/mimi-sim.js ...args` in `cwd`. */
export function cli(cwd: string, args: readonly string[]): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  })
  if (r.error) throw r.error
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const memo = new Map<string, CliResult>()

/**
 * `cli`, run once per (cwd, args) and shared by every test that asserts on the same invocation —
 * each spawn costs most of a second of CPU, so claims about one command share its run.
 */
export function cliOnce(cwd: string, args: readonly string[]): CliResult {
  const key = JSON.stringify([cwd, ...args])
  let r = memo.get(key)
  if (!r) {
    r = cli(cwd, args)
    memo.set(key, r)
  }
  return r
}

/** The whole stdout parsed as one JSON document (fails the test if it is anything else). */
export function json<T = Record<string, unknown>>(r: CliResult): T {
  expect(r.stdout.endsWith('\n'), 'stdout ends with one newline').toBe(true)
  expect(r.stdout.trimEnd().split('\n'), 'stdout is one line').toHaveLength(1)
  return JSON.parse(r.stdout) as T
}

/**
 * Exit code 2, nothing on stdout, and exactly one line on stderr (no stack trace) that contains
 * every fragment. Returns that line.
 */
export function expectUsageError(r: CliResult, ...fragments: readonly string[]): string {
  expect(r.code, `exit code (stderr: ${r.stderr})`).toBe(2)
  expect(r.stdout).toBe('')
  expect(r.stderr.endsWith('\n')).toBe(true)
  const lines = r.stderr.trimEnd().split('\n')
  expect(lines, 'stderr is exactly one line').toHaveLength(1)
  expect(r.stderr).not.toMatch(/^\s+at /m)
  const line = lines[0]!
  for (const f of fragments) expect(line).toContain(f)
  return line
}

export const readJson = <T = Record<string, unknown>>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T

/** The minimal trace shape the CLI tests look at. */
export interface TraceDoc {
  format: string
  version: number
  meta: { scenario: string; design: Record<string, string>; seed: number | null; choices: number[]; engine: string; description: string }
  actors: { id: string; label: string; kind: string; hubOf?: string[] }[]
  events: { i: number; step: number; type: string; actor: string; explain: string }[]
  verdicts: { property: string; status: string; at: number | null }[]
}
