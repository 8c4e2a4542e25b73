/**
 * Canonical identity for search states, by hash-consing: every distinct value gets a small integer
 * id from its structure (object keys sorted, arrays in order, strings interned), so two states are
 * "the same" exactly when they are structurally equal — no hash collisions to reason about for
 * deduplication. Search states are immutable and share most of their parts with their parent, so a
 * map from object to id means only the parts a transition created are visited. It is a Map by
 * identity, several times cheaper to fill than a WeakMap, capped so that it cannot keep every state
 * the search ever dropped alive: past REMEMBERED objects it starts afresh, and older objects are
 * simply walked again (their ids do not change).
 *
 * The first object met with an id is its representative (`rep`), and walking a value swaps each
 * part of it for the representative of that part's id, in place. Equal parts thus become one
 * object wherever the search built them: the search holds one copy of each, the identity map above
 * finds them, and the model's own caches keyed by identity (policy verdicts, encodings) hit across
 * branches. The swap is safe because search states are plain immutable data and the model is a
 * function of their content, not of object identity (model/mls/sameWire.ts).
 *
 * A composite value is interned as its sequence of child ids (for an object: key id, value id, in
 * key order) in an open-addressing table keyed by a hash of those ids and checked child by child, so
 * no key text is built; an object's sorted key order is looked up once per shape (the sequence of
 * its keys as created) in a trie. Ids are handed out in order of first appearance: the same search
 * numbers its values the same way every time.
 *
 * Every id also carries a 64-bit fingerprint computed from content alone (two 32-bit lanes of
 * murmur-style mixing over the children's fingerprints), identical in every process: shards and
 * worker threads exchange those, and the probability that two of n distinct states share one is
 * about n² / 2⁶⁵ (≈ 3·10⁻⁶ for 10 million states; docs/explore.md). A composite's is computed only
 * when asked for; its place in the table comes from its children's ids.
 *
 * Not part of identity: the network's envelope ids (the model never sees them) and the order of
 * pending messages across links (only each link's order can matter); see `state`.
 */
import { grown } from './grow.js'
import type { Env, NetState } from './net.js'
import { STATE, StateTable } from './states.js'

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

/** Kinds of composite value; part of a value's identity and of its fingerprint. */
export const ARRAY = 1
export const OBJECT = 2
const ENVELOPE = 3
/** Free for callers (keys.ts): a symmetry-reduced state. */
export const REDUCED = 6
/** A search state as one flat sequence (states.ts): actor snapshot ids, monitor state ids, network, step count. */
export const FLAT_STATE = 7

/** Small non-negative integers get their ids from an array rather than a Map. */
const SMALL_INTS = 1024

/** Objects remembered by identity at most; past it the shortcut starts afresh (ids stay). */
const REMEMBERED = 1 << 20

interface Shape {
  readonly key: string
  readonly parent: Shape | null
  readonly depth: number
  next: Map<string, Shape> | null
  /** The child of `next` last taken, and its key. */
  lastKey: string | null
  last: Shape | null
  /** At the end of a key sequence: insertion positions in sorted key order (ignored keys left out), those keys' ids and names. */
  order: Int32Array | null
  kids: Int32Array | null
  names: string[] | null
}

export class Canon {
  private seen = new Map<object, number>()
  /** Per composite id made by `id`, its representative: the first object met with it. */
  private reps: (object | undefined)[] = []
  private readonly strings = new Map<string, number>()
  private readonly numbers = new Map<number, number>()
  private readonly smallInts = new Int32Array(SMALL_INTS).fill(-1)
  private readonly shapes: Shape = { key: '', parent: null, depth: 0, next: null, lastKey: null, last: null, order: null, kids: null, names: null }
  /**
   * Per id, side by side so one cache line serves a lookup (the tables outgrow the caches in a
   * large search): its fingerprint's two lanes at 2·id, 2·id + 1 (both 0 for a composite until
   * `fingerprinted`); its kind (0 for atoms) × 2²⁴ + child count, then where its child sequence lies
   * in `pool`, at the same places in `meta`.
   */
  private fps = new Int32Array(1 << 17)
  private meta = new Int32Array(1 << 17)
  private pool = new Int32Array(1 << 18)
  private poolSize = 0
  /** Open addressing, two words a slot: id + 1 (0 when empty) and the id's table hash (`tableHash`). */
  private slots = new Int32Array(1 << 17)
  private interned = 0
  /** Per composite id, its table hash (so growing the table re-reads no children). */
  private hashes = new Int32Array(1 << 16)
  /** Scratch for a network's envelope ids (pushNet; no nested call uses it). */
  private envIds = new Int32Array(16)
  /** Scratch stacks for the child ids and values being gathered (nested calls use what lies above). */
  private ints = new Int32Array(1 << 12)
  private isp = 0
  private readonly vals: unknown[] = []
  private vsp = 0
  private next = 0
  /** The search states, apart from the values (states.ts); their ids carry STATE. */
  private readonly states = new StateTable()
  /** Per state number, its fingerprint's two lanes (both 0 until asked for), as `fps` for values. */
  private stateFps = new Int32Array(1 << 17)
  private readonly nullId: number
  private readonly trueId: number
  private readonly falseId: number
  private readonly undefinedId: number

