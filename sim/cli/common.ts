/**
 * Shared CLI plumbing: finding scenarios by name or path, resolving the design, writing output
 * files without ever clobbering something the user wrote.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { applyDesign, completeDesign, DEFAULT_DESIGN, type Design, type DesignInput } from '../../model/design.js'
import type { EngineName } from '../../model/mls/types.js'
import { propertyIds } from '../../properties/index.js'
import { listScenarioFiles, loadScenarioFile } from '../scenario/index.js'
import type { Scenario } from '../scenario/types.js'
import { UsageError } from './args.js'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const SCENARIO_DIR = join(ROOT, 'scenarios')
export const OUT_DIR = 'out'

export function engineFlag(value: unknown, fallback: EngineName): EngineName {
  if (value === undefined) return fallback
  if (value !== 'real' && value !== 'symbolic') throw new UsageError(`--engine "${String(value)}": unknown engine (valid: real, symbolic)`)
  return value
}

export function resolveDesign(scenario: Scenario | null, overrides: Record<string, string>): Design {
  const base = applyDesign(DEFAULT_DESIGN, scenario?.design ?? {})
  if (!base.ok) throw new UsageError(`scenario design: ${base.error}`)
  const d = applyDesign(base.design, overrides)
  if (!d.ok) throw new UsageError(`--design: ${d.error}`)
  return d.design
}

export async function catalogue(): Promise<{ file: string; scenario: Scenario }[]> {
  const files = await listScenarioFiles(SCENARIO_DIR)
  const out: { file: string; scenario: Scenario }[] = []
  for (const file of files) {
    const loaded = await loadScenarioFile(file, propertyIds())
    if (!loaded.ok) throw new Error(`the scenario catalogue is broken: ${loaded.error}`)
    out.push({ file, scenario: loaded.scenario })
  }
  return out
}

/** A scenario named by catalogue name (`baseline-add`) or by path (`my/run.json`). */
export async function loadScenarioArg(arg: string | undefined, command: string): Promise<Scenario> {
  if (!arg) throw new UsageError(`name a scenario (see mimi-sim list) or a .json/.ts file (see mimi-sim ${command} --help)`)
  const byName = join(SCENARIO_DIR, `${arg}.json`)
  const path = /[/\\]|\.(json|ts|mts|mjs|js)$/.test(arg) ? arg : byName
  if (path === byName && !existsSync(byName)) {
    const names = (await listScenarioFiles(SCENARIO_DIR)).map((f) => relative(SCENARIO_DIR, f).replace(/\.json$/, ''))
    throw new UsageError(`no scenario named "${arg}" (known: ${names.join(', ')}; or give a path to a .json file)`)
  }
  const loaded = await loadScenarioFile(path, propertyIds())
  if (!loaded.ok) throw new UsageError(loaded.error)
  return loaded.scenario
}

/**
 * out/<scenario>--<knob>-<value>….json, naming the policy knob always and every other knob only when
 * it differs from its default, so paths stay short and stable as knobs are added.
 */
export function defaultTracePath(name: string, design: DesignInput, suffix = ''): string {
  const full = completeDesign(design)
  const knobs = (Object.keys(full).sort() as (keyof Design)[]).filter((k) => k === 'policy' || full[k] !== DEFAULT_DESIGN[k])
  return join(OUT_DIR, `${name}--${knobs.map((k) => `${k}-${full[k]}`).join('--')}${suffix}.json`)
}

export const CEX_DESCRIPTION = 'Counterexample found by mimi-sim check'

/** A file mimi-sim wrote: a trace, or the scenario `check` writes for a counterexample. */
function writtenByUs(path: string): boolean {
  try {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { format?: unknown; description?: unknown }
    return doc.format === 'mimi-sim/trace' || (typeof doc.description === 'string' && doc.description.startsWith(CEX_DESCRIPTION))
  } catch {
    return false
  }
}

/** Write a JSON document we produced; refuse to overwrite any file that is not one of ours. */
export function writeOutput(path: string, data: unknown): string {
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new UsageError(`${path} is a directory (give a file name, e.g. ${join(path, 'trace.json')})`)
    if (!writtenByUs(path)) throw new UsageError(`refusing to overwrite ${path}: it is not a file mimi-sim wrote (choose another --out)`)
  }
  mkdirSync(dirname(path) || '.', { recursive: true })
  writeFileSync(path, JSON.stringify(data, null, 1) + '\n')
  return path
}

export const knownPropertyList = (): string => propertyIds().join(', ')
