/**
 * Loading scenarios from disk: a `.json` file, or a `.ts`/`.mjs`/`.js` module whose `default` (or
 * `scenario`) export is the scenario object; then validation (validate.ts).
 *
 * Why here and not in the CLI: every front end (CLI, tests, benches) must report the same one-line
 * errors, each naming the file and the fix. Errors are `<file>: <problem>`, and a validation error is
 * `<file>: <path>: <problem> (<fix>)`.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { jsonSyntaxError } from './jsonSyntax.js'
import type { Scenario } from './types.js'
import { validateScenario } from './validate.js'

export type ScenarioLoad =
  | { readonly ok: true; readonly scenario: Scenario; /** Absolute path of the file it came from. */ readonly source: string }
  | { readonly ok: false; readonly error: string }

const MODULE_EXTENSIONS = ['.ts', '.mts', '.mjs', '.js']

const failed = (error: string): ScenarioLoad => ({ ok: false, error })

async function isFile(path: string): Promise<boolean | 'directory'> {
  try {
    const s = await stat(path)
    return s.isDirectory() ? 'directory' : s.isFile()
  } catch {
    return false
  }
}

/** Parse JSON text, or describe the first syntax error as `invalid JSON at line L column C: <msg>`. */
export function parseJson(text: string): { ok: true; json: unknown } | { ok: false; error: string } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  try {
    return { ok: true, json: JSON.parse(body) }
  } catch (e) {
    const where = jsonSyntaxError(body)
    if (where) return { ok: false, error: `invalid JSON at line ${where.line} column ${where.column}: ${where.message}` }
    return { ok: false, error: `invalid JSON: ${(e as Error).message}` }
  }
}

async function importScenario(path: string, abs: string): Promise<{ ok: true; json: unknown } | { ok: false; error: string }> {
  let mod: Record<string, unknown>
  try {
    mod = (await import(pathToFileURL(abs).href)) as Record<string, unknown>
  } catch (e) {
    // Two lines: esbuild (tsx) says "Transform failed with 1 error:" and gives the location next.
    const first = String(e instanceof Error ? e.message : e).split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' ')
    return { ok: false, error: `${path}: cannot load module: ${first} (fix the module so that \`npx tsx ${path}\` runs)` }
  }
  // A CommonJS module (e.g. compiled TS) imported from ESM arrives wrapped: its exports are `default`.
  const wrapped = mod.default as Record<string, unknown> | undefined
  if (typeof wrapped === 'object' && wrapped !== null && wrapped.__esModule === true) mod = wrapped
  const json = mod.default !== undefined ? mod.default : mod.scenario
  if (json === undefined) {
    return { ok: false, error: `${path}: the module exports neither \`default\` nor \`scenario\` (export the scenario object as \`export default { ... }\`)` }
  }
  return { ok: true, json }
}

/**
 * Read, parse and validate the scenario at `path` (relative paths resolve against the working
 * directory). `knownProperties` are the property names `expect` may use.
 */
export async function loadScenarioFile(path: string, knownProperties: readonly string[]): Promise<ScenarioLoad> {
  const abs = resolve(path)
  const kind = await isFile(abs)
  if (kind === false) return failed(`${path}: no such file (give a scenario name from \`mimi-sim list\` or a path to a .json file)`)
  if (kind === 'directory') return failed(`${path}: is a directory (give a scenario name from \`mimi-sim list\` or a path to a .json file)`)
  const ext = extname(abs).toLowerCase()
  let json: unknown
  if (ext === '.json') {
    const parsed = parseJson(await readFile(abs, 'utf8'))
    if (!parsed.ok) return failed(`${path}: ${parsed.error}`)
    json = parsed.json
  } else if (MODULE_EXTENSIONS.includes(ext)) {
    const imported = await importScenario(path, abs)
    if (!imported.ok) return failed(imported.error)
    json = imported.json
  } else {
    return failed(`${path}: unsupported file type "${ext || '(none)'}" (give a .json file, or a ${MODULE_EXTENSIONS.join('/')} module)`)
  }
  const checked = validateScenario(json, knownProperties)
  return checked.ok ? { ok: true, scenario: checked.scenario, source: abs } : failed(`${path}: ${checked.error}`)
}

/** The `.json` files directly in `dir` (e.g. the project's `scenarios/`), as absolute paths sorted by name; [] if `dir` is missing. */
export async function listScenarioFiles(dir: string): Promise<string[]> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw e
  }
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.json'))
    .map((e) => e.name)
    .sort()
    .map((name) => join(resolve(dir), name))
}
