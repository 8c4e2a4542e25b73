/**
 * `mimi-sim check` through the real bin/mimi-sim.js: the `--json` contract (`violation` null or
 * { length, trace, confirmed, … }), exit codes with and without `--expect violated`, and the
 * printed replay command.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanTempDirs, cli, type CliResult, json, readJson, tempDir, type TraceDoc } from './cli.js'

afterAll(cleanTempDirs)

interface CheckJson {
  property: string
  design: Record<string, string>
  runs: number
  seed: number
  violation: null | {
    length: number
    trace: string
    confirmed: boolean | null
    confirmNote: string
    steps: unknown[]
    choices: number[]
    replay: string
  }
}

const SERVICE = ['check', '--design', 'policy=service', '--property', 'noEavesdropper', '--runs', '200']

describe('mimi-sim check --json', () => {
  it('policy=service, noEavesdropper: a confirmed 2-step violation, its trace written, exit 1 (default --expect holds)', () => {
    const cwd = tempDir()
    const r = cli(cwd, [...SERVICE, '--json'])
    expect(r.code, r.stderr).toBe(1)
    const doc = json<CheckJson>(r)
    expect(doc.property).toBe('noEavesdropper')
    expect(doc.design).toEqual({ hubRole: 'policy_enforcer', policy: 'service' })
    expect(doc.violation).not.toBeNull()
    const v = doc.violation!
    expect(v.length).toBe(2)
    expect(v.steps).toHaveLength(2)
    expect(v.confirmed).toBe(true)
    expect(typeof v.trace).toBe('string')
    expect(existsSync(join(cwd, v.trace))).toBe(true)
    const trace = readJson<TraceDoc>(join(cwd, v.trace))
    expect(trace.format).toBe('mimi-sim/trace')
    expect(trace.verdicts.find((x) => x.property === 'noEavesdropper')?.status).toBe('violated')
    expect(v.replay).toMatch(/^npx mimi-sim run /)
  })

  it('policy=service with --expect violated: the same violation counts as success (exit 0)', () => {
    const r = cli(tempDir(), [...SERVICE, '--json', '--expect', 'violated'])
    expect(r.code, r.stderr).toBe(0)
    expect(json<CheckJson>(r).violation?.length).toBe(2)
  })

  it('policy=mls, noEavesdropper: violation null, exit 0', () => {
    const r = cli(tempDir(), ['check', '--design', 'policy=mls', '--property', 'noEavesdropper', '--json', '--runs', '200'])
    expect(r.code, r.stderr).toBe(0)
    const doc = json<CheckJson>(r)
    expect(doc.violation).toBeNull()
    expect(doc.runs).toBe(200)
    expect(doc.design).toEqual({ hubRole: 'policy_enforcer', policy: 'mls' })
  })
})

describe('the replay command printed by mimi-sim check', () => {
  let cwd = ''
  let found: CliResult
  /** The counterexample trace check wrote, read before the replay runs. */
  let cexPath = ''
  let cexText = ''
  let replay: CliResult

  beforeAll(() => {
    cwd = tempDir()
    found = cli(cwd, SERVICE)
    const traceLine = found.stdout.split('\n').map((l) => l.trim()).find((l) => l.startsWith('trace:'))
    cexPath = join(cwd, traceLine!.slice('trace:'.length).trim().split(/\s+/)[0]!)
    cexText = readFileSync(cexPath, 'utf8')
    const line = found.stdout.split('\n').map((l) => l.trim()).find((l) => l.startsWith('replay:'))
    const command = line!.slice('replay:'.length).trim()
    expect(command.startsWith('npx mimi-sim ')).toBe(true)
    replay = cli(cwd, command.slice('npx mimi-sim '.length).split(/\s+/))
  })

  it('check without --json prints the violation, a trace: line and a replay: line (exit 1)', () => {
    expect(found.code, found.stderr).toBe(1)
    expect(found.stdout).toContain('noEavesdropper under hubRole=policy_enforcer,policy=service: VIOLATED')
    expect(found.stdout).toMatch(/^ {2}trace: \S+/m)
    expect(found.stdout).toMatch(/^ {2}replay: npx mimi-sim run \S+\.json --design hubRole=policy_enforcer --design policy=service/m)
  })

  it('reproduces the violation: it exits 0 (its scenario expects violated) with noEavesdropper violated', () => {
    expect(replay.code, replay.stderr).toBe(0)
    expect(replay.stdout).toMatch(/noEavesdropper\s+violated \(as expected\)/)
    expect(replay.stdout).toContain('all expectations met')
  })

  // (Found while writing these tests: the replay used to omit `--choices` when every choice was 0,
  // so `run` drew a different delivery order from the seed; check.ts now always prints it.)
  it('re-runs exactly the counterexample: the same choices as the trace check wrote', () => {
    expect(replay.code, replay.stderr).toBe(0)
    expect(found.stdout).toMatch(/^ {2}replay: .* --choices [\d,]+$/m)
    // The replay wrote its trace over the counterexample's path (next test); compare with the copy.
    const cex = JSON.parse(cexText) as TraceDoc
    const again = readJson<TraceDoc>(cexPath)
    expect(again.meta.choices).toEqual(cex.meta.choices)
    expect(again.events.map((e) => e.explain)).toEqual(cex.events.map((e) => e.explain))
  })

  // Regression: this once failed (found by this suite, fixed in the CLI).
  it('running the printed replay leaves the counterexample trace check reported untouched', () => {
    expect(replay.code, replay.stderr).toBe(0)
    expect(readFileSync(cexPath, 'utf8')).toBe(cexText)
  })
})
