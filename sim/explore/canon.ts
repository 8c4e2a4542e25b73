/**
 * Canonical identity for search states, by hash-consing: every distinct value gets a small integer
 * id from its structure (object keys sorted, arrays in order, strings interned), so two states are
 * "the same" exactly when they are structurally equal — no hash collisions to reason about for
 * deduplication. Search states are immutable and share most of their parts with their parent, so a
 * WeakMap from object to id means only the parts a transition created are visited.
 *
 * Every id also carries a 64-bit fingerprint computed from content alone (two 32-bit lanes of
 * murmur-style mixing over the children's fingerprints), identical in every process: shards and
 * worker threads exchange those, and the probability that two of n distinct states share one is
 * about n² / 2⁶⁵ (≈ 3·10⁻⁶ for 10 million states; docs/explore.md).
 *
 * Not part of identity: the network's envelope ids (the model never sees them) and the order of
 * pending messages across links (only each link's order can matter); see netKey.
 */
import type { Env, NetState } from './net.js'

const SHARDS = 64

function mix(h: number, x: number): number {
  x = Math.imul(x, 0xcc9e2d51)
  x = (x << 15) | (x >>> 17)
  x = Math.imul(x, 0x1b873593)
  h ^= x
  h = (h << 13) | (h >>> 19)
  return (Math.imul(h, 5) + 0xe6546b64) | 0
}

function fmix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}

export class Canon {
  private readonly byObject = new WeakMap<object, number>()
  private readonly strings = new Map<string, number>()
  private readonly tables: Map<string, number>[] = Array.from({ length: SHARDS }, () => new Map())
  private readonly shapes = new Map<string, readonly number[]>()
  private hi = new Int32Array(1 << 16)
  private lo = new Int32Array(1 << 16)
  private next = 0
  /** Fields left out of identity for objects that have them (by key name). */
  constructor(private readonly ignore: ReadonlySet<string> = new Set()) {}

  get size(): number {
    return this.next
  }

  private fresh(h1: number, h2: number): number {
    const id = this.next++
    if (id >= this.hi.length) {
      const hi = new Int32Array(this.hi.length * 2)
      hi.set(this.hi)
      this.hi = hi
      const lo = new Int32Array(this.lo.length * 2)
      lo.set(this.lo)
      this.lo = lo
    }
    this.hi[id] = fmix(h1)
    this.lo[id] = fmix(h2 ^ h1)
    return id
  }

  /** The 64-bit fingerprint of an id, as 16 hex digits. */
  fingerprint(id: number): string {
    return (this.hi[id]! >>> 0).toString(16).padStart(8, '0') + (this.lo[id]! >>> 0).toString(16).padStart(8, '0')
  }

  fpHi(id: number): number {
    return this.hi[id]!
  }

  fpLo(id: number): number {
    return this.lo[id]!
  }

