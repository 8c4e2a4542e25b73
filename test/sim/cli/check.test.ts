/**
 * `mimi-sim check` through the real bin/mimi-sim.js: the `--json` contract (`violation` null or
 * { length, trace, confirmed, … }), exit codes with and without `--expect violated`, and the
 * printed replay command.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
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

/** The `replay:` line of a non-JSON check, split into the arguments after `npx mimi-sim`. */
function replayArgs(r: CliResult): string[] {
  const line = r.stdout.split('\n').map((l) => l.trim()).find((l) => l.startsWith('replay:'))
  expect(line, `a replay: line in\n${r.stdout}`).toBeDefined()
  const command = line!.slice('replay:'.length).trim()
  expect(command.startsWith('npx mimi-sim ')).toBe(true)
  return command.slice('npx mimi-sim '.length).split(/\s+/)
}

describe('mimi-sim check --json', () => {
  it('policy=service, noEavesdropper: a confirmed 2-step violation, its trace written, exit 1 (default --expect holds)', () => {
    const cwd = tempDir()
    const r = cli(cwd, [...SERVICE, '--json'])
    expect(r.code, r.stderr).toBe(1)
    const doc = json<CheckJson>(r)
    expect(doc.property).toBe('noEavesdropper')
    expect(doc.design).toEqual({ policy: 'service' })
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
    const cwd = tempDir()
    const r = cli(cwd, [...SERVICE, '--json', '--expect', 'violated'])
    expect(r.code, r.stderr).toBe(0)
    expect(json<CheckJson>(r).violation?.length).toBe(2)
  })

  it('policy=mls, noEavesdropper: violation null, exit 0', () => {
    const cwd = tempDir()
    const r = cli(cwd, ['check', '--design', 'policy=mls', '--property', 'noEavesdropper', '--json', '--runs', '200'])
    expect(r.code, r.stderr).toBe(0)
    const doc = json<CheckJson>(r)
    expect(doc.violation).toBeNull()
    expect(doc.runs).toBe(200)
    expect(doc.design).toEqual({ policy: 'mls' })
  })

  it('policy=mls with --expect violated: no violation found counts as failure (exit 1)', () => {
    const cwd = tempDir()
    const r = cli(cwd, ['check', '--design', 'policy=mls', '--property', 'noEavesdropper', '--json', '--runs', '50', '--expect', 'violated', '--no-confirm'])
    expect(r.code, r.stderr).toBe(1)
    expect(json<CheckJson>(r).violation).toBeNull()
  })

  it('--out puts the counterexample trace where asked', () => {
    const cwd = tempDir()
    const r = cli(cwd, [...SERVICE, '--json', '--out', 'cex.json'])
    expect(r.code, r.stderr).toBe(1)
    expect(json<CheckJson>(r).violation?.trace).toBe('cex.json')
    expect(readJson<TraceDoc>(join(cwd, 'cex.json')).format).toBe('mimi-sim/trace')
  })
})

describe('the replay command printed by mimi-sim check', () => {
  it('reproduces the violation: it exits 0 (its scenario expects violated) with noEavesdropper violated', () => {
    const cwd = tempDir()
    const r = cli(cwd, SERVICE)
    expect(r.code, r.stderr).toBe(1)
    expect(r.stdout).toContain('VIOLATED')
    const args = replayArgs(r)
    expect(args[0]).toBe('run')
    const replay = cli(cwd, args)
    expect(replay.code, replay.stderr).toBe(0)
    expect(replay.stdout).toMatch(/noEavesdropper\s+violated \(as expected\)/)
    expect(replay.stdout).toContain('all expectations met')
  })

  // BUG (sim/cli/commands/check.ts:59-60 with trimChoices, lines 36-40; sim/cli/commands/run.ts:27):
  // the replay command drops trailing 0 choices and omits `--choices` entirely when nothing is
  // left. `run` without `--choices` draws its delivery order from the seeded random chooser, so the
  // "replay" is a different run. Here the counterexample's trace records choices [0,0,0,0,0]; the
  // printed replay (`npx mimi-sim run out/check-…scenario.json --design policy=service`) takes
  // [1,0,0,1,0]. It still shows the violation only because this one does not depend on the order.
  // Expected: the replay re-runs the counterexample's choices (e.g. print `--choices 0` when the
  // trimmed list is empty).
  it.fails('re-runs exactly the counterexample: the same choices as the trace check wrote', () => {
    const cwd = tempDir()
    const r = cli(cwd, [...SERVICE, '--json'])
    const v = json<CheckJson>(r).violation!
    const cex = readJson<TraceDoc>(join(cwd, v.trace))
    const replay = cli(cwd, [...v.replay.slice('npx mimi-sim '.length).split(/\s+/), '--out', 'replay.json'])
    expect(replay.code, replay.stderr).toBe(0)
    const again = readJson<TraceDoc>(join(cwd, 'replay.json'))
    expect(again.meta.choices).toEqual(cex.meta.choices)
    expect(again.events.map((e) => e.explain)).toEqual(cex.events.map((e) => e.explain))
  })

  // BUG (sim/cli/commands/check.ts:45-53 and run.ts:29): the counterexample scenario is named
  // `check-<property>`, so `run` of the printed replay writes its trace to the default path
  // out/check-<property>--<design>.json — the very file check reported as the counterexample
  // trace ("trace: … (read it with: npx mimi-sim show …)"). Running the replay silently replaces
  // it with a different run (different meta.description and, per the bug above, different choices).
  it.fails('running the printed replay leaves the counterexample trace check reported untouched', () => {
    const cwd = tempDir()
    const r = cli(cwd, [...SERVICE, '--json'])
    const v = json<CheckJson>(r).violation!
    const before = readFileSync(join(cwd, v.trace), 'utf8')
    const replay = cli(cwd, v.replay.slice('npx mimi-sim '.length).split(/\s+/))
    expect(replay.code, replay.stderr).toBe(0)
    expect(readFileSync(join(cwd, v.trace), 'utf8')).toBe(before)
  })
})
