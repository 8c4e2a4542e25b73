/**
 * Scenario loading (sim/scenario/load.ts): missing files, JSON syntax errors with line and column,
 * modules exporting the scenario, validation errors prefixed with the file, and listing a directory.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listScenarioFiles, loadScenarioFile } from '../../../sim/scenario/index.js'

const PROPERTIES = ['noEavesdropper', 'policyAgreement', 'rosterMatchesMembership']

const SCENARIO = {
  name: 'tiny',
  description: 'Alice alone in a named room.',
  spec: [],
  providers: [{ id: 'a.example' }],
  users: [{ id: 'alice', provider: 'a.example' }],
  rooms: [{ id: 'den', kind: 'named', hub: 'a.example', policy: 'cooperative', creator: 'alice', participants: [{ user: 'alice', role: 'group_admin' }] }],
  network: { ordering: 'per-link' },
  steps: [{ actor: 'alice', do: 'send', room: 'den', text: 'hi' }],
  expect: { policyAgreement: 'holds' },
}

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mimi-sim-load-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('loadScenarioFile', () => {
  it('reports a missing file', async () => {
    const path = join(dir, 'nope.json')
    expect(await loadScenarioFile(path, PROPERTIES)).toEqual({
      ok: false,
      error: `${path}: no such file (give a scenario name from \`mimi-sim list\` or a path to a .json file)`,
    })
  })

  it('reports invalid JSON with line and column', async () => {
    const path = join(dir, 'broken.json')
    await writeFile(path, '{\n  "name": "x",\n  "spec": [1 2]\n}\n')
    expect(await loadScenarioFile(path, PROPERTIES)).toEqual({
      ok: false,
      error: `${path}: invalid JSON at line 3 column 14: expected ',' or ']' after an array element, found "2"`,
    })
    await writeFile(path, '{\n  "name": "x",\n}')
    const trailing = await loadScenarioFile(path, PROPERTIES)
    expect(trailing).toEqual({ ok: false, error: `${path}: invalid JSON at line 3 column 1: trailing comma before '}'` })
    await writeFile(path, '{ "name": tru }')
    expect(await loadScenarioFile(path, PROPERTIES)).toEqual({ ok: false, error: `${path}: invalid JSON at line 1 column 11: expected a value, found "t"` })
  })

  it('loads and validates a JSON file; a validation error names the file', async () => {
    const path = join(dir, 'tiny.json')
    await writeFile(path, JSON.stringify(SCENARIO, null, 2))
    expect(await loadScenarioFile(path, PROPERTIES)).toEqual({ ok: true, scenario: SCENARIO, source: path })
    await writeFile(path, JSON.stringify({ ...SCENARIO, steps: [{ actor: 'alice', do: 'send', room: 'lobby', text: 'hi' }] }))
    expect(await loadScenarioFile(path, PROPERTIES)).toEqual({ ok: false, error: `${path}: steps[0].room: unknown room "lobby" (known: den)` })
  })

  it('loads a module exporting the scenario as default or as `scenario`', async () => {
    const mjs = join(dir, 'tiny.mjs')
    await writeFile(mjs, `export const scenario = ${JSON.stringify(SCENARIO)}\n`)
    expect(await loadScenarioFile(mjs, PROPERTIES)).toEqual({ ok: true, scenario: SCENARIO, source: mjs })
    const ts = join(dir, 'tiny.ts')
    await writeFile(ts, `const s: { name: string } = ${JSON.stringify(SCENARIO)}\nexport default s\n`)
    expect(await loadScenarioFile(ts, PROPERTIES)).toMatchObject({ ok: true, source: ts })
    const none = join(dir, 'none.mjs')
    await writeFile(none, 'export const other = 1\n')
    const r = await loadScenarioFile(none, PROPERTIES)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatch(/exports neither `default` nor `scenario`/)
  })

  it('rejects an unsupported file type', async () => {
    const path = join(dir, 'tiny.yaml')
    await writeFile(path, 'name: tiny\n')
    expect(await loadScenarioFile(path, PROPERTIES)).toEqual({
      ok: false,
      error: `${path}: unsupported file type ".yaml" (give a .json file, or a .ts/.mts/.mjs/.js module)`,
    })
  })
})

describe('listScenarioFiles', () => {
  it('lists the .json files of a directory, sorted; [] for a missing directory', async () => {
    const sub = join(dir, 'list')
    await mkdir(sub)
    for (const name of ['b.json', 'a.json', 'notes.md', 'c.ts']) await writeFile(join(sub, name), '{}')
    expect(await listScenarioFiles(sub)).toEqual([join(sub, 'a.json'), join(sub, 'b.json')])
    expect(await listScenarioFiles(join(dir, 'absent'))).toEqual([])
  })
})
