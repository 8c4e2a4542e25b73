/**
 * Small helpers the benchmarks share: medians, a stopwatch and interleaved repetitions.
 * Measures nothing itself.
 *
 * Why interleaving: the machines are shared and noisy, so each repetition runs the measured variant
 * and its baseline back to back (in alternating order); a burst of load then hits both, and ratios
 * are taken per repetition before the median. Why CPU time beside wall time: when other jobs share
 * the cores (a load average above the core count is common here), wall time mostly measures waiting
 * for a core, while the process's CPU time measures the work; ratios are reported on both.
 */

/** A positive whole number from the environment variable `name`, or a one-line error naming it, from `tool` (exit 2). */
export function positiveEnv(tool: string, name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (Number.isInteger(n) && n > 0) return n
  process.stderr.write(`${tool}: ${name}=${JSON.stringify(raw)} is not a positive whole number (e.g. ${name}=${fallback})\n`)
  process.exit(2)
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** Wall-clock and CPU milliseconds (CPU: this process, all its threads — crypto and GC included). */
export interface Span {
  readonly wall: number
  readonly cpu: number
}

const cpuMs = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** Start a stopwatch; calling the result gives the span since. */
export function stopwatch(): () => Span {
  const wall = performance.now()
  const cpu = cpuMs()
  return () => ({ wall: performance.now() - wall, cpu: cpuMs() - cpu })
}

/**
 * Run `warmup` untimed rounds, then `reps` rounds; in each round every variant runs once (in
 * alternating order) and returns its figures. Returns, per variant, the list of figures over the timed rounds.
 */
export async function interleave<K extends string, F>(
  variants: Readonly<Record<K, () => Promise<F>>>,
  reps: number,
  warmup: number,
): Promise<Record<K, F[]>> {
  const keys = Object.keys(variants) as K[]
  const out = Object.fromEntries(keys.map((k) => [k, [] as F[]])) as Record<K, F[]>
  for (let r = 0; r < warmup + reps; r++) {
    // Alternate the order (ABC, CBA, ...) so that no variant always runs right after another's garbage.
    for (const k of r % 2 === 0 ? keys : [...keys].reverse()) {
      const f = await variants[k]()
      if (r >= warmup) out[k].push(f)
    }
  }
  return out
}

/** A figure on CPU time and on wall time. */
export interface Both {
  readonly cpu: number
  readonly wall: number
}

export const medianSpan = (xs: readonly Span[]): Both => ({ cpu: median(xs.map((x) => x.cpu)), wall: median(xs.map((x) => x.wall)) })

/** Median over repetitions of num[i] / den[i]: ratios paired within a repetition, so noise cancels. */
export const pairedRatio = (num: readonly Span[], den: readonly Span[]): Both => ({
  cpu: median(num.map((x, i) => x.cpu / den[i]!.cpu)),
  wall: median(num.map((x, i) => x.wall / den[i]!.wall)),
})
