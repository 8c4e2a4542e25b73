import { afterAll, describe, expect, it } from 'vitest'
import { cleanTempDirs, cli, tempDir } from '../cli/cli.js'

const base = ['check', '--design', 'policy=service', '--property', 'noEavesdropper', '--runs', '120', '--no-confirm', '--json']

describe('mimi-sim check --workers, --shard and merge (CLI)', () => {
  afterAll(cleanTempDirs)

  it('check --json carries the coverage: distinct states and transitions, machines, events per actor kind, draft sections', () => {
    const doc = JSON.parse(cli(tempDir(), base).stdout)
    expect(Object.keys(doc.coverage)).toEqual(['states', 'transitions', 'machines', 'received', 'produced', 'sections'])
    expect(doc.coverage.states).toBeGreaterThan(1)
    expect(Object.keys(doc.coverage.produced)).toEqual(expect.arrayContaining(['client', 'hub']))
    expect(Object.keys(doc.coverage.sections).length).toBeGreaterThan(3)
  })

  it('--workers 2 and --shard i/n + merge report the single run\'s counterexample', () => {
    const dir = tempDir()
    const one = JSON.parse(cli(dir, [...base, '--out', 'one.json']).stdout)
    const two = JSON.parse(cli(dir, [...base, '--workers', '2', '--out', 'two.json']).stdout)
    for (const i of [0, 1, 2]) expect(cli(dir, [...base, '--shard', `${i}/3`, '--out', `s${i}.json`]).code).toBe(0)
    const merged = cli(dir, ['merge', 's0.json', 's1.json', 's2.json', '--no-confirm', '--json', '--out', 'merged.json'])
    expect(merged.code).toBe(1)
    const m = JSON.parse(merged.stdout)
    const key = (d: { violation: { steps: unknown; choices: unknown; length: number; shrinks: number } }) => [d.violation.steps, d.violation.choices, d.violation.length, d.violation.shrinks]
    expect(key(two)).toEqual(key(one))
    expect(key(m)).toEqual(key(one))
    expect([two.shards, m.shards]).toEqual([2, 3])
  })

  it('rejects bad usage with one line and exit 2', () => {
    const dir = tempDir()
    expect(cli(dir, ['explore', '--max-steps', '1', '--shard', '0/1', '--out', 'e.json']).code).toBe(0)
    expect(cli(dir, ['check', '--runs', '2', '--shard', '0/1', '--out', 'c.json']).code).toBe(0)
    for (const args of [['check', '--shard', '0/2'], ['check', '--shard', '2/2', '--out', 'x.json'], ['check', '--workers', '0'], ['check', '--workers', '2', '--shard', '0/2', '--out', 'x.json'], ['merge', 'c.json', 'e.json']]) {
      const r = cli(dir, args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
    }
  })
})
