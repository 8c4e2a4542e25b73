/**
 * How many hidden classes (V8 maps) a set of objects has between them, asked of the engine through
 * `%HaveSameMap`. Natives syntax is switched on when this module loads (for the whole process: V8's
 * flags are not per worker); it only lets code compiled afterwards parse `%` calls, hence the
 * `Function`, and changes nothing else.
 *
 * Why tests ask: Node 20's engine gives an object built as a spread with a key added
 * (`{ ...o, k: v }` where `o` has no `k`) a hidden class of its own once the code making it is
 * optimised, and everything reading such objects then runs through megamorphic lookups
 * (docs/explore.md, "Performance").
 */
import { setFlagsFromString } from 'node:v8'

setFlagsFromString('--allow-natives-syntax')
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: unknown, b: unknown) => boolean

export function hiddenClasses(objs: readonly unknown[]): number {
  const seen: unknown[] = []
  for (const o of objs) if (!seen.some((s) => sameMap(s, o))) seen.push(o)
  return seen.length
}
