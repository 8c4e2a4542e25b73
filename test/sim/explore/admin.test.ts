/**
 * `explore --admin`: the room-administration steps (kick, ban, changeRole, leave, the hub's
 * hubPropose) join an unscripted world's alphabet, so exhaustive search reaches attacks that need
 * them — S3's escalation (digest S3; draft-ietf-mimi-room-policy-03 §4, §8.6) — and the flag is part
 * of the search spec that shards and workers carry and merge checks.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { hubLeastPrivilege, noEavesdropper } from '../../../properties/index.js'
import type { Property } from '../../../properties/types.js'
import { buildModel, confirm, explore, mergeShards, replayableOf, runLocal, runSearch, runShard, type SearchSpec, shardProblem } from '../../../sim/explore/index.js'
import type { Scenario, StepAction } from '../../../sim/scenario/types.js'
import { cleanTempDirs, cli, expectUsageError, tempDir } from '../cli/cli.js'
import { scenarioFile, searchSpec } from './worlds.js'

/** S3's world without its script: hub a.example (policy_enforcer by default) with alice and colluding eve; bob on b.example. */
const S3_WORLD: Scenario = { ...scenarioFile('policy-enforcer-escalation'), name: 's3-world', steps: [] }

const ADMIN_KINDS: readonly string[] = ['kick', 'ban', 'changeRole', 'edit', 'leave', 'hubPropose']
const isAdmin = (s: StepAction): boolean => ADMIN_KINDS.includes(s.do)

async function search(hubRole: 'policy_enforcer' | 'least_privilege', admin: boolean, properties: readonly Property[], maxSteps: number, depth = 200) {
  const model = await buildModel(S3_WORLD, { design: { policy: 'mls', hubRole }, properties, maxSteps, admin })
  return { model, result: explore(model, { depth, all: true }) }
}

/** The escalation search with administration steps (about 80 k states), shared by the claims about it. */
let escalation: ReturnType<typeof search> | undefined
const escalationWithAdmin = () => (escalation ??= search('policy_enforcer', true, [noEavesdropper], 4))

const spec = (admin: boolean, hubRole = 'policy_enforcer'): SearchSpec => searchSpec('s3-world (test)', { design: { policy: 'mls', hubRole }, properties: ['hubLeastPrivilege'], admin })