  /** Fields left out of identity for objects that have them (by key name). */
  constructor(private readonly ignore: ReadonlySet<string> = new Set()) {
    this.nullId = this.atom(23, 29)
    this.trueId = this.atom(3, 13)
    this.falseId = this.atom(5, 13)
    this.undefinedId = this.atom(17, 19)
  }

  /** How many values have ids: a value id at or past a previous `size` is new since. */
  get size(): number {
    return this.next
  }

  /** `size` for search states: a state id at or past a previous `stateMark` is new since. */
  get stateMark(): number {
    return STATE + this.states.size
  }

  private known(o: object): number | undefined {
    return this.seen.get(o)
  }

  private remember(o: object, id: number): void {
    if (this.seen.size >= REMEMBERED) this.seen = new Map()
    this.seen.set(o, id)
  }

  private fresh(h1: number, h2: number): number {
    const id = this.next++
    this.fps = grown(this.fps, 2 * id + 2)
    this.meta = grown(this.meta, 2 * id + 2)
    // Kept dense (one slot per id) so the engine never turns it into a dictionary.
    this.reps.push(undefined)
    this.fps[2 * id] = fmix(h1)
    this.fps[2 * id + 1] = fmix(h2 ^ h1)
    return id
  }

  private atom(h1: number, h2: number): number {
    return this.fresh(h1, h2)
  }

  /** The 64-bit fingerprint of an id, as 16 hex digits. */
  fingerprint(id: number): string {
    return (this.fpHi(id) >>> 0).toString(16).padStart(8, '0') + (this.fpLo(id) >>> 0).toString(16).padStart(8, '0')
  }

  fpHi(id: number): number {
    if (id >= STATE) return this.stateFp(id - STATE, 0)
    this.fingerprinted(id)
    return this.fps[2 * id]!
  }

  fpLo(id: number): number {
    if (id >= STATE) return this.stateFp(id - STATE, 1)
    this.fingerprinted(id)
    return this.fps[2 * id + 1]!
  }

  /** Lane `lane` of state `x`'s fingerprint: a composite's formula over its children, as if it were one. */
  private stateFp(x: number, lane: number): number {
    this.stateFps = grown(this.stateFps, 2 * x + 2)
    const fps = this.stateFps
    if (fps[2 * x] === 0 && fps[2 * x + 1] === 0) {
      const n = this.states.length(x)
      const start = this.states.start(x)
      const kids = this.states.children()
      for (let i = start; i < start + n; i++) this.fingerprinted(kids[i]!)
      const [h1, h2] = this.mixChildren(FLAT_STATE, kids, start, n)
      fps[2 * x] = h1
      fps[2 * x + 1] = h2
    }
    return fps[2 * x + lane]!
  }

  /** A composite's fingerprint lanes from its kind and its children's fingerprints (children fingerprinted first). */
  private mixChildren(k: number, kids: Int32Array, start: number, n: number): [number, number] {
    const fps = this.fps
    let h1 = mix(31, k * 0x9e3779b1 + n)
    let h2 = mix(37, k)
    for (let i = start; i < start + n; i++) {
      const c = 2 * kids[i]!
      h1 = mix(h1, fps[c]!)
      h2 = mix(h2, fps[c + 1]!)
    }
    return [fmix(h1), fmix(h2 ^ h1)]
  }

  /**
   * A composite's fingerprint is computed when first asked for (shards, coverage, symmetry, an
   * unordered network's order), from its children's, which are computed first. Interning reads only
   * the children's ids, which are at hand, where their fingerprints lie all over the table.
   */
  private fingerprinted(id: number): void {
    const fps = this.fps
    if (fps[2 * id] !== 0 || fps[2 * id + 1] !== 0) return
    const shape = this.meta[2 * id]!
    if (shape < 0x1000000) return
    const k = shape >>> 24
    const n = shape & 0xffffff
    const start = this.meta[2 * id + 1]!
    for (let i = start; i < start + n; i++) this.fingerprinted(this.pool[i]!)
    const [h1, h2] = this.mixChildren(k, this.pool, start, n)
    fps[2 * id] = h1
    fps[2 * id + 1] = h2
  }

