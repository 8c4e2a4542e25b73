/**
 * The explorer's integer tables grow by doubling, and they are kept in place rather than
 * re-allocated on every step: typed arrays do not grow on their own.
 */

/** `a` itself if it holds at least `need` elements, else a copy at least twice as long. */
export function grown(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a
  const b = new Int32Array(Math.max(a.length * 2, need))
  b.set(a)
  return b
}
