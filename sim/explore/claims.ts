/**
 * The visited set the threads of one `explore --workers N` search share, and the barrier that keeps
 * them on the same level. Each thread searches with its own model, memo and Canon (ids are local to
 * a thread), so states are named here by their 64-bit content fingerprints (canon.ts), which are the
 * same in every thread. A thread that meets a state new to itself claims its fingerprint: the one
 * that claims it first expands it, the others drop it. Level by level (`endLevel` waits for every
 * thread), so a state is claimed at its least depth, and the threads together visit exactly the
 * states and transitions a single search does (bfs.ts gives the rest of the argument).
 *
 * The table is open addressing over a growable SharedArrayBuffer, two words a slot (hi, lo); lo is
 * written first by compare-and-swap (0 marks an empty slot, so a zero lane is stored as 1: the
 * fingerprint keeps 64 bits less a value in 2³²). It grows only at a barrier, when every thread is
 * waiting, by the last thread to arrive, to twice what the states so far and a bound on the next
 * level's could fill, so it never fills during a level.
 *
 * Simplified: one table for all levels and no deletions; a thread that finds the table full (which
 * the bound rules out) stops with an error rather than waiting for room.
 */

/** Control words (Int32, shared). */
const ARRIVED = 0
const GEN = 1
const STOP = 2
/** log2 of the table's slots. */
const BITS = 3
/** Claims so far, added up every few expansions and at every barrier (the fingerprints in the table). */
const CLAIMED = 4
/** Per barrier parity: the next level's states, its successor bound, and whether to go on. */
const NEXT = 5
const BOUND = 7
const GO = 9
const CTRL_WORDS = 11

/** Slots the table starts with (2¹⁶: 512 KB). */
const FIRST_BITS = 16
/** Largest table: 2²⁸ slots (2 GiB), room for about 130 million states. */
const MAX_BITS = 28
const MAX_PROBES = 1 << 16

/** What the coordinating thread creates and hands every search thread (shared, not copied). */
export interface ClaimBuffers {
  readonly table: SharedArrayBuffer
  readonly ctrl: SharedArrayBuffer
  readonly threads: number
}

/** A SharedArrayBuffer that can grow (ES2024; Node 20 has it, the TypeScript lib here predates it). */
interface Growable extends SharedArrayBuffer {
  grow(bytes: number): void
}
const Growable = SharedArrayBuffer as unknown as new (bytes: number, opts: { maxByteLength: number }) => Growable

export function claimBuffers(threads: number): ClaimBuffers {
  const table = new Growable(8 << FIRST_BITS, { maxByteLength: 8 * 2 ** MAX_BITS })
  const ctrl = new SharedArrayBuffer(4 * CTRL_WORDS)
  new Int32Array(ctrl)[BITS] = FIRST_BITS
  return { table, ctrl, threads }
}

/** The slot where probing for fingerprint (hi, lo) starts. */
function home(hi: number, lo: number, mask: number): number {
  return Math.imul(hi ^ (lo >>> 7), 0x9e3779b1) & mask
}

export class SharedClaims {
  /** Tracks the buffer's length as it grows. */
  private readonly table: Int32Array
  private readonly ctrl: Int32Array
  private mask: number
  /** Claims since they were last added to CLAIMED. */
  private fresh = 0

  constructor(private readonly buffers: ClaimBuffers) {
    this.table = new Int32Array(buffers.table)
    this.ctrl = new Int32Array(buffers.ctrl)
    this.mask = (1 << Atomics.load(this.ctrl, BITS)) - 1
  }

  /** Whether this thread is the first to claim the state with fingerprint (hi, lo). */
  claim(hi: number, lo: number): boolean {
    hi = hi | 0 || 1
    lo = lo | 0 || 1
    const t = this.table
    const mask = this.mask
    let i = home(hi, lo, mask)
    for (let probes = 0; probes < MAX_PROBES; probes++, i = (i + 1) & mask) {
      let l = Atomics.load(t, 2 * i + 1)
      if (l === 0) {
        l = Atomics.compareExchange(t, 2 * i + 1, 0, lo)
        if (l === 0) {
          Atomics.store(t, 2 * i, hi)
          this.fresh++
          return true
        }
      }
      if (l !== lo) continue
      // Claimed by another thread a moment ago: its hi follows its lo.
      let h = Atomics.load(t, 2 * i)
      while (h === 0) h = Atomics.load(t, 2 * i)
      if (h === hi) return false
    }
    throw new Error(`explore --workers: the shared visited set is full (${mask + 1} slots)`)
  }

  /** Every thread's claims so far (each thread's share is added when it calls this or `endLevel`). */
  claimed(): number {
    const n = Atomics.add(this.ctrl, CLAIMED, this.fresh) + this.fresh
    this.fresh = 0
    return n
  }

  /** Ask every thread to stop at its next check (a violation, a budget reached). */
  stop(): void {
    Atomics.store(this.ctrl, STOP, 1)
  }

  /** Whether some thread asked to stop. */
  get stopping(): boolean {
    return Atomics.load(this.ctrl, STOP) !== 0
  }

  /**
   * The end of a level for this thread: `next` states taken for the next level, at most `bound`
   * successors among them. Waits for every thread; returns whether the search goes on (some thread
   * has states and none asked to stop). `stopping`: this thread is leaving (it asks the others to).
   */
  endLevel(next: number, bound: number, stopping = false): boolean {
    const c = this.ctrl
    const gen = Atomics.load(c, GEN)
    const p = gen & 1
    if (stopping) this.stop()
    Atomics.add(c, NEXT + p, next)
    Atomics.add(c, BOUND + p, bound)
    this.claimed()
    if (Atomics.add(c, ARRIVED, 1) === this.buffers.threads - 1) {
      // The last to arrive: every other thread waits, so the table may be rebuilt.
      const go = Atomics.load(c, NEXT + p) > 0 && Atomics.load(c, STOP) === 0
      Atomics.store(c, GO + p, go ? 1 : 0)
      if (go) this.makeRoom(Atomics.load(c, CLAIMED) + Atomics.load(c, BOUND + p))
      Atomics.store(c, NEXT + 1 - p, 0)
      Atomics.store(c, BOUND + 1 - p, 0)
      Atomics.store(c, ARRIVED, 0)
      Atomics.add(c, GEN, 1)
      Atomics.notify(c, GEN)
    } else {
      while (Atomics.load(c, GEN) === gen) Atomics.wait(c, GEN, gen)
    }
    this.mask = (1 << Atomics.load(c, BITS)) - 1
    return Atomics.load(c, GO + p) === 1
  }

  /** At a barrier: grow the table until `states` fingerprints fill at most half of it. */
  private makeRoom(states: number): void {
    const c = this.ctrl
    let bits = Atomics.load(c, BITS)
    const before = bits
    while (2 * states > 1 << bits && bits < MAX_BITS) bits++
    if (bits === before) return
    const old = this.table.slice(0, 2 * 2 ** before)
    const buffer = this.buffers.table as Growable
    buffer.grow(8 * 2 ** bits)
    this.table.fill(0)
    const mask = (1 << bits) - 1
    const t = this.table
    for (let k = 0; k < old.length; k += 2) {
      const hi = old[k]!
      const lo = old[k + 1]!
      if (lo === 0) continue
      let i = home(hi, lo, mask)
      while (t[2 * i + 1] !== 0) i = (i + 1) & mask
      t[2 * i] = hi
      t[2 * i + 1] = lo
    }
    Atomics.store(c, BITS, bits)
  }

  /** Slots in the table now (tests). */
  get slots(): number {
    return this.mask + 1
  }
}