  /** The table hash of a composite of `shape` over child ids arr[from, to) (its ids, not its fingerprint: see `fingerprinted`). */
  private tableHash(shape: number, arr: Int32Array, from: number, to: number): number {
    let h = mix(41, shape)
    for (let i = from; i < to; i++) h = mix(h, arr[i]!)
    return fmix(h)
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

  num(v: number): number {
    if (v >= 0 && v < SMALL_INTS && (v | 0) === v) {
      const known = this.smallInts[v]!
      if (known >= 0) return known
      const id = this.fresh(mix(7, v), mix(11, 0))
      this.smallInts[v] = id
      return id
    }
    let id = this.numbers.get(v)
    if (id === undefined) {
      id = this.fresh(mix(7, v | 0), mix(11, Math.round((v - (v | 0)) * 1e9)))
      this.numbers.set(v, id)
    }
    return id
  }

  /** Whether an id was made after `mark` (a mark is a previous `size`). */
  isNewSince(id: number, mark: number): boolean {
    return id >= mark
  }

  private push(x: number): void {
    this.ints = grown(this.ints, this.isp + 1)
    this.ints[this.isp++] = x
  }

  /** Intern the child sequence ints[base, isp) of kind `k`, then pop it. */
  private intern(k: number, base: number): number {
    const id = this.internOf(k, this.ints, base, this.isp - base)
    this.isp = base
    return id
  }

  /** The id of the composite of kind `k` over child ids arr[from, from + n). */
  private internOf(k: number, arr: Int32Array, from: number, n: number): number {
    const shape = k * 0x1000000 + n
    const h = this.tableHash(shape, arr, from, from + n)
    const slots = this.slots
    const mask = (slots.length >> 1) - 1
    let slot = h & mask
    for (;;) {
      const at = slots[2 * slot]! - 1
      if (at < 0) break
      if (slots[2 * slot + 1] === h && this.meta[2 * at] === shape && this.sameChildren(at, arr, from, n)) return at
      slot = (slot + 1) & mask
    }
    // Both lanes 0: not fingerprinted yet.
    const id = this.fresh(0, 0)
    this.pool = grown(this.pool, this.poolSize + n)
    this.meta[2 * id] = shape
    this.meta[2 * id + 1] = this.poolSize
    const pool = this.pool
    let at = this.poolSize
    for (let i = from; i < from + n; i++) pool[at++] = arr[i]!
    this.poolSize = at
    this.hashes = grown(this.hashes, id + 1)
    this.hashes[id] = h
    slots[2 * slot] = id + 1
    slots[2 * slot + 1] = h
    if (++this.interned * 4 > slots.length) this.rehash()
    return id
  }

  private sameChildren(id: number, arr: Int32Array, from: number, n: number): boolean {
    const s = this.meta[2 * id + 1]!
    const pool = this.pool
    for (let i = 0; i < n; i++) if (pool[s + i] !== arr[from + i]) return false
    return true
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2)
    const mask = (slots.length >> 1) - 1
    const hashes = this.hashes
    for (let id = 0; id < this.next; id++) {
      if (this.meta[2 * id]! < 0x1000000) continue
      const h = hashes[id]!
      let slot = h & mask
      while (slots[2 * slot] !== 0) slot = (slot + 1) & mask
      slots[2 * slot] = id + 1
      slots[2 * slot + 1] = h
    }
    this.slots = slots
  }

  /** The id of a composite of kind `k` (REDUCED, a memo key) over up to four child ids. */
  tuple(k: number, a: number, b = -1, c = -1, d = -1): number {
    const base = this.isp
    this.push(a)
    if (b >= 0) this.push(b)
    if (c >= 0) this.push(c)
    if (d >= 0) this.push(d)
    return this.intern(k, base)
  }

  private shapeOf(leaf: Shape): Shape {
    if (leaf.order) return leaf
    const keys: string[] = new Array<string>(leaf.depth)
    for (let s: Shape | null = leaf; s && s.parent; s = s.parent) keys[s.depth - 1] = s.key
    const order = keys.map((_, i) => i).filter((i) => !this.ignore.has(keys[i]!)).sort((x, y) => (keys[x]! < keys[y]! ? -1 : 1))
    leaf.order = Int32Array.from(order)
    leaf.kids = Int32Array.from(order, (i) => this.str(keys[i]!))
    leaf.names = order.map((i) => keys[i]!)
    return leaf
  }

