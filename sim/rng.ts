/**
 * The run's seeded generator (design.md "One seed"): sfc32 seeded through splitmix32, so a run is a
 * pure function of its integer seed. Only the simulator draws from it; model code never does.
 */

export interface Rng {
  /** Uniform integer in [0, n). */
  int(n: number): number
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

export function seededRng(seed: number): Rng {
  const init = splitmix32(seed)
  let a = init(), b = init(), c = init(), d = init()
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t
  }
  return { int: (n) => (n <= 1 ? 0 : next() % n) }
}
