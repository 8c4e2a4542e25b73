/**
 * `mimi-sim check --policy …` (the escalation search from the CLI): exit 1 when an escalation is
 * found (0 with --expect violated), 0 when none exists within the bound, 2 with one line naming the
 * entry on bad input; the path printed as numbered steps with the capability that authorized each.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanTempDirs, cli, cliOnce, expectUsageError, json, REPO, tempDir } from '../cli/cli.js'

let cwd = ''
beforeAll(() => {
  cwd = tempDir()
})
afterAll(cleanTempDirs)

const S3 = ['check', '--policy', 'cooperative', '--property', 'hubLeastPrivilege']

describe('check --policy: the escalation search', () => {
  it('finds S3 from the cooperative template: exit 1, two numbered steps naming sender, proposals and capability, then the draft text', () => {
    const r = cliOnce(cwd, S3)
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('VIOLATED: 2 commit(s)')
    expect(r.stdout).toMatch(/^ {2}1\. hub a\.example \(role policy_enforcer\) sends .*\n {5}committed by alice; authorized by canChange(PreauthorizedUserList|RoleDefinitions) \(hub a\.example\)$/m)
    expect(r.stdout).toMatch(/^ {2}2\. /m)
    expect(r.stdout).toMatch(/^bears on:\n {2}- POL §4: /m)
  })

  it('--expect violated turns the found escalation into exit 0', () => {
    expect(cli(cwd, [...S3, '--expect', 'violated']).code).toBe(0)
  })

  it('hubRole=least_privilege: no escalation at any depth, exit 0', () => {
    const r = cli(cwd, [...S3, '--design', 'hubRole=least_privilege'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('HOLDS: no path at any depth (5 states')
  })

  it('--json prints one object with the path, and the exported file gives the same answer as the template name', () => {
    const byName = json<{ verdict: string; length: number; path: { sender: string; authorizedBy: { capability: string }[] }[] }>(cliOnce(cwd, [...S3, '--json']))
    expect(byName.verdict).toBe('violated')
    expect(byName.length).toBe(2)
    expect(byName.path[0]!.sender).toBe('hub a.example')
    const byFile = json<Record<string, unknown>>(cli(cwd, ['check', '--policy', join(REPO, 'scenarios/policies/cooperative.json'), '--property', 'hubLeastPrivilege', '--json']))
    expect(byFile.path).toEqual(byName.path)
  })

  it('--mutate finds and prints the smallest breaking change of the role set', () => {
    const r = cli(cwd, ['check', '--policy', 'cooperative', '--property', 'escalation', '--from', 'ordinary_user', '--gains', 'canBan', '--design', 'hubRole=least_privilege', '--depth', '2', '--mutate', '--runs', '200', '--json'])
    expect(r.code).toBe(1)
    const doc = json<{ mutate: { mutations: string[] }; verdict: string }>(r)
    expect(doc.mutate.mutations).toEqual(['grant canBan to no_role'])
    expect(doc.verdict).toBe('violated')
  })
})

describe('check --policy: bad input is one line and exit 2', () => {
  const file = (name: string, doc: unknown) => {
    const path = join(cwd, name)
    writeFileSync(path, typeof doc === 'string' ? doc : JSON.stringify(doc))
    return path
  }
  const roles = [{ index: 0, name: 'no_role', capabilities: [] }, { index: 1, name: 'banned', capabilities: [] }]

  it('an unknown capability in a role-set file names the file and the entry', () => {
    const p = file('fly.json', { name: 'x', roles: [...roles, { index: 2, name: 'u', capabilities: ['canSendMessage', 'canFly'] }] })
    expectUsageError(cli(cwd, ['check', '--policy', p, '--property', 'hubLeastPrivilege']), `${p}: roles[2].capabilities[1]: unknown capability "canFly"`, 'POL §10.2')
  })

  it('a duplicate role index and a role change to a missing role name their entries', () => {
    const dup = file('dup.json', { name: 'x', roles: [...roles, { index: 1, name: 'again', capabilities: [] }] })
    expectUsageError(cli(cwd, ['check', '--policy', dup, '--property', 'fixedMembership']), 'roles[2].index: duplicate role index 1')
    const missing = file('missing.json', { name: 'x', roles: [...roles, { index: 2, name: 'u', capabilities: [], changes: [[2, [7]]] }] })
    expectUsageError(cli(cwd, ['check', '--policy', missing, '--property', 'fixedMembership']), 'roles[2].changes[0]: role change to role 7, which the set does not define')
  })

  it('invalid JSON, an unknown template and an unknown --gains are refused', () => {
    expectUsageError(cli(cwd, ['check', '--policy', file('bad.json', '{"name": }'), '--property', 'fixedMembership']), 'invalid JSON at line 1')
    expectUsageError(cli(cwd, ['check', '--policy', 'nosuch', '--property', 'fixedMembership']), '--policy nosuch', 'templates: cooperative, moderated, multi-org, strict')
    expectUsageError(cli(cwd, ['check', '--policy', 'cooperative', '--property', 'escalation', '--from', 'hub', '--gains', 'canFly']), '--gains canFly: unknown capability')
  })

  it('a question with nothing to escalate, a search flag without --policy, and an unknown --from are refused', () => {
    expectUsageError(cli(cwd, ['check', '--policy', 'cooperative', '--property', 'escalation', '--from', 'ordinary_user', '--gains', 'canAddParticipant']), 'already holds canAddParticipant')
    expectUsageError(cli(cwd, ['check', '--depth', '3']), '--depth applies to the escalation search only', '--policy')
    expectUsageError(cli(cwd, ['check', '--policy', 'cooperative', '--property', 'escalation', '--from', 'wizard', '--gains', 'canBan']), '--from wizard: unknown role', 'ordinary_user')
  })
})