  /** The id of any plain value: null, boolean, number, string, array or plain object. */
  id(v: unknown): number {
    switch (typeof v) {
      case 'string':
        return this.str(v)
      case 'number':
        return this.num(v)
      case 'boolean':
        return v ? this.trueId : this.falseId
      case 'undefined':
        return this.undefinedId
      case 'object':
        break
      default:
        throw new TypeError(`a search state holds a ${typeof v}; states must be plain data`)
    }
    if (v === null) return this.nullId
    const o = v as object
    const known = this.known(o)
    if (known !== undefined) return known
    const base = this.isp
    let id: number
    if (Array.isArray(o)) {
      for (let i = 0; i < o.length; i++) {
        const x: unknown = o[i]
        const c = this.id(x)
        this.push(c)
        if (typeof x === 'object' && x !== null && this.reps[c] !== x) o[i] = this.reps[c]
      }
      id = this.intern(ARRAY, base)
    } else {
      const rec = o as Record<string, unknown>
      const vbase = this.vsp
      let shape = this.shapes
      for (const k in rec) {
        // Objects of one kind list their keys alike: the child taken last time is checked first.
        let nx = shape.lastKey === k ? shape.last! : shape.next?.get(k)
        if (nx === undefined) {
          nx = { key: k, parent: shape, depth: shape.depth + 1, next: null, lastKey: null, last: null, order: null, kids: null, names: null }
          ;(shape.next ??= new Map()).set(k, nx)
        }
        shape.lastKey = k
        shape.last = nx
        shape = nx
        this.vals[this.vsp++] = rec[k]
      }
      const s = this.shapeOf(shape)
      const order = s.order!
      const kids = s.kids!
      const names = s.names!
      for (let j = 0; j < order.length; j++) {
        this.push(kids[j]!)
        const x = this.vals[vbase + order[j]!]
        const c = this.id(x)
        this.push(c)
        if (typeof x === 'object' && x !== null && this.reps[c] !== x) rec[names[j]!] = this.reps[c]
      }
      this.vsp = vbase
      id = this.intern(OBJECT, base)
    }
    return this.adopt(o, id)
  }

  /** `o`, just given `id`, becomes its representative if it is the first met with it; returns `id`. */
  private adopt(o: object, id: number): number {
    // Only representatives are remembered: whoever holds another copy swaps it for the representative.
    const rep = this.reps[id]
    if (rep === undefined) {
      this.reps[id] = o
      this.remember(o, id)
    } else if (rep === o) this.remember(o, id) // walked again: the identity map started afresh since
    return id
  }

  /**
   * The id of the value under key `key` (a string's id) in the object of id `id`; −1 if `id` is no
   * object or has no such key. With `keysOf`, `withValue` and `arrayOf`, a value can be taken apart
   * and rebuilt by ids alone (passThrough.ts), the objects made only if someone asks (`represent`).
   */
  valueOf(id: number, key: number): number {
    if (id < 0 || id >= this.next) return -1
    const shape = this.meta[2 * id]!
    if (shape >>> 24 !== OBJECT) return -1
    const n = shape & 0xffffff
    const s = this.meta[2 * id + 1]!
    for (let j = 0; j < n; j += 2) if (this.pool[s + j] === key) return this.pool[s + j + 1]!
    return -1
  }

  /** The key ids of the object of id `id`, in its sorted key order; null if it is no object. */
  keysOf(id: number): number[] | null {
    if (id < 0 || id >= this.next) return null
    const shape = this.meta[2 * id]!
    if (shape >>> 24 !== OBJECT) return null
    const n = shape & 0xffffff
    const s = this.meta[2 * id + 1]!
    const out: number[] = []
    for (let j = 0; j < n; j += 2) out.push(this.pool[s + j]!)
    return out
  }

  /** The id of the object of id `id` with the value under key `key` replaced by the value of id `value`. */
  withValue(id: number, key: number, value: number): number {
    const shape = this.meta[2 * id]!
    const n = shape & 0xffffff
    const base = this.isp
    this.ints = grown(this.ints, base + n)
    const s = this.meta[2 * id + 1]!
    for (let j = 0; j < n; j += 2) {
      const k = this.pool[s + j]!
      this.ints[this.isp++] = k
      this.ints[this.isp++] = k === key ? value : this.pool[s + j + 1]!
    }
    return this.intern(OBJECT, base)
  }

  /** The id of the array of the values of these ids. */
  arrayOf(ids: readonly number[]): number {
    const base = this.isp
    for (const x of ids) this.push(x)
    return this.intern(ARRAY, base)
  }

