/**
 * Bad input and usage (design.md "Contracts" → CLI): exit 2, nothing on stdout, and exactly one
 * line on stderr — no stack trace — naming the field and the fix.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanTempDirs, cli, cliOnce, expectUsageError, readJson, SCENARIOS, tempDir } from './cli.js'

let cwd = ''
beforeAll(() => {
  cwd = tempDir()
})
afterAll(cleanTempDirs)

const UNKNOWN_FLAG = ['run', 'baseline-add', '--frob']
const UNKNOWN_SCENARIO = ['run', 'nosuch']

describe('usage errors', () => {
  it('an unknown command names it and lists the commands', () => {
    const line = expectUsageError(cli(cwd, ['frob']), '"frob"', 'unknown command', '--help')
    for (const c of ['list', 'run', 'check', 'compare', 'show', 'start']) expect(line).toContain(c)
  })

  it('an unknown flag names it and lists the known flags', () => {
    expectUsageError(cliOnce(cwd, UNKNOWN_FLAG), 'unknown flag --frob', 'known:', '--choices', '--design', '--engine', '--json', '--out', '--seed', 'mimi-sim run --help')
  })

  it('--design nope=1 names the key and lists the valid keys (hubRole, policy)', () => {
    expectUsageError(cli(cwd, ['run', 'baseline-add', '--design', 'nope=1']), '--design', '"nope"', 'valid: hubRole, policy')
  })

  it('--design policy=hub names the value and lists service, mls', () => {
    expectUsageError(cli(cwd, ['run', 'baseline-add', '--design', 'policy=hub']), 'policy', '"hub"', 'service, mls')
  })

  it('--seed abc names the flag and gives an example', () => {
    expectUsageError(cli(cwd, ['run', 'baseline-add', '--seed', 'abc']), '--seed', '"abc"', 'non-negative integer', 'e.g. --seed')
  })

  it('--engine quantum names the value and lists real, symbolic', () => {
    expectUsageError(cli(cwd, ['run', 'baseline-add', '--engine', 'quantum']), '--engine', '"quantum"', 'real, symbolic')
  })

  it('--property nope names it and lists the properties', () => {
    expectUsageError(cli(cwd, ['check', '--property', 'nope', '--json']), '--property nope', 'noEavesdropper, policyAgreement, rosterMatchesMembership')
  })

})

describe('scenario errors', () => {
  it('run with a nonexistent scenario name lists the known names', () => {
    expectUsageError(cliOnce(cwd, UNKNOWN_SCENARIO), '"nosuch"', 'known: ban-evasion-preauth, baseline-add, divergent-policy-engines')
  })

  it('run with a nonexistent scenario file names the file', () => {
    expectUsageError(cli(cwd, ['run', 'missing.json']), 'missing.json', 'no such file')
  })

  it('run on a malformed scenario names the path steps[0].room and the unknown room "lobby"', () => {
    const s = readJson<{ steps: { room: string }[] }>(join(SCENARIOS, 'baseline-add.json'))
    s.steps[0]!.room = 'lobby'
    writeFileSync(join(cwd, 'lobby.json'), JSON.stringify(s, null, 2))
    expectUsageError(cli(cwd, ['run', 'lobby.json']), 'lobby.json', 'steps[0].room', 'unknown room "lobby"', 'clubhouse')
  })

  it('run on a file with invalid JSON gives the line and column', () => {
    writeFileSync(join(cwd, 'broken.json'), '{\n  "name": "x",\n  "steps": [1, 2,]\n}\n')
    const line = expectUsageError(cli(cwd, ['run', 'broken.json']), 'broken.json', 'invalid JSON')
    expect(line).toMatch(/line 3 column \d+/)
  })

  // Regression: this once failed (found by this suite, fixed in the CLI).
  it('the error line names the command once (no "mimi-sim run: run:")', () => {
    expect(cliOnce(cwd, UNKNOWN_FLAG).stderr).not.toContain('run: run:')
    expect(cliOnce(cwd, UNKNOWN_SCENARIO).stderr).not.toContain('run: run:')
  })

  // Regression: this once failed (found by this suite, fixed in the CLI).
  it('run rejects a second positional argument (exit 2) instead of silently ignoring it', () => {
    expectUsageError(cli(tempDir(), ['run', 'baseline-add', 'hub-injects-eavesdropper', '--engine', 'symbolic']), 'hub-injects-eavesdropper')
  })
})
