/**
 * `mimi-sim run` through the real bin/mimi-sim.js: the `--json` contract (verdicts +
 * expectationsMet), exit codes, the trace it writes, never clobbering a user's file, and
 * determinism across processes.
 */
import { TRACE_VERSION } from '../../../sim/trace/events.js'
import { propertyIds } from '../../../properties/index.js'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanTempDirs, cli, cliOnce, json, readJson, SCENARIOS, tempDir, type TraceDoc } from './cli.js'

let cwd = ''
beforeAll(() => {
  cwd = tempDir()
})
afterAll(cleanTempDirs)

interface RunJson {
  scenario: string
  design: Record<string, string>
  engine: string
  seed: number
  verdicts: { property: string; status: 'holds' | 'violated'; expected: string | null; at: number | null; explain: string }[]
  expectationsMet: boolean
  trace: string
}

const PROPERTY_IDS = propertyIds()
const status = (doc: RunJson, property: string) => doc.verdicts.find((v) => v.property === property)?.status
const HUB_SERVICE = ['run', 'hub-injects-eavesdropper', '--design', 'policy=service', '--json']

describe('mimi-sim run --json', () => {
  it('baseline-add (real engine) exits 0 with one JSON document: expectations met, every property holding, and a trace file', () => {
    const r = cli(cwd, ['run', 'baseline-add', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const doc = json<RunJson>(r)
    expect(doc.expectationsMet).toBe(true)
    expect(doc.engine).toBe('real')
    expect(doc.verdicts).toHaveLength(PROPERTY_IDS.length)
    expect(doc.verdicts.map((v) => v.property)).toEqual(PROPERTY_IDS)
    for (const v of doc.verdicts) {
      expect(v.status).toBe('holds')
      // baseline-add states the S1 properties; the others hold too, unasked.
      expect(v.expected).toBe(['noEavesdropper', 'policyAgreement', 'rosterMatchesMembership'].includes(v.property) ? 'holds' : null)
      expect(v.at).toBeNull()
      expect(typeof v.explain).toBe('string')
    }
    expect(typeof doc.trace).toBe('string')
    const path = join(cwd, doc.trace)
    expect(existsSync(path)).toBe(true)
    const text = readFileSync(path, 'utf8')
    expect(text).toMatch(/^\{\s*"format":\s*"mimi-sim\/trace"/)
    const trace = JSON.parse(text) as TraceDoc
    expect(Object.keys(trace)[0]).toBe('format')
    expect(trace.format).toBe('mimi-sim/trace')
    expect(trace.version).toBe(TRACE_VERSION)
    expect(trace.meta.scenario).toBe('baseline-add')
    expect(trace.meta.engine).toBe('real')
    expect(trace.verdicts.map((v) => v.status)).toEqual(PROPERTY_IDS.map(() => 'holds'))
  })

  it('hub-injects-eavesdropper under policy=service: noEavesdropper violated, as expected (exit 0)', () => {
    const r = cliOnce(cwd, HUB_SERVICE)
    expect(r.code, r.stderr).toBe(0)
    const doc = json<RunJson>(r)
    expect(doc.design).toEqual({ hubRole: 'policy_enforcer', policy: 'service' })
    expect(status(doc, 'noEavesdropper')).toBe('violated')
    expect(typeof doc.verdicts.find((v) => v.property === 'noEavesdropper')!.at).toBe('number')
    expect(doc.expectationsMet).toBe(true)
  })

  it('the default trace path is out/<scenario>--<design>.json relative to the working directory', () => {
    const doc = json<RunJson>(cliOnce(cwd, HUB_SERVICE))
    expect(doc.trace).toBe(join('out', 'hub-injects-eavesdropper--policy-service.json'))
    expect(existsSync(join(cwd, 'out', 'hub-injects-eavesdropper--policy-service.json'))).toBe(true)
  })

  it('hub-injects-eavesdropper under policy=mls: noEavesdropper holds (exit 0)', () => {
    const r = cli(cwd, ['run', 'hub-injects-eavesdropper', '--design', 'policy=mls', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const doc = json<RunJson>(r)
    expect(doc.design).toEqual({ hubRole: 'policy_enforcer', policy: 'mls' })
    expect(status(doc, 'noEavesdropper')).toBe('holds')
    expect(doc.expectationsMet).toBe(true)
  })

  it('a scenario file with a wrong expectation exits 1 with expectationsMet false', () => {
    const s = readJson<{ expect: Record<string, string> }>(join(SCENARIOS, 'baseline-add.json'))
    s.expect.noEavesdropper = 'violated'
    writeFileSync(join(cwd, 'wrong.json'), JSON.stringify(s, null, 2))
    const r = cli(cwd, ['run', 'wrong.json', '--engine', 'symbolic', '--json'])
    expect(r.code, r.stderr).toBe(1)
    const doc = json<RunJson>(r)
    expect(doc.expectationsMet).toBe(false)
    expect(doc.verdicts.find((v) => v.property === 'noEavesdropper')).toMatchObject({ status: 'holds', expected: 'violated' })
  })
})

describe('mimi-sim run never overwrites what the user wrote', () => {
  it('--out onto an existing user file exits 2 with one line and leaves the file unchanged', () => {
    const dir = tempDir()
    const notes = join(dir, 'notes.txt')
    writeFileSync(notes, 'my notes: do not lose these\n')
    const r = cli(dir, ['run', 'baseline-add', '--engine', 'symbolic', '--out', 'notes.txt', '--json'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain('refusing to overwrite notes.txt')
    expect(r.stderr).toContain('--out')
    expect(readFileSync(notes, 'utf8')).toBe('my notes: do not lose these\n')
  })

  it('writing over an earlier trace at the same path is allowed (exit 0)', () => {
    const dir = tempDir()
    expect(cli(dir, ['run', 'baseline-add', '--engine', 'symbolic', '--out', 'sub/t.json']).code).toBe(0)
    const r = cli(dir, ['run', 'baseline-add', '--engine', 'symbolic', '--seed', '3', '--out', 'sub/t.json', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(readJson<TraceDoc>(join(dir, 'sub', 't.json')).meta.seed).toBe(3)
  })

  // Regression: this once failed (found by this suite, fixed in the CLI).
  it('--out onto a user file that merely mentions "mimi-sim/" is refused and left unchanged', () => {
    const dir = tempDir()
    const notes = join(dir, 'notes.txt')
    const text = 'my notes on mimi-sim/trace files: keep these\n'
    writeFileSync(notes, text)
    const r = cli(dir, ['run', 'baseline-add', '--engine', 'symbolic', '--out', 'notes.txt'])
    expect(readFileSync(notes, 'utf8')).toBe(text)
    expect(r.code).toBe(2)
  })

  // Regression: this once failed (found by this suite, fixed in the CLI).
  it('--out naming a directory is a one-line usage error (exit 2), not an internal error', () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'adir'))
    const r = cli(dir, ['run', 'baseline-add', '--engine', 'symbolic', '--out', 'adir'])
    expect(r.stderr).not.toMatch(/^\s+at /m)
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(r.code).toBe(2)
  })
})

describe('mimi-sim run is deterministic across processes', () => {
  const seed5a = () => cliOnce(cwd, ['run', 'baseline-add', '--engine', 'real', '--seed', '5', '--out', 'a.json'])
  const seed5b = () => cliOnce(cwd, ['run', 'baseline-add', '--engine', 'real', '--seed', '5', '--out', 'b.json'])
  const seed6 = () => cliOnce(cwd, ['run', 'baseline-add', '--engine', 'real', '--seed', '6', '--out', 'c.json'])

  it('the same scenario, engine and seed in two processes write byte-identical traces', () => {
    expect(seed5a().code).toBe(0)
    expect(seed5b().code).toBe(0)
    const a = readFileSync(join(cwd, 'a.json'))
    const b = readFileSync(join(cwd, 'b.json'))
    expect(a.length).toBeGreaterThan(1000)
    expect(a.equals(b)).toBe(true)
  })

  it('a different seed with the real engine gives a different trace', () => {
    expect(seed5a().code).toBe(0)
    expect(seed6().code).toBe(0)
    expect(readFileSync(join(cwd, 'a.json'), 'utf8')).not.toBe(readFileSync(join(cwd, 'c.json'), 'utf8'))
    expect(readJson<TraceDoc>(join(cwd, 'c.json')).meta.seed).toBe(6)
  })
})
