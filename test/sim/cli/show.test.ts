/**
 * `mimi-sim show <trace.json>` through the real bin/mimi-sim.js: reading what `run` writes, the
 * step-by-step text, `--net`, and one-line errors for files that are not valid traces.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanTempDirs, cli, cliOnce, expectUsageError, readJson, tempDir, type TraceDoc } from './cli.js'

let cwd = ''
/** A real trace written by `run` (symbolic engine). */
let baseline: TraceDoc
/** A real trace with a violation (hub-injects-eavesdropper under policy=service). */
let attack: TraceDoc

beforeAll(() => {
  cwd = tempDir()
  const a = cli(cwd, ['run', 'baseline-add', '--engine', 'symbolic', '--out', 'baseline.json'])
  expect(a.code, a.stderr).toBe(0)
  const b = cli(cwd, ['run', 'hub-injects-eavesdropper', '--design', 'policy=service', '--engine', 'symbolic', '--out', 'attack.json'])
  expect(b.code, b.stderr).toBe(0)
  baseline = readJson<TraceDoc>(join(cwd, 'baseline.json'))
  attack = readJson<TraceDoc>(join(cwd, 'attack.json'))
})
afterAll(cleanTempDirs)

const write = (name: string, doc: unknown): string => {
  writeFileSync(join(cwd, name), JSON.stringify(doc))
  return name
}

describe('mimi-sim show on traces run wrote', () => {
  it('exits 0 and prints the header, setup, every step header and the verdicts section', () => {
    const r = cliOnce(cwd, ['show', 'baseline.json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toBe('')
    const lines = r.stdout.split('\n')
    expect(lines[0]).toMatch(/^baseline-add — /)
    expect(lines[1]).toMatch(/^design hubRole=policy_enforcer,policy=mls, engine symbolic, seed 0, mimi-sim /)
    expect(lines[2]).toMatch(/^actors: a\.example \(hub\), /)
    expect(lines).toContain('setup')
    for (let k = 0; k < 5; k++) expect(lines).toContain(`step ${k}`)
    const v = lines.indexOf('verdicts')
    expect(v).toBeGreaterThan(0)
    expect(lines.slice(v + 1).filter((l) => /^ {2}\S/.test(l))).toHaveLength(3)
    expect(r.stdout).toMatch(/noEavesdropper\s+holds \(as expected\)/)
  })

  it('hides network events without --net', () => {
    const r = cliOnce(cwd, ['show', 'baseline.json'])
    expect(r.code).toBe(0)
    expect(r.stdout).not.toMatch(/ net\.\w+ /)
  })

  it('--net adds one net. line per network event', () => {
    const r = cli(cwd, ['show', 'baseline.json', '--net'])
    expect(r.code, r.stderr).toBe(0)
    const net = r.stdout.split('\n').filter((l) => / net\.(send|deliver|drop|duplicate) /.test(l))
    const expected = baseline.events.filter((e) => e.type.startsWith('net.')).length
    expect(expected).toBeGreaterThan(0)
    expect(net).toHaveLength(expected)
  })

  it('marks the event that violates a property with !! and shows the violated verdict', () => {
    const r = cli(cwd, ['show', 'attack.json'])
    expect(r.code, r.stderr).toBe(0)
    const at = attack.verdicts.find((v) => v.property === 'noEavesdropper')!.at
    expect(typeof at).toBe('number')
    const marked = r.stdout.split('\n').filter((l) => l.startsWith('!!'))
    expect(marked).toHaveLength(1)
    expect(marked[0]).toMatch(new RegExp(`^!!\\s+${at} `))
    expect(r.stdout).toMatch(/noEavesdropper\s+violated \(as expected\) at event \d+: /)
    expect(r.stdout).toContain('(malicious)')
  })
})

describe('mimi-sim show errors', () => {
  it('a nonexistent file: names it and says no such file', () => {
    expectUsageError(cli(cwd, ['show', 'nothere.json']), 'nothere.json', 'no such file')
  })

  it('a JSON file that is not a trace: names the format field and the expected tag', () => {
    write('scenario-copy.json', { name: 'x', steps: [] })
    expectUsageError(cli(cwd, ['show', 'scenario-copy.json']), 'scenario-copy.json', 'format', '"mimi-sim/trace"')
  })

  it('a trace whose events[3].actor is not among its actors names events[3].actor', () => {
    const bad = structuredClone(baseline)
    bad.events[3]!.actor = 'mimi://nowhere.example/d/mallory/1'
    write('bad-actor.json', bad)
    expectUsageError(cli(cwd, ['show', 'bad-actor.json']), 'bad-actor.json', 'events[3].actor', '"mimi://nowhere.example/d/mallory/1"', "trace's actors")
  })

  // Regression: this once failed (found by this suite, fixed in the CLI).
  it('a file that is not JSON at all is a one-line error saying so', () => {
    writeFileSync(join(cwd, 'text.json'), 'hello, not json\n')
    expectUsageError(cli(cwd, ['show', 'text.json']), 'text.json', 'not JSON')
  })

  // Regression: this once failed (found by this suite, fixed in the CLI).
  it('a trace whose meta lacks design is a one-line error (exit 2), not a crash', () => {
    const bad = structuredClone(baseline) as unknown as { meta: Record<string, unknown> }
    delete bad.meta.design
    write('no-design.json', bad)
    expectUsageError(cli(cwd, ['show', 'no-design.json']), 'meta.design')
  })

  // Regression: this once failed (found by this suite, fixed in the CLI).
  it('a trace whose actor lacks hubOf is a one-line error (exit 2), not a crash', () => {
    const bad = structuredClone(baseline)
    delete bad.actors[0]!.hubOf
    write('no-hubof.json', bad)
    expectUsageError(cli(cwd, ['show', 'no-hubof.json']), 'actors[0]')
  })

  // Regression: this once failed (found by this suite, fixed in the CLI).
  it('a directory is a one-line usage error (exit 2), not an internal error', () => {
    mkdirSync(join(cwd, 'adir'), { recursive: true })
    expectUsageError(cli(cwd, ['show', 'adir']), 'adir')
  })
})
