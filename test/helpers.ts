/** Test helpers: load the catalogue, run a scenario, hash a trace. */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DesignInput as Design } from '../model/design.js'
import type { EngineName } from '../model/mls/types.js'
import { PROPERTIES } from '../properties/index.js'
import { runScenario } from '../sim/runner.js'
import type { Scenario } from '../sim/scenario/types.js'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))

export function catalogue(): Scenario[] {
  const dir = join(ROOT, 'scenarios')
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Scenario)
}

export function scenario(name: string): Scenario {
  return JSON.parse(readFileSync(join(ROOT, 'scenarios', `${name}.json`), 'utf8')) as Scenario
}

export function run(s: Scenario, design: Design, engine: EngineName, seed = 0, choices?: number[]) {
  return runScenario(s, { design, engine, seed, properties: PROPERTIES, ...(choices ? { choices } : {}) })
}

export const sha = (text: string): string => createHash('sha256').update(text).digest('hex')
