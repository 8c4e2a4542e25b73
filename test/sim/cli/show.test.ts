/**
 * `mimi-sim show <trace.json>` through the real bin/mimi-sim.js: reading what `run` writes, the
 * step-by-step text, `--net`, and one-line errors for files that are not valid traces.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanTempDirs, cli, expectUsageError, readJson, retagIntents, tempDir, type TraceDoc } from './cli.js'

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
  writeFileSync(join(cwd, 'baseline-retagged.json'), JSON.stringify(retagIntents(baseline)))
  writeFileSync(join(cwd, 'attack-retagged.json'), JSON.stringify(retagIntents(attack)))
})
afterAll(cleanTempDirs)

const write = (name: string, doc: unknown): string => {
  writeFileSync(join(cwd, name), JSON.stringify(doc))
  return name
}

describe('mimi-sim show on traces run wrote', () => {
  // BUG (sim/trace/read.ts:40): readTrace requires every event type to match
  // /^[a-z]+(\.[a-zA-Z]+)+$/ (a namespaced tag), but the model emits `type: "intent"`
  // (model/effects.ts:56, model/client/intents.ts:56) — a member of the TraceEvent union — at every
  // step that starts a client intent. So `show` rejects every trace `run`, `check` or `start` writes
  // for a scenario with an honest step: actual exit 2 with
  // "mimi-sim show: baseline.json: events[6].type: expected a namespaced tag like "net.send"";
  // expected exit 0 and the trace printed. (Either the reader must accept every TraceEventType, or
  // the model's tag must become namespaced, e.g. "client.intent", as design.md "Trace" asks.)
  it.fails('exits 0 on a trace written by run and prints step headers and the verdicts section', () => {
    const r = cli(cwd, ['show', 'baseline.json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^step 0$/m)
    expect(r.stdout).toMatch(/^verdicts$/m)
  })

  // BUG: same as above (sim/trace/read.ts:40 rejects the `intent` event tag).
  it.fails('--net on a trace written by run adds net. lines', () => {
    const r = cli(cwd, ['show', 'baseline.json', '--net'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/ net\.send /)
  })

  it('the rejection of a run trace is at least a one-line usage error naming the event', () => {
    // Documents today's behaviour of the bug above, so it stays a clean error and not a crash.
    expectUsageError(cli(cwd, ['show', 'baseline.json']), 'baseline.json', '.type')
  })
})

describe('mimi-sim show output (on run traces with the `intent` tag retagged `client.intent`)', () => {
  it('exits 0 and prints the header, setup, every step header and the verdicts section', () => {
    const r = cli(cwd, ['show', 'baseline-retagged.json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toBe('')
    const lines = r.stdout.split('\n')
    expect(lines[0]).toMatch(/^baseline-add — /)
    expect(lines[1]).toMatch(/^design policy=mls, engine symbolic, seed 0, mimi-sim /)
    expect(lines[2]).toMatch(/^actors: a\.example \(hub\), /)
    expect(lines).toContain('setup')
    for (let k = 0; k < 5; k++) expect(lines).toContain(`step ${k}`)
    const v = lines.indexOf('verdicts')
    expect(v).toBeGreaterThan(0)
    expect(lines.slice(v + 1).filter((l) => /^ {2}\S/.test(l))).toHaveLength(3)
    expect(r.stdout).toMatch(/noEavesdropper\s+holds \(as expected\)/)
  })

  it('hides network events without --net', () => {
    const r = cli(cwd, ['show', 'baseline-retagged.json'])
    expect(r.code).toBe(0)
    expect(r.stdout).not.toMatch(/ net\.\w+ /)
  })

  it('--net adds net. lines', () => {
    const r = cli(cwd, ['show', 'baseline-retagged.json', '--net'])
    expect(r.code, r.stderr).toBe(0)
    const net = r.stdout.split('\n').filter((l) => / net\.(send|deliver|drop|duplicate) /.test(l))
    expect(net.length).toBe(baseline.events.filter((e) => e.type.startsWith('net.')).length)
  })

  it('marks the event that violates a property with !! and shows the violated verdict', () => {
    const r = cli(cwd, ['show', 'attack-retagged.json'])
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
  it('no file given: says to give a trace file', () => {
    expectUsageError(cli(cwd, ['show']), 'give a trace file')
  })

  it('a nonexistent file: names it and says no such file', () => {
    expectUsageError(cli(cwd, ['show', 'nothere.json']), 'nothere.json', 'no such file')
  })

  it('a JSON file that is not a trace: names the format field and the expected tag', () => {
    write('scenario-copy.json', { name: 'x', steps: [] })
    expectUsageError(cli(cwd, ['show', 'scenario-copy.json']), 'scenario-copy.json', 'format', '"mimi-sim/trace"')
  })

  it('a file that is not JSON at all says so', () => {
    writeFileSync(join(cwd, 'text.json'), 'hello, not json\n')
    expectUsageError(cli(cwd, ['show', 'text.json']), 'text.json', 'not JSON')
  })

  it('a trace whose events[3].actor is not among its actors names events[3].actor', () => {
    const bad = structuredClone(baseline)
    bad.events[3]!.actor = 'mimi://nowhere.example/d/mallory/1'
    write('bad-actor.json', bad)
    expectUsageError(cli(cwd, ['show', 'bad-actor.json']), 'bad-actor.json', 'events[3].actor', '"mimi://nowhere.example/d/mallory/1"', "trace's actors")
  })

  it('a trace of another version names the version', () => {
    write('v2.json', { ...baseline, version: 2 })
    expectUsageError(cli(cwd, ['show', 'v2.json']), 'version', '1', '2')
  })

  // BUG (sim/trace/read.ts:21 only checks that meta is an object; sim/cli/commands/show.ts:24
  // then calls Object.entries(meta.design)): a trace whose meta lacks `design` passes readTrace
  // and crashes show with "internal error (a bug in mimi-sim …)", a TypeError stack trace and
  // exit 1. Expected: exit 2, one line naming meta.design.
  it.fails('a trace whose meta lacks design is a one-line error (exit 2), not a crash', () => {
    const bad = retagIntents(baseline) as unknown as { meta: Record<string, unknown> }
    bad.meta = { ...bad.meta, design: undefined }
    write('no-design.json', bad)
    expectUsageError(cli(cwd, ['show', 'no-design.json']), 'meta.design')
  })

  // BUG (sim/trace/read.ts:27-30 checks actors' id, label and kind only; show.ts:25 reads
  // a.hubOf.length): an actor without `hubOf` crashes show with a TypeError stack trace, exit 1.
  // Expected: exit 2, one line naming actors[0].
  it.fails('a trace whose actor lacks hubOf is a one-line error (exit 2), not a crash', () => {
    const bad = retagIntents(baseline)
    delete bad.actors[0]!.hubOf
    write('no-hubof.json', bad)
    expectUsageError(cli(cwd, ['show', 'no-hubof.json']), 'actors[0]')
  })

  // BUG (sim/cli/commands/show.ts:19-20): existsSync(dir) is true, then readFileSync throws
  // EISDIR, reported as "internal error (a bug in mimi-sim …)" with a stack trace and exit 1.
  // Expected: exit 2, one line such as "<dir>: is a directory (give a trace file)".
  it.fails('a directory is a one-line usage error (exit 2), not an internal error', () => {
    mkdirSync(join(cwd, 'adir'), { recursive: true })
    expectUsageError(cli(cwd, ['show', 'adir']), 'adir')
  })
})
