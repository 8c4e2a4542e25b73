import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cleanTempDirs, cli, REPO, tempDir } from '../cli/cli.js'

const S2_WORLD = join(REPO, 'bench', 'peers', 's2-world.json')

describe('mimi-sim explore and merge (CLI)', () => {
  afterAll(cleanTempDirs)

  it('explore --json prints one object with states, unique, depth, seconds and the confirmed violation, and exits 1', () => {
    const dir = tempDir()
    const r = cli(dir, ['explore', 'hub-injects-eavesdropper', '--design', 'policy=service', '--property', 'noEavesdropper', '--json'])
    expect(r.code).toBe(1)
    const doc = JSON.parse(r.stdout)
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['states', 'unique', 'depth', 'seconds', 'violation', 'coverage']))
    expect(doc.violation).toMatchObject({ length: doc.depth, confirmed: true })
    expect(existsSync(join(dir, doc.violation.trace))).toBe(true)
    expect(JSON.parse(readFileSync(join(dir, doc.violation.trace), 'utf8')).format).toBe('mimi-sim/trace')
    // The replay command reproduces it with `run`.
    const replay = (doc.violation.replay as string).replace('npx mimi-sim ', '').split(' ')
    expect(cli(dir, [...replay, '--engine', 'symbolic', '--out', 'replay.json']).code).toBe(0)
  })

  it('explore exits 0 with violation null when none exists within the bounds', () => {
    const r = cli(tempDir(), ['explore', 'hub-injects-eavesdropper', '--design', 'policy=mls', '--json'])
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.violation).toBeNull()
    expect(doc.complete).toBe(true)
  })

  it('explore tells how many local reactions the memo computed and how many it replayed', () => {
    const r = cli(tempDir(), ['explore', 'hub-injects-eavesdropper', '--design', 'policy=mls', '--property', 'noEavesdropper'])
    expect(r.code).toBe(0)
    const m = /local reactions: (\d+) computed \([\d.]+ s(?:; [\d,]+ of them taken over from a reaction to the same question)?\), (\d+) replayed from the memo/.exec(r.stdout)
    expect(m).not.toBeNull()
    expect(Number(m![1]) + Number(m![2])).toBeGreaterThan(0)
  })

  it('shards written with --shard i/n merge into the single run\'s outcome', () => {
    const dir = tempDir()
    const args = ['explore', S2_WORLD, '--max-steps', '2', '--design', 'policy=mls']
    const single = JSON.parse(cli(dir, [...args, '--json']).stdout)
    for (const i of [0, 1]) expect(cli(dir, [...args, '--shard', `${i}/2`, '--out', `s${i}.json`]).code).toBe(0)
    const merged = cli(dir, ['merge', 's0.json', 's1.json', '--json'])
    expect(merged.code).toBe(0)
    const doc = JSON.parse(merged.stdout)
    expect([doc.unique, doc.violation]).toEqual([single.unique, single.violation])
  })

  it('rejects bad usage with one line and exit 2', () => {
    const dir = tempDir()
    for (const args of [['explore', '--shard', '3/2', '--out', 'x.json'], ['explore', '--shard', '0/2'], ['merge'], ['merge', 'nope.json'], ['explore', '--property', 'nope']]) {
      const r = cli(dir, args)
      expect(r.code).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
    }
  })
})