  str(s: string): number {
    let id = this.strings.get(s)
    if (id === undefined) {
      let a = 0x811c9dc5 | 0
      let b = 0x2545f491 | 0
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i)
        a = Math.imul(a ^ c, 0x01000193)
        b = mix(b, c)
      }
      id = this.fresh(mix(a, s.length), mix(b, 0x5f3759df))
      this.strings.set(s, id)
    }
    return id
  }

  /** Intern a node whose identity is `key`; `h1`/`h2` are its content hash lanes so far. */
  node(key: string, h1: number, h2: number): number {
    const table = this.tables[(key.length + key.charCodeAt(key.length - 1)) & (SHARDS - 1)]!
    let id = table.get(key)
    if (id === undefined) {
      id = this.fresh(mix(h1, key.charCodeAt(0)), h2)
      table.set(key, id)
    }
    return id
  }

  /** Whether an id was made after `mark` (a mark is a previous `size`). */
  isNewSince(id: number, mark: number): boolean {
    return id >= mark
  }

  private sortedOrder(keys: readonly string[]): readonly number[] {
    const sig = keys.join('\u0001')
    let order = this.shapes.get(sig)
    if (!order) {
      order = keys.map((_, i) => i).filter((i) => !this.ignore.has(keys[i]!)).sort((x, y) => (keys[x]! < keys[y]! ? -1 : 1))
      this.shapes.set(sig, order)
    }
    return order
  }

  /** The id of any plain value: null, boolean, number, string, array or plain object. */
  id(v: unknown): number {
    switch (typeof v) {
      case 'string':
        return this.str(v)
      case 'number':
        return this.node(`#${v}`, mix(7, v | 0), mix(11, Math.round((v - (v | 0)) * 1e9)))
      case 'boolean':
        return this.node(v ? 'T' : 'F', v ? 3 : 5, 13)
      case 'undefined':
        return this.node('U', 17, 19)
      case 'object':
        break
      default:
        throw new TypeError(`a search state holds a ${typeof v}; states must be plain data`)
    }
    if (v === null) return this.node('N', 23, 29)
    const o = v as object
    const known = this.byObject.get(o)
    if (known !== undefined) return known
    let h1 = 31
    let h2 = 37
    let key: string
    if (Array.isArray(o)) {
      key = '['
      h1 = mix(h1, 0xa77a)
      for (let i = 0; i < o.length; i++) {
        const c = this.id(o[i])
        key += c + ','
        h1 = mix(h1, this.hi[c]!)
        h2 = mix(h2, this.lo[c]!)
      }
    } else {
      const rec = o as Record<string, unknown>
      const keys = Object.keys(rec)
      const order = this.sortedOrder(keys)
      key = '{'
      for (const i of order) {
        const k = keys[i]!
        const kid = this.str(k)
        const c = this.id(rec[k])
        key += kid + ':' + c + ','
        h1 = mix(mix(h1, this.hi[kid]!), this.hi[c]!)
        h2 = mix(mix(h2, this.lo[kid]!), this.lo[c]!)
      }
    }
    const id = this.node(key, h1, h2)
    this.byObject.set(o, id)
    return id
  }

  /** An envelope without its id: who to whom, what, which copy. */
  env(e: Env): number {
    const known = this.byObject.get(e)
    if (known !== undefined) return known
    const f = this.str(e.from)
    const t = this.str(e.to)
    const m = this.id(e.msg)
    const key = `E${f},${t},${m},${e.copy}`
    const id = this.node(key, mix(mix(mix(41, this.hi[f]!), this.hi[t]!), mix(this.hi[m]!, e.copy)), mix(mix(mix(43, this.lo[f]!), this.lo[t]!), this.lo[m]!))
    this.byObject.set(e, id)
    return id
  }

  /**
   * The network's identity: per link (ordered by actor index) its FIFO sequence, or for an
   * unordered network the multiset of envelopes (ordered by fingerprint, so it is the same in
   * every process); plus the fault count when faults are possible.
   */
  net(n: NetState, ordered: boolean, faulty: boolean): number {
    const known = this.byObject.get(n)
    if (known !== undefined) return known
    const ids = n.pending.map((e) => this.env(e))
    let order: number[]
    if (ordered) order = ids.map((_, i) => i).sort((x, y) => n.pending[x]!.link - n.pending[y]!.link || x - y)
    else order = ids.map((_, i) => i).sort((x, y) => this.hi[ids[x]!]! - this.hi[ids[y]!]! || this.lo[ids[x]!]! - this.lo[ids[y]!]! || x - y)
    let key = faulty ? `Q${n.faults}|` : 'Q|'
    let h1 = mix(47, faulty ? n.faults : -1)
    let h2 = 53
    for (const i of order) {
      const c = ids[i]!
      key += c + ','
      h1 = mix(h1, this.hi[c]!)
      h2 = mix(h2, this.lo[c]!)
    }
    const id = this.node(key, h1, h2)
    this.byObject.set(n, id)
    return id
  }
}
