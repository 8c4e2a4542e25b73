/**
 * What bench:instructions reads of cachegrind's summary (valgrind --tool=cachegrind --cache-sim=yes):
 * instructions executed and first-level data-cache misses. Not its last-level figures: valgrind 3.19
 * takes the last level's size from the host, whatever --LL says, and a VM may report hundreds of MB,
 * so they count little but first touches. Read in one place, tested on abridged output
 * (test/bench/cachegrind.test.ts).
 */

export interface CacheCounts {
  readonly instructions: number
  readonly d1Misses: number
}

/** The counts in cachegrind's summary on stderr, or null when it printed none (it failed, or ran no program). */
export function parseCachegrind(stderr: string): CacheCounts | null {
  const count = (label: string): number | null => {
    const m = new RegExp(`==\\d+== ${label}:\\s+([\\d,]+)`).exec(stderr)
    return m ? Number(m[1]!.replaceAll(',', '')) : null
  }
  const instructions = count('I\\s+refs')
  const d1Misses = count('D1\\s+misses')
  if (instructions === null || d1Misses === null) return null
  return { instructions, d1Misses }
}