  /** The element ids of the array of id `id`. */
  elementsOf(id: number): number[] {
    const n = this.meta[2 * id]! & 0xffffff
    const s = this.meta[2 * id + 1]!
    // A loop: Array.from over a typed array goes through its iterator.
    const out = new Array<number>(n)
    for (let i = 0; i < n; i++) out[i] = this.pool[s + i]!
    return out
  }

  /** `o` becomes the representative of `id` (content equal to it, built from ids by the caller), unless it has one. */
  represent(o: object, id: number): void {
    if (this.reps[id] === undefined) this.adopt(o, id)
  }

  /** `v` itself if it is an atom, else the representative of its content (`v`, if it is the first met). */
  canonical<T>(v: T): T {
    const id = this.id(v)
    return (this.reps[id] as T | undefined) ?? v
  }

  /** The representative of composite id `id` (the first object met with it, which every later equal one was swapped for). */
  rep<T>(id: number): T {
    return this.reps[id] as T
  }

  /** An envelope without its id: who to whom, what, which copy. */
  env(e: Env): number {
    if (e.cid >= 0) return e.cid
    const known = this.known(e)
    if (known !== undefined) return known
    const id = this.envelope(e.from, e.to, e.msg, e.copy)
    this.remember(e, id)
    return id
  }

  /** The id `env` gives an envelope with these parts (a memoised reaction stamps its sends with it). */
  envelope(from: string, to: string, msg: unknown, copy: number): number {
    return this.envelopeOf(from, to, this.id(msg), copy)
  }

  /** `envelope` for a message whose id is at hand. */
  envelopeOf(from: string, to: string, msgId: number, copy: number): number {
    const base = this.isp
    this.push(this.str(from))
    this.push(this.str(to))
    this.push(msgId)
    this.push(this.num(copy))
    return this.intern(ENVELOPE, base)
  }

  /**
   * A search state in one flat sequence (keys.ts): its component ids, its step count's id, then its
   * network — per link (ordered by actor index) its FIFO sequence, or for an unordered network the
   * multiset of envelopes (ordered by fingerprint, so it is the same in every process), after the
   * fault count when faults are possible. One entry of the visited set (states.ts) per state, none for
   * its network; its fingerprint is what a composite of kind FLAT_STATE over the sequence would have.
   */
  state(ids: readonly number[], steps: number, n: NetState, ordered: boolean, faulty: boolean): number {
    const base = this.isp
    for (let i = 0; i < ids.length; i++) this.push(ids[i]!)
    this.push(steps)
    this.pushNet(n, ordered, faulty)
    const id = this.flatOf(this.ints, base, this.isp - base)
    this.isp = base
    return id
  }

  /**
   * The id `state` gives a state whose flat sequence is already at hand (`seq[0, n)`: component ids,
   * step count id, fault count id, envelope ids in canonical order), as the packed search builds it.
   */
  flat(seq: Int32Array, n: number): number {
    return this.flatOf(seq, 0, n)
  }

  /** The state id of the flat sequence arr[from, from + n), from the visited set (states.ts). */
  private flatOf(arr: Int32Array, from: number, n: number): number {
    return STATE + this.states.add(this.tableHash(FLAT_STATE * 0x1000000 + n, arr, from, from + n), arr, from, n)
  }

  /** The id of `undefined` (a state's fault count where faults cannot happen). */
  get undefinedAtom(): number {
    return this.undefinedId
  }

  /** Push the network's children: the fault count (or undefined), then its envelopes in canonical order. */
  private pushNet(n: NetState, ordered: boolean, faulty: boolean): void {
    // Not remembered by identity: a network is rarely keyed twice (almost every transition makes a new one).
    const p = n.pending
    const len = p.length
    if (this.envIds.length < len) this.envIds = new Int32Array(len * 2)
    const ids = this.envIds
    for (let i = 0; i < len; i++) ids[i] = this.env(p[i]!)
    const faults = faulty ? this.num(n.faults) : this.undefinedId
    this.push(faults)
    if (len <= 1) {
      if (len === 1) this.push(ids[0]!)
      return
    }
    const order = Array.from({ length: len }, (_, i) => i)
    if (ordered) order.sort((x, y) => p[x]!.link - p[y]!.link || x - y)
    else order.sort((x, y) => this.fpHi(ids[x]!) - this.fpHi(ids[y]!) || this.fpLo(ids[x]!) - this.fpLo(ids[y]!) || x - y)
    for (const i of order) this.push(ids[i]!)
  }
}
