/**
 * Small helpers the benchmarks share: medians, a wall-clock timer and interleaved repetitions.
 *
 * Measures nothing itself. Why interleaving: the machines are shared and noisy, so each repetition
 * runs the measured variant and its baseline back to back; a burst of load then hits both, and the
 * median of their per-repetition figures is what the report shows (never a wall-clock bound).
 */

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** Milliseconds `fn` takes (one call). */
export async function timeMs(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
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

/** Median of one numeric field over a list of figure records. */
export const med = <F>(xs: readonly F[], pick: (f: F) => number): number => median(xs.map(pick))
