/**
 * The visited set: every search state met, as its flat sequence of value ids (canon.ts `state`),
 * each numbered in order of first appearance. It is the explorer's largest table — one entry per
 * unique state, against a few hundred thousand distinct values on the S2 world — so it lives apart
 * from the value table: the values' slots, children and representatives stay dense, and a state
 * lookup touches one slot (its hash, and where and how long its sequence is) and the sequence.
 * Canon hands out a state's number tagged with STATE (states.ts ids never meet value ids), and
 * computes its fingerprint from its children's when asked.
 */
import { grown } from './grow.js'

/** Set on every state id Canon hands out: value ids stay below it. */
export const STATE = 1 << 30

/** Words per slot: state number + 1 (0 when empty), hash, where its sequence starts, its length. */
const SLOT = 4

export class StateTable {
  private slots = new Int32Array(SLOT << 16)
  /** Per state number: where its sequence starts in `pool`; its length is the next start's distance. */
  private starts = new Int32Array(1 << 16)
  private pool = new Int32Array(1 << 18)
  private used = 0
  private count = 0

  /** How many states are in the set. */
  get size(): number {
    return this.count
  }

  /** The number of the state whose sequence is arr[from, from + n), added if new (then it is `size` before). */
  add(hash: number, arr: Int32Array, from: number, n: number): number {
    const slots = this.slots
    const mask = slots.length / SLOT - 1
    let slot = hash & mask
    for (;;) {
      const at = slots[SLOT * slot]! - 1
      if (at < 0) break
      if (slots[SLOT * slot + 1] === hash && slots[SLOT * slot + 3] === n && this.same(slots[SLOT * slot + 2]!, arr, from, n)) return at
      slot = (slot + 1) & mask
    }
    const x = this.count++
    this.pool = grown(this.pool, this.used + n)
    const pool = this.pool
    const start = this.used
    for (let i = 0; i < n; i++) pool[start + i] = arr[from + i]!
    this.used += n
    this.starts = grown(this.starts, x + 2)
    this.starts[x] = start
    this.starts[x + 1] = this.used
    slots[SLOT * slot] = x + 1
    slots[SLOT * slot + 1] = hash
    slots[SLOT * slot + 2] = start
    slots[SLOT * slot + 3] = n
    if (this.count * 2 * SLOT > slots.length) this.grow()
    return x
  }

  /** Where state `x`'s sequence starts in `children()`. */
  start(x: number): number {
    return this.starts[x]!
  }

  /** The length of state `x`'s sequence. */
  length(x: number): number {
    return this.starts[x + 1]! - this.starts[x]!
  }

  /** The pool every sequence lies in (read it from `start(x)`, `length(x)` ids). */
  children(): Int32Array {
    return this.pool
  }

  private same(start: number, arr: Int32Array, from: number, n: number): boolean {
    const pool = this.pool
    for (let i = 0; i < n; i++) if (pool[start + i] !== arr[from + i]) return false
    return true
  }

  /** Twice the slots, every entry moved over from its old slot (no sequence is read again). */
  private grow(): void {
    const old = this.slots
    const slots = new Int32Array(old.length * 2)
    const mask = slots.length / SLOT - 1
    for (let o = 0; o < old.length; o += SLOT) {
      if (old[o] === 0) continue
      let slot = old[o + 1]! & mask
      while (slots[SLOT * slot] !== 0) slot = (slot + 1) & mask
      for (let w = 0; w < SLOT; w++) slots[SLOT * slot + w] = old[o + w]!
    }
    this.slots = slots
  }
}