describe('explore with room-administration steps (--admin)', () => {
  afterAll(cleanTempDirs)

  it('adds exactly the administration steps to the alphabet, and leaves it unchanged without them', async () => {
    const plain = await buildModel(S3_WORLD, { design: { policy: 'mls' }, properties: [noEavesdropper], maxSteps: 2 })
    const admin = await buildModel(S3_WORLD, { design: { policy: 'mls' }, properties: [noEavesdropper], maxSteps: 2, admin: true })
    expect(plain.moves.some((m) => isAdmin(m.action))).toBe(false)
    expect(admin.moves.filter((m) => !isAdmin(m.action)).map((m) => m.action)).toEqual(plain.moves.map((m) => m.action))
    const kinds = new Set(admin.moves.filter((m) => isAdmin(m.action)).map((m) => m.action.do))
    expect([...kinds].sort()).toEqual(['ban', 'changeRole', 'hubPropose', 'kick', 'leave'])
  })

  it('without administration steps, S3\'s world under policy=mls has no eavesdropper within 4 steps (state space exhausted)', async () => {
    const { result } = await search('policy_enforcer', false, [noEavesdropper], 4)
    expect(result.found).toEqual([])
    expect(result.stopped).toBe('exhausted')
  })

  it('with them, the same bounds find S3\'s escalation: a hub proposal an honest member commits lets eve join and read', async () => {
    const { model, result } = await escalationWithAdmin()
    expect(result.found.map((f) => f.property)).toEqual(['noEavesdropper'])
    const steps = replayableOf(model, result.found[0]!.codes).steps
    expect(steps[0]).toMatchObject({ actor: 'a.example', do: 'hubPropose' })
    expect(steps).toContainEqual({ actor: 'eve', do: 'externalJoin', room: 'boardroom' })
    // More states than the whole space without them, before the violation stopped the search.
    const plain = (await search('policy_enforcer', false, [noEavesdropper], 4)).result
    expect(result.unique).toBeGreaterThan(plain.unique)
  }, 60_000)

  it('the shortest escalation replays: SymbolicMls shows the same violation and RealMls confirms it', async () => {
    const { model, result } = await escalationWithAdmin()
    const c = await confirm(model, replayableOf(model, result.found[0]!.codes), noEavesdropper, true)
    expect(c.symbolic.verdicts[0]!.status).toBe('violated')
    expect(c.confirmed).toBe(true)
  }, 60_000)

  it('a counterexample that needs an administration step is still a shortest one: none exists one transition shorter', async () => {
    const { result } = await search('policy_enforcer', true, [hubLeastPrivilege], 2)
    const L = result.found[0]!.length
    expect((await search('policy_enforcer', true, [hubLeastPrivilege], 2, L - 1)).result.found).toEqual([])
  })

  it('hubRole=least_privilege closes the path: with administration steps, no eavesdropper or hub privilege breach within 4 steps', async () => {
    const { result } = await search('least_privilege', true, [noEavesdropper, hubLeastPrivilege], 4)
    expect(result.found).toEqual([])
    expect(result.stopped).toBe('exhausted')
  }, 60_000)

  it('shards and worker threads carry the flag: split searches give the single --admin run\'s outcome', async () => {
    const single = (await runLocal(spec(true), S3_WORLD, null)).result
    expect(single.found.map((f) => f.property)).toEqual(['hubLeastPrivilege'])
    const docs = await Promise.all([0, 1].map((index) => runShard(spec(true), S3_WORLD, { index, count: 2 })))
    const merged = mergeShards(docs, spec(true).properties)
    // A search stopped by a violation stops mid-level, in each shard at its own point: the shortest
    // violation is the single run's, the states seen on the way need not be.
    expect(merged.found.map((f) => f.length)).toEqual(single.found.map((f) => f.length))
    const { merged: threads } = await runSearch(spec(true), S3_WORLD, 2)
    expect(threads.found.map((f) => f.length)).toEqual(single.found.map((f) => f.length))
    // An exhausted search: the shards' states are exactly the single run's, administration steps included.
    const closed = spec(true, 'least_privilege')
    const whole = (await runLocal(closed, S3_WORLD, null)).result
    expect(whole.stopped).toBe('exhausted')
    const parts = await Promise.all([0, 1].map((index) => runShard(closed, S3_WORLD, { index, count: 2 })))
    expect(mergeShards(parts, closed.properties).unique).toBe(whole.unique)
    expect(whole.unique).toBeGreaterThan((await runLocal(spec(false, 'least_privilege'), S3_WORLD, null)).result.unique)
    expect(shardProblem([docs[0]!, await runShard(spec(false), S3_WORLD, { index: 1, count: 2 })])).toMatch(/different search: its admin is false, shard 0\/2's is true/)
  }, 120_000)

  it('merge joins --admin shards into the single --admin run\'s outcome, and refuses to mix them with shards made without it (exit 2, one line naming the field)', () => {
    const dir = tempDir()
    const args = ['explore', 'policy-enforcer-escalation', '--free', '--max-steps', '2', '--property', 'hubLeastPrivilege', '--design', 'policy=mls', '--no-confirm']
    const single = JSON.parse(cli(dir, [...args, '--admin', '--json']).stdout)
    for (const i of [0, 1]) expect(cli(dir, [...args, '--admin', '--shard', `${i}/2`, '--out', `a${i}.json`]).code).toBe(0)
    const merged = cli(dir, ['merge', 'a0.json', 'a1.json', '--no-confirm', '--json'])
    expect(merged.code).toBe(1)
    const doc = JSON.parse(merged.stdout)
    expect(doc.violation.length).toBe(single.violation.length)
    expect(cli(dir, [...args, '--shard', '1/2', '--out', 'p1.json']).code).toBe(0)
    expectUsageError(cli(dir, ['merge', 'a0.json', 'p1.json']), 'shard 1/2 is of a different search', 'its admin is false')
  })

  it('explore --help lists --admin and says it grows the state space; --admin with a script and no --free is refused', () => {
    const dir = tempDir()
    const help = cli(dir, ['explore', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^ {2}--admin\b.*room-administration.*state space/m)
    expectUsageError(cli(dir, ['explore', 'policy-enforcer-escalation', '--admin']), '--admin', '--free')
  })
})
