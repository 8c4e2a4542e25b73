/**
 * `mimi-sim --help`, `mimi-sim` with no arguments, every command's `--help`, and `list`
 * (design.md "Contracts" → CLI), through the real bin/mimi-sim.js in a temporary directory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readdirSync } from 'node:fs'
import { cleanTempDirs, cli, json, SCENARIOS, tempDir } from './cli.js'

const COMMANDS = ['list', 'run', 'check', 'compare', 'show', 'start'] as const

/** The flags each command documents (the parser's tables); --help must list every one. */
const FLAGS: Record<(typeof COMMANDS)[number], readonly string[]> = {
  list: ['--json', '--help'],
  run: ['--design', '--engine', '--seed', '--choices', '--out', '--json', '--help'],
  check: ['--property', '--design', '--runs', '--seed', '--max-steps', '--world', '--expect', '--no-confirm', '--out', '--json', '--help'],
  compare: ['--engine', '--seed', '--json', '--help'],
  show: ['--net', '--help'],
  start: ['--runs', '--help'],
}

let cwd = ''
beforeAll(() => {
  cwd = tempDir()
})
afterAll(cleanTempDirs)

describe('mimi-sim help', () => {
  it('--help at top level exits 0 and lists every command', () => {
    const r = cli(cwd, ['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('usage: mimi-sim <command>')
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'))
    expect(r.stdout).toContain('exit codes: 0')
  })

  it('no arguments exits 2 and prints the overview', () => {
    const r = cli(cwd, [])
    expect(r.code).toBe(2)
    const out = r.stdout + r.stderr
    expect(out).toContain('usage: mimi-sim <command>')
    for (const c of COMMANDS) expect(out).toMatch(new RegExp(`^  ${c}\\b`, 'm'))
  })

  it.each(COMMANDS)('%s --help exits 0 and lists its flags', (command) => {
    const r = cli(cwd, [command, '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`usage: mimi-sim ${command}`)
    expect(r.stdout).toContain('options:')
    for (const flag of FLAGS[command]) expect(r.stdout).toMatch(new RegExp(`^  ${flag}\\b`, 'm'))
    expect(r.stderr).toBe('')
  })
})

describe('mimi-sim list', () => {
  it('exits 0 and names both catalogue scenarios', () => {
    const r = cli(cwd, ['list'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^baseline-add\b/m)
    expect(r.stdout).toMatch(/^hub-injects-eavesdropper\b/m)
  })

  it('--json prints one parseable JSON array naming every scenario file, with their expectations', () => {
    const r = cli(cwd, ['list', '--json'])
    expect(r.code).toBe(0)
    const items = json<{ name: string; file: string; description: string; expect: Record<string, unknown> }[]>(r)
    expect(Array.isArray(items)).toBe(true)
    expect(items.map((i) => i.name)).toEqual(readdirSync(SCENARIOS).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort())
    for (const i of items) {
      expect(typeof i.description).toBe('string')
      expect(i.file.endsWith(`${i.name}.json`)).toBe(true)
    }
    expect(items.find((i) => i.name === 'hub-injects-eavesdropper')!.expect.noEavesdropper).toEqual({ 'policy=service': 'violated', 'policy=mls': 'holds' })
  })
})
