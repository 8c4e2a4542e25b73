/**
 * `mimi-sim run` through the real bin/mimi-sim.js: the `--json` contract (verdicts +
 * expectationsMet), exit codes, the trace it writes, never clobbering a user's file, and
 * determinism across processes.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cleanTempDirs, cli, json, readJson, SCENARIOS, tempDir, type TraceDoc } from './cli.js'

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

const PROPERTY_IDS = ['noEavesdropper', 'policyAgreement', 'rosterMatchesMembership']
const status = (doc: RunJson, property: string) => doc.verdicts.find((v) => v.property === property)?.status

describe('mimi-sim run --json', () => {
  it('baseline-add (real engine) exits 0 with one JSON document: expectations met, three verdicts holding, and a trace file', () => {
    const cwd = tempDir()
    const r = cli(cwd, ['run', 'baseline-add', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const doc = json<RunJson>(r)
    expect(doc.expectationsMet).toBe(true)
    expect(doc.engine).toBe('real')
    expect(doc.verdicts).toHaveLength(3)
    expect(doc.verdicts.map((v) => v.property)).toEqual(PROPERTY_IDS)
    for (const v of doc.verdicts) {
      expect(v.status).toBe('holds')
      expect(v.expected).toBe('holds')
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
    expect(trace.version).toBe(1)
    expect(trace.meta.scenario).toBe('baseline-add')
    expect(trace.meta.engine).toBe('real')
    expect(trace.verdicts.map((v) => v.status)).toEqual(['holds', 'holds', 'holds'])
  })

  it('hub-injects-eavesdropper under policy=service: noEavesdropper violated, as expected (exit 0)', () => {
    const cwd = tempDir()
    const r = cli(cwd, ['run', 'hub-injects-eavesdropper', '--design', 'policy=service', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const doc = json<RunJson>(r)
    expect(doc.design).toEqual({ policy: 'service' })
    expect(status(doc, 'noEavesdropper')).toBe('violated')
    expect(typeof doc.verdicts.find((v) => v.property === 'noEavesdropper')!.at).toBe('number')
    expect(doc.expectationsMet).toBe(true)
  })

  it('hub-injects-eavesdropper under policy=mls: noEavesdropper holds (exit 0)', () => {
    const cwd = tempDir()
    const r = cli(cwd, ['run', 'hub-injects-eavesdropper', '--design', 'policy=mls', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const doc = json<RunJson>(r)
    expect(doc.design).toEqual({ policy: 'mls' })
    expect(status(doc, 'noEavesdropper')).toBe('holds')
    expect(doc.expectationsMet).toBe(true)
  })

  it('a scenario file with a wrong expectation exits 1 with expectationsMet false', () => {
    const cwd = tempDir()
    const s = readJson<{ expect: Record<string, string> }>(join(SCENARIOS, 'baseline-add.json'))
    s.expect.noEavesdropper = 'violated'
    writeFileSync(join(cwd, 'wrong.json'), JSON.stringify(s, null, 2))
    const r = cli(cwd, ['run', 'wrong.json', '--engine', 'symbolic', '--json'])
    expect(r.code, r.stderr).toBe(1)
    const doc = json<RunJson>(r)
    expect(doc.expectationsMet).toBe(false)
    expect(doc.verdicts.find((v) => v.property === 'noEavesdropper')).toMatchObject({ status: 'holds', expected: 'violated' })
  })

  it('without --json, a wrong expectation is flagged in the text and exits 1', () => {
    const cwd = tempDir()
    const s = readJson<{ expect: Record<string, string> }>(join(SCENARIOS, 'baseline-add.json'))
    s.expect.policyAgreement = 'violated'
    writeFileSync(join(cwd, 'wrong.json'), JSON.stringify(s))
    const r = cli(cwd, ['run', 'wrong.json', '--engine', 'symbolic'])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('(EXPECTED violated)')
    expect(r.stdout).toContain('EXPECTATIONS NOT MET')
  })

  it('a copied catalogue scenario given by path runs like the name', () => {
    const cwd = tempDir()
    copyFileSync(join(SCENARIOS, 'baseline-add.json'), join(cwd, 'mine.json'))
    const r = cli(cwd, ['run', 'mine.json', '--engine', 'symbolic', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(json<RunJson>(r).expectationsMet).toBe(true)
  })
})

describe('mimi-sim run never overwrites what the user wrote', () => {
  it('--out onto an existing user file exits 2 with one line and leaves the file unchanged', () => {
    const cwd = tempDir()
    const notes = join(cwd, 'notes.txt')
    writeFileSync(notes, 'my notes: do not lose these\n')
    const r = cli(cwd, ['run', 'baseline-add', '--engine', 'symbolic', '--out', 'notes.txt'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(r.stderr).toContain('refusing to overwrite notes.txt')
    expect(r.stderr).toContain('--out')
    expect(readFileSync(notes, 'utf8')).toBe('my notes: do not lose these\n')
  })

  it('--out onto an existing user file with --json also exits 2 and prints nothing on stdout', () => {
    const cwd = tempDir()
    const notes = join(cwd, 'notes.txt')
    writeFileSync(notes, 'mine\n')
    const r = cli(cwd, ['run', 'baseline-add', '--engine', 'symbolic', '--out', 'notes.txt', '--json'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(readFileSync(notes, 'utf8')).toBe('mine\n')
  })

  it('writing over an earlier trace at the same path is allowed (exit 0)', () => {
    const cwd = tempDir()
    expect(cli(cwd, ['run', 'baseline-add', '--engine', 'symbolic', '--out', 't.json']).code).toBe(0)
    const r = cli(cwd, ['run', 'baseline-add', '--engine', 'symbolic', '--seed', '3', '--out', 't.json', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(readJson<TraceDoc>(join(cwd, 't.json')).meta.seed).toBe(3)
  })

  it('--out into a directory that does not exist yet creates it', () => {
    const cwd = tempDir()
    const r = cli(cwd, ['run', 'baseline-add', '--engine', 'symbolic', '--out', 'deep/er/t.json'])
    expect(r.code, r.stderr).toBe(0)
    expect(readJson<TraceDoc>(join(cwd, 'deep/er/t.json')).format).toBe('mimi-sim/trace')
  })

  // BUG (sim/cli/common.ts:63-66, writeOutput): "is this file ours?" is decided by whether the
  // string "mimi-sim/" occurs in the file's first 200 characters. A user's own file that merely
  // mentions e.g. "mimi-sim/trace" is overwritten (exit 0) instead of being refused (exit 2).
  it.fails('--out onto a user file that merely mentions "mimi-sim/" is refused and left unchanged', () => {
    const cwd = tempDir()
    const notes = join(cwd, 'notes.txt')
    const text = 'my notes on mimi-sim/trace files: keep these\n'
    writeFileSync(notes, text)
    const r = cli(cwd, ['run', 'baseline-add', '--engine', 'symbolic', '--out', 'notes.txt'])
    expect(readFileSync(notes, 'utf8')).toBe(text)
    expect(r.code).toBe(2)
  })

  // BUG (sim/cli/common.ts:65, writeOutput): when --out names an existing directory,
  // readFileSync throws EISDIR, which main.ts treats as an internal error: it prints
  // "internal error (a bug in mimi-sim …)" plus a Node stack trace and exits 1, instead of a
  // one-line usage error with exit 2.
  it.fails('--out naming a directory is a one-line usage error (exit 2), not an internal error', () => {
    const cwd = tempDir()
    mkdirSync(join(cwd, 'adir'))
    const r = cli(cwd, ['run', 'baseline-add', '--engine', 'symbolic', '--out', 'adir'])
    expect(r.code).toBe(2)
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(r.stderr).not.toMatch(/^\s+at /m)
  })
})

describe('mimi-sim run is deterministic across processes', () => {
  it('the same scenario, engine and seed in two processes write byte-identical traces', () => {
    const cwd = tempDir()
    expect(cli(cwd, ['run', 'baseline-add', '--engine', 'real', '--seed', '5', '--out', 'a.json']).code).toBe(0)
    expect(cli(cwd, ['run', 'baseline-add', '--engine', 'real', '--seed', '5', '--out', 'b.json']).code).toBe(0)
    const a = readFileSync(join(cwd, 'a.json'))
    const b = readFileSync(join(cwd, 'b.json'))
    expect(a.length).toBeGreaterThan(1000)
    expect(a.equals(b)).toBe(true)
  })

  it('a different seed with the real engine gives a different trace', () => {
    const cwd = tempDir()
    expect(cli(cwd, ['run', 'baseline-add', '--engine', 'real', '--seed', '5', '--out', 'a.json']).code).toBe(0)
    expect(cli(cwd, ['run', 'baseline-add', '--engine', 'real', '--seed', '6', '--out', 'c.json']).code).toBe(0)
    const a = readFileSync(join(cwd, 'a.json'), 'utf8')
    const c = readFileSync(join(cwd, 'c.json'), 'utf8')
    expect(a).not.toBe(c)
    expect(readJson<TraceDoc>(join(cwd, 'c.json')).meta.seed).toBe(6)
  })

  it('the default trace path is out/<scenario>--<design>.json relative to the working directory', () => {
    const cwd = tempDir()
    const r = cli(cwd, ['run', 'hub-injects-eavesdropper', '--design', 'policy=service', '--engine', 'symbolic', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(json<RunJson>(r).trace).toBe(join('out', 'hub-injects-eavesdropper--policy-service.json'))
    expect(existsSync(join(cwd, 'out', 'hub-injects-eavesdropper--policy-service.json'))).toBe(true)
  })
})
