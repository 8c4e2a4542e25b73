/**
 * The identity of a search state: its actors' machine states and contexts, its network, its step
 * count (when steps are bounded) and its monitors' states, hash-consed by Canon; or, with symmetry
 * reduction, the least of its images under the world's symmetries (symmetry.ts).
 */
import { Canon, REDUCED } from './canon.js'
import { type ExploreModel, type GState, NO_EFFECTS } from './model.js'
import type { Symmetry } from './symmetry.js'

export class StateKeys {
  readonly canon = new Canon()
  private readonly ordered: boolean
  private readonly faulty: boolean
  private readonly counted: boolean

  constructor(
    model: ExploreModel,
    private readonly symmetry: Symmetry | null = null,
  ) {
    this.ordered = model.net.ordered
    this.faulty = model.net.faulty
    this.counted = model.maxSteps !== null
    // The outbox every stored context carries (exec.ts) becomes the one empty array the search keeps,
    // so walking a reaction's new snapshot finds it by identity instead of interning it again.
    this.canon.id(NO_EFFECTS)
  }

  /** The state's canonical id, and whether no state with that id was keyed before. */
  key(s: GState): { readonly id: number; readonly fresh: boolean } {
    const c = this.canon
    // A reduced state is a value (a tuple of its serialization); any other a state of the visited set (states.ts).
    const mark = this.symmetry ? c.size : c.stateMark
    const id = this.symmetry ? c.tuple(REDUCED, c.str(this.symmetry.canonical(s))) : this.flat(s, this.components(s)!)
    return { id, fresh: id >= mark }
  }

  /**
   * The ids of a state's actors and monitor states, in that order: what the search carries beside a
   * state so that a successor is keyed from the few ids its transition changed (exec.ts), not by
   * walking the state again. Null under symmetry reduction, whose key is a renamed serialization.
   */
  components(s: GState): number[] | null {
    if (this.symmetry) return null
    const c = this.canon
    const ids: number[] = new Array<number>(s.actors.length + s.mon.length).fill(0)
    s.actors.forEach((a, i) => (ids[i] = c.id(a)))
    s.mon.forEach((m, k) => (ids[s.actors.length + k] = c.id(m)))
    return ids
  }

  /**
   * `key` for a state whose components (above) are known, without walking it again. Returns the id
   * alone (no result object per successor); `fresh` tells about the last one.
   */
  keyOf(s: GState, ids: readonly number[] | null): number {
    if (!ids) {
      const k = this.key(s)
      this.fresh = k.fresh
      return k.id
    }
    const mark = this.canon.stateMark
    const id = this.flat(s, ids)
    this.fresh = id >= mark
    return id
  }

  /** Whether the state last keyed by `keyOf` had not been keyed before. */
  fresh = false

  /** A state as one flat sequence: its component ids, step count and network (canon.ts `state`). */
  private flat(s: GState, ids: readonly number[]): number {
    const c = this.canon
    return c.state(ids, c.num(this.counted ? s.steps : 0), s.net, this.ordered, this.faulty)
  }

  fingerprint(id: number): string {
    return this.canon.fingerprint(id)
  }

  /** Which of `n` shards owns a state (by fingerprint, so every process agrees). */
  owner(id: number, n: number): number {
    return (this.canon.fpLo(id) >>> 0) % n
  }

  fp(id: number): readonly [number, number] {
    return [this.canon.fpHi(id) >>> 0, this.canon.fpLo(id) >>> 0]
  }

  /** The fingerprint of a transition: its source state's and its move code (exec.ts), mixed. */
  edgeFp(from: number, code: number): readonly [number, number] {
    const c = Math.imul(code + 0x3c6ef372, 0x9e3779b1)
    const hi = Math.imul(this.canon.fpHi(from) ^ c, 0x85ebca6b)
    const lo = Math.imul(this.canon.fpLo(from) ^ (c >>> 7) ^ code, 0xc2b2ae35)
    return [(hi ^ (hi >>> 15)) >>> 0, (lo ^ (lo >>> 13)) >>> 0]
  }
}
