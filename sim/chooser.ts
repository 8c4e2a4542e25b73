/**
 * The one choice point (design.md "One choice point"). Every nondeterministic decision — which
 * pending message goes next, whether it is dropped or duplicated, which option a malicious actor
 * takes — is a call `choose(options)` returning an index. The same runner then serves seeded random
 * runs, fast-check search (which supplies and shrinks the choice list), and exact replay.
 *
 * Every chooser records what it picked, so any run can be replayed from `taken`.
 */
import type { Rng } from './rng.js'

export interface Chooser {
  choose(options: readonly string[]): number
  /** The indices picked so far, one per call with more than one option. */
  readonly taken: readonly number[]
}

/** Picks uniformly with the run's generator. */
export function randomChooser(rng: Rng): Chooser {
  const taken: number[] = []
  return {
    taken,
    choose(options) {
      if (options.length <= 1) return 0
      const i = rng.int(options.length)
      taken.push(i)
      return i
    },
  }
}

/** Replays a recorded list; past its end it picks option 0 (the quiet choice: deliver in order, stay honest). */
export function replayChooser(choices: readonly number[]): Chooser {
  const taken: number[] = []
  let k = 0
  return {
    taken,
    choose(options) {
      if (options.length <= 1) return 0
      const want = k < choices.length ? choices[k]! : 0
      k += 1
      const i = ((want % options.length) + options.length) % options.length
      taken.push(i)
      return i
    },
  }
}
