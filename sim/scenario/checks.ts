/**
 * Small checking helpers shared by the scenario validators (validate.ts, validateWorld.ts,
 * validateSteps.ts, validatePolicySteps.ts).
 *
 * Every check either returns the value with a narrower type or throws `Invalid` carrying one line,
 * `<path>: <problem> (<fix>)`; `validateScenario` catches the first one. This way the first error in
 * document order is the one reported, and each helper names the path and the fix.
 */

/** The one error type of the validators; its message is the finished one-line report. */
export class Invalid extends Error {
  override readonly name = 'Invalid'
}

export type Obj = Readonly<Record<string, unknown>>

export function fail(path: string, problem: string, fix: string): never {
  throw new Invalid(`${path}: ${problem} (${fix})`)
}

/** `path.key`, or `path["odd key"]` when the key is not a plain identifier. */
export function at(path: string, key: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return path === '' ? key : `${path}.${key}`
  return `${path}[${JSON.stringify(key)}]`
}

export const idx = (path: string, i: number): string => `${path}[${i}]`

/** A quoted string, cut short so that the report stays one readable line. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text)
}

/** What a value is, for "expected X, got Y". */
export function show(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'string') return `the string ${quote(v)}`
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (typeof v === 'object') return 'an object'
  return typeof v
}

/** A comma-separated list of names, or a word saying there are none. */
export function list(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.join(', ')
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A JSON object (not null, not an array). */
export function object(v: unknown, path: string, fix: string): Obj {
  if (!isObj(v)) fail(path, `expected an object, got ${show(v)}`, fix)
  return v
}

/** Reject the first key (in the object's own order) that is not one of `valid`. */
export function onlyKeys(o: Obj, path: string, valid: readonly string[]): void {
  for (const key of Object.keys(o)) {
    if (!valid.includes(key)) fail(at(path, key), `unknown key ${quote(key)}`, `valid keys: ${valid.join(', ')}`)
  }
}

/** A field that must be present; `hint` says what to write there. */
export function required(o: Obj, key: string, path: string, hint: string): unknown {
  const v = o[key]
  if (v === undefined) fail(at(path, key), 'missing', hint)
  return v
}

export function string(v: unknown, path: string, fix: string, nonEmpty = true): string {
  if (typeof v !== 'string') fail(path, `expected a string, got ${show(v)}`, fix)
  if (nonEmpty && v.trim() === '') fail(path, 'empty string', fix)
  return v
}

export function boolean(v: unknown, path: string, fix: string): boolean {
  if (typeof v !== 'boolean') fail(path, `expected true or false, got ${show(v)}`, fix)
  return v
}

export function integer(v: unknown, path: string, min: number, max: number, fix: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    fail(path, `expected an integer from ${min} to ${max}, got ${show(v)}`, fix)
  }
  return v
}

/** An integer of at least `min` with no upper bound, or null for "no limit" (POL §5 max_users, max_clients). */
export function integerOrNull(v: unknown, path: string, min: number, fix: string): number | null {
  if (v === null) return null
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(path, `expected an integer of at least ${min} or null, got ${show(v)}`, fix)
  return v
}

export function array(v: unknown, path: string, fix: string, minLength = 0): readonly unknown[] {
  if (!Array.isArray(v)) fail(path, `expected an array, got ${show(v)}`, fix)
  if (v.length < minLength) fail(path, `empty list`, fix)
  return v
}

/** One of a fixed set of strings; `what` names the set in the message ("kind", "ordering", ...). */
export function choice<T extends string>(v: unknown, path: string, what: string, valid: readonly T[]): T {
  if (typeof v !== 'string') fail(path, `expected a string, got ${show(v)}`, `valid: ${valid.join(', ')}`)
  if (!(valid as readonly string[]).includes(v)) fail(path, `unknown ${what} ${quote(v)}`, `valid: ${valid.join(', ')}`)
  return v as T
}
