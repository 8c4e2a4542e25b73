/**
 * Command-line parsing for `mimi-sim`: a command, positionals and `--flags`. Bad usage is a
 * `UsageError` whose message is the one line the user sees (exit 2), naming the flag and the fix.
 */

export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export type FlagKind = 'boolean' | 'string' | 'int' | 'list'

export interface FlagSpec {
  readonly kind: FlagKind
  /** One line for --help. */
  readonly help: string
  readonly value?: string
}

export interface Parsed {
  readonly positionals: readonly string[]
  readonly flags: Readonly<Record<string, string | boolean | number | readonly string[]>>
}

export function parseArgs(argv: readonly string[], specs: Readonly<Record<string, FlagSpec>>, command: string): Parsed {
  const positionals: string[] = []
  const flags: Record<string, string | boolean | number | string[]> = {}
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq)
    const spec = specs[name]
    if (!spec) {
      const known = Object.keys(specs).sort().map((f) => `--${f}`).join(', ')
      throw new UsageError(`unknown flag --${name} (known: ${known}; see mimi-sim ${command} --help)`)
    }
    if (spec.kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value (write just --${name})`)
      flags[name] = true
      continue
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++k]
    if (value === undefined || (eq < 0 && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value (e.g. --${name} ${spec.value ?? 'VALUE'})`)
    }
    if (spec.kind === 'int') {
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new UsageError(`--${name}: "${value}" is not a non-negative integer (e.g. --${name} ${spec.value ?? '42'})`)
      flags[name] = Number(value)
    } else if (spec.kind === 'list') {
      flags[name] = [...((flags[name] as string[] | undefined) ?? []), value]
    } else {
      flags[name] = value
    }
  }
  return { positionals, flags }
}

/** `--design a=b --design c=d` → `{ a: 'b', c: 'd' }`. */
/** At most `max` positional arguments; a stray one is a usage error, not silently ignored. */
export function atMost(positionals: readonly string[], max: number, command: string, what: string): void {
  if (positionals.length > max) throw new UsageError(`unexpected argument "${positionals[max]}" (${command} takes ${what}; see mimi-sim ${command} --help)`)
}

export function designFlags(values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const v of values ?? []) {
    const m = /^([A-Za-z][\w-]*)=(.+)$/.exec(v)
    if (!m) throw new UsageError(`--design "${v}": expected key=value (e.g. --design policy=mls)`)
    out[m[1]!] = m[2]!
  }
  return out
}

/** `--choices 1,0,2` → [1, 0, 2]. */
export function choiceList(text: string): number[] {
  if (text.trim() === '') return []
  const parts = text.split(',')
  if (!parts.every((p) => /^\d+$/.test(p.trim()))) throw new UsageError(`--choices "${text}": expected comma-separated non-negative integers (e.g. --choices 0,2,1)`)
  return parts.map((p) => Number(p.trim()))
}
