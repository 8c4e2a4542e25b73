/**
 * Memoised local transitions. An actor's reaction to an event — its machine's step, the MLS
 * operations that step asks for and the results fed back (run to completion, exec.ts) — depends on
 * nothing but the actor's snapshot and the event: the machines are pure and SymbolicMls is
 * deterministic (sim/explore/mls.ts). A global search meets the same local situation many times
 * (bob receiving the same commit while alice is in any of her states), so the reaction is computed
 * once per distinct (actor, snapshot, event) and replayed after: the same final snapshot object and
 * the same notes and sends, in the same order. The canonical ids of canon.ts are the key, so two
 * structurally equal snapshots share an entry, and a replayed snapshot is already known to Canon.
 * Each reaction gets an index; what the packed search replays of it (snapshot id after, envelope ids,
 * monitor folds by state id) also lies in integer tables by that index.
 *
 * With coverage, a reaction also keeps the machine steps it took, which every replay counts again
 * (coverage.ts counts occurrences).
 * Simplified: the table is dropped whole once it holds MAX_ENTRIES reactions (memory bound); the
 * search then recomputes what it needs, with the same results.
 */
import type { ActorId, Note } from '../../model/effects.js'
import type { Message } from '../../model/protocol/messages.js'
import type { Snap } from '../compile/index.js'
import type { Canon } from './canon.js'
import { grown } from './grow.js'
import type { Env } from './net.js'

/** What an actor put out while reacting, in order (MLS effects are already folded in). */
export type LocalOut = { readonly note: Note } | Send

export interface Send {
  readonly to: ActorId
  readonly toIx: number
  /** The representative of its content once the reaction is memoised (canon.ts). */
  msg: Message
  /** The envelope's canonical id (first copy), once the reaction is memoised; −1 before. */
  cid: number
}

export interface Reaction {
  /**
   * Once the reaction is memoised, the representative of its snapshot after (canon.ts), hollow if
   * it was keyed hollow; for a reaction taken over from another (packed.ts `answer`), the other's:
   * the packed search reads snapshots by id.
   */
  snap: Snap
  /** Its place in the memo's tables, once memoised (unset before). */
  index?: number
  /** The snapshot's canonical id, once the reaction is memoised; −1 before. */
  snapId: number
  /** False when no transition was enabled: the actor keeps its snapshot. */
  readonly changed: boolean
  readonly out: readonly LocalOut[]
  /**
   * With coverage: each machine step of the reaction (event type, candidate ids taken), in order.
   * Once memoised, the one list of that content the memo keeps (`keep`): few distinct ones exist.
   */
  steps?: readonly MachineStep[]
  /** Which monitors read any note among `out`, as bits (exec.ts `watchedBy`); any other monitor cannot move. */
  readonly watched: number
  /** Per monitor, the fold its last replay used (a one-entry cache in front of `folds`). */
  lastFold?: { readonly from: unknown; readonly fold: Fold }[]
  /** Per monitor, what its notes make of each monitor state met so far (see `LocalMemo.fold`). */
  folds?: Map<unknown, Fold>[]
  /** Packed search: per monitor, the violating folds by monitor-state id (the fold table holds the rest). */
  violations?: Map<number, Fold>[]
}

export interface MachineStep {
  readonly type: string
  readonly taken: readonly string[]
}

/** A monitor's state after a reaction's notes; or VIOLATED (exec.ts) at note `at`, with why. */
export interface Fold {
  readonly state: unknown
  readonly at: number
  readonly explain: string
  /** The canonical id of `state` (set by the memo), so the successor is keyed without walking it. */
  readonly id?: number
}

/** A node of the trie of machine-step lists: one edge per string, STEP_END after each step's candidates. */
interface StepTrie {
  next: Map<string, StepTrie> | null
  list: readonly MachineStep[] | null
}

/** Ends a step's edges in the trie; no step type or candidate id holds it. */
const STEP_END = '\u0000'

function child(node: StepTrie, edge: string): StepTrie {
  let c = node.next?.get(edge)
  if (c === undefined) (node.next ??= new Map()).set(edge, (c = { next: null, list: null }))
  return c
}

/** The kind of a non-delivery event key (a composite kind of Canon above the ones canon.ts uses). */
const OTHER = 17

const MAX_ENTRIES = 1 << 20

/** Words per reaction in `LocalMemo.info`. */
export const INFO = 5

/** `askedAfterOf` of a reaction not yet looked at, and of one that did more to the parts than its question allows. */
export const UNRESOLVED = -1
export const REJECTED = -2

export class LocalMemo {
  /** (event key, snapshot id) → the reaction's index in `reactions`. */
  private table = new PairTable()
  private reactions: Reaction[] = []
  /** Called before every reaction is dropped (the memory bound), while their indices still hold: whoever counts by index settles up. */
  beforeForget: (() => void) | null = null
  /**
   * Per reaction index, what a packed replay reads (packed.ts), INFO words side by side: its
   * snapshot id after (−1 if unchanged), the monitors its notes concern (`watched`), then where its envelope
   * ids start in `cidPool` and how many, and 1 if it was keyed by a hollow snapshot (its snapshot after
   * is hollow too: passThrough.ts), else 0. Integers in one array, where the Reaction objects are
   * scattered over the heap.
   */
  info = new Int32Array(INFO << 12)
  cidPool = new Int32Array(1 << 12)
  private cidUsed = 0
  /** (reaction index × monitors + monitor, monitor-state id before) → monitor-state id after its notes. */
  private foldTable = new PairTable()
  private readonly moveKeys: number[] = []
  private readonly timerKeys: number[] = []
  /**
   * Per distinct list of machine steps (coverage), the one list kept: a reaction's own lists, an
   * array per step and one around them, were a fifth of a 7-step search's heap for the collector to
   * mark again and again, against about a thousand distinct lists. Found in a trie over the lists'
   * strings (step types and candidate ids, every one a literal of the model, so its hash is kept
   * with it) rather than through the canon, which would walk and identify every new list's three
   * levels of objects and keep them among the state's values, or by one joined string, which would
   * be built and hashed anew for every reaction.
   */
  private readonly stepLists: StepTrie = { next: null, list: null }
  /** One object per distinct monitor state (by canonical id). */
  private readonly monitorStates = new Map<number, unknown>()
  /**
   * Reactions to an event that asks of a part (model/passThrough.ts `Asked`), by (event key, the
   * id of the hollow snapshot and answer): the reaction's index; and per such index, the snapshot
   * id it was computed from, and once asked (packed.ts `resolve`) the id of its hollow snapshot
   * after × 2 + 1 if it added to the part (else + 0), or REJECTED; UNRESOLVED before.
   */
  private askedTable = new PairTable()
  private askedFrom = new Int32Array(0)
  private askedAfter = new Int32Array(0)
  hits = 0
  misses = 0
  /** Of `misses`, the reactions taken over from one to the same question (`keepAnswered`) rather than computed. */
  answered = 0
  /** Time spent computing reactions met for the first time and identifying what they made (`timed`). */
  computeSeconds = 0

  /** `monitors`: how many monitors the search folds (the fold table's keys make room for each). */
  constructor(
    private readonly canon: Canon,
    private readonly monitors = 1,
    /** How many reactions it holds before dropping them all (tests set it low to exercise that). */
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  /** The key of delivering an envelope: its first copy's canonical id (which names the recipient). */
  deliveryKey(env: Env): number {
    return env.cid >= 0 && env.copy === 0 ? env.cid : this.canon.envelope(env.from, env.to, env.msg, 0)
  }

  /** The key of any other event (a step's event, a timeout) to actor `i`. */
  eventKey(i: number, event: object): number {
    const c = this.canon
    return c.tuple(OTHER, c.num(i), c.id(event))
  }

  /** `eventKey` of step move `m` (actor `i`, event `event`), kept per move: the moves never change. */
  moveKey(m: number, i: number, event: object): number {
    return (this.moveKeys[m] ??= this.eventKey(i, event))
  }

  /** `eventKey` of actor `i`'s timer, kept per actor. */
  timerKey(i: number, event: object): number {
    return (this.timerKeys[i] ??= this.eventKey(i, event))
  }

  /** Actor `from`'s reaction to `event` in snapshot `snap` (canonical id `snapId`, or −1 if not at hand). */
  react(event: number, snapId: number, snap: Snap, from: ActorId, compute: () => Reaction): Reaction {
    const s = snapId >= 0 ? snapId : this.canon.id(snap)
    return this.find(event, s) ?? this.timed(() => this.keep(event, s, from, compute()))
  }

  /** `work` (a first-time reaction, computed and kept), its time added to `computeSeconds`. */
  timed(work: () => Reaction): Reaction {
    const t0 = performance.now()
    const r = work()
    this.computeSeconds += (performance.now() - t0) / 1000
    return r
  }

  /** The memoised reaction to `event` of the snapshot with canonical id `snapId`, if any (counted as a replay). */
  find(event: number, snapId: number): Reaction | undefined {
    const x = this.indexOf(event, snapId)
    return x < 0 ? undefined : this.reactions[x]
  }

  /** `find` by index (the packed search reads the rest from `info`): −1 if not memoised. */
  indexOf(event: number, snapId: number): number {
    const x = this.table.get(event, snapId)
    if (x >= 0) this.hits++
    return x
  }

  /** The reaction with index `x`. */
  reaction(x: number): Reaction {
    return this.reactions[x]!
  }

  /**
   * Remember `r`, actor `from`'s reaction to `event` in snapshot `snapId`, just computed; returns it.
   * `hollow`: `snapId` and `r`'s snapshot are hollow (passThrough.ts), their parts cut out.
   */
  keep(event: number, snapId: number, from: ActorId, r: Reaction, hollow = false): Reaction {
    this.misses++
    // Identified once here, so every replay keys its successor from ids alone; what the reaction
    // made is swapped for the one copy of its content the search keeps.
    const canon = this.canon
    if (r.changed) {
      r.snapId = canon.id(r.snap)
      r.snap = canon.rep(r.snapId)
    } else r.snapId = snapId
    if (r.steps) r.steps = this.sharedSteps(r.steps)
    const x = this.place(event, snapId, r)
    const start = this.cidUsed
    for (const o of r.out) {
      if (!('msg' in o)) continue
      const msgId = canon.id(o.msg)
      o.msg = canon.rep(msgId) ?? o.msg
      o.cid = canon.envelopeOf(from, o.to, msgId, 0)
      this.cidPool = grown(this.cidPool, this.cidUsed + 1)
      this.cidPool[this.cidUsed++] = o.cid
    }
    this.setInfo(x, r.changed ? r.snapId : -1, r.watched, start, hollow)
    return r
  }

  /** Give `r` the next index (dropping every reaction first if the memo is full) and key it by (`event`, `snapId`). */
  private place(event: number, snapId: number, r: Reaction): number {
    if (this.reactions.length >= this.maxEntries) {
      this.beforeForget?.()
      this.forget()
    }
    const x = this.reactions.length
    r.index = x
    this.reactions.push(r)
    this.table.set(event, snapId, x)
    return x
  }

  /** Reaction `x`'s words in `info`; its envelope ids are those added to `cidPool` from `start` on. */
  private setInfo(x: number, after: number, watched: number, start: number, hollow: boolean): void {
    this.info = grown(this.info, INFO * x + INFO)
    const info = this.info
    info[INFO * x] = after
    info[INFO * x + 1] = watched
    info[INFO * x + 2] = start
    info[INFO * x + 3] = this.cidUsed - start
    info[INFO * x + 4] = hollow ? 1 : 0
  }

  /** The reaction kept for event `event` over hollow snapshot and answer `ask` (`learnAsked`), or −1. */
  askedIndex(event: number, ask: number): number {
    return this.askedTable.get(event, ask)
  }

  /** The snapshot id reaction `x` (from `askedIndex`) was computed from. */
  askedFromOf(x: number): number {
    return this.askedFrom[x]!
  }

  /** What reaction `x` (from `askedIndex`) did to the parts: see `askedAfter`. */
  askedAfterOf(x: number): number {
    return this.askedAfter[x]!
  }

  /** Remember reaction `x`, computed from snapshot `from`, as the one to event `event` over `ask` (unresolved). */
  learnAsked(event: number, ask: number, x: number, from: number): void {
    this.askedTable.set(event, ask, x)
    this.askedFrom = grown(this.askedFrom, x + 1)
    this.askedAfter = grown(this.askedAfter, x + 1)
    this.askedFrom[x] = from
    this.askedAfter[x] = UNRESOLVED
  }

  /** Record what reaction `x` did to the parts (`askedAfter`). */
  resolveAsked(x: number, after: number): void {
    this.askedAfter[x] = after
  }

  /**
   * Remember, as the reaction to `event` in snapshot `snapId`, reaction `x`'s notes and sends leading
   * to the snapshot of id `after`: taken over, not computed (packed.ts `answer`), and counted among
   * the reactions computed. Its `snap` is `x`'s: the packed search reads snapshots by id.
   */
  keepAnswered(event: number, snapId: number, x: number, after: number): Reaction {
    const r0 = this.reactions[x]!
    const info0 = this.info
    const cids = this.cidPool.slice(info0[INFO * x + 2]!, info0[INFO * x + 2]! + info0[INFO * x + 3]!)
    const r: Reaction = { snap: r0.snap, snapId: r0.changed ? after : snapId, changed: r0.changed, out: r0.out, watched: r0.watched }
    if (r0.steps) r.steps = r0.steps
    this.misses++
    this.answered++
    const y = this.place(event, snapId, r)
    const start = this.cidUsed
    this.cidPool = grown(this.cidPool, start + cids.length)
    this.cidPool.set(cids, start)
    this.cidUsed += cids.length
    this.setInfo(y, r.changed ? after : -1, r.watched, start, false)
    return r
  }

  /** The list kept for machine steps with the content of `steps` (`steps` itself if it is the first). */
  private sharedSteps(steps: readonly MachineStep[]): readonly MachineStep[] {
    let node = this.stepLists
    for (const st of steps) {
      node = child(node, st.type)
      for (const id of st.taken) node = child(node, id)
      node = child(node, STEP_END)
    }
    return (node.list ??= steps)
  }

  /** Drop every reaction (the memory bound); the search recomputes what it meets again. */
  private forget(): void {
    this.table = new PairTable()
    this.foldTable = new PairTable()
    this.askedTable = new PairTable()
    this.reactions = []
    this.cidUsed = 0
  }

  /** The monitor-state id monitor `k` reaches over the notes of reaction `x` from state `from`, if memoised; else −1. */
  foldIndex(x: number, k: number, from: number): number {
    return this.foldTable.get(x * this.monitors + k, from)
  }

  /**
   * Monitor `k` folded over reaction `r`'s notes from `state`, memoised on the reaction by the
   * state's identity: monitor states are immutable values shared between search states, so identity
   * finds most repeats without keying anything, and one lookup stands for all of the notes.
   */
  fold(r: Reaction, k: number, state: unknown): Fold | undefined {
    // Most replays of a reaction meet the monitor state its last replay met: one comparison first.
    const last = r.lastFold?.[k]
    if (last !== undefined && last.from === state) return last.fold
    const f = r.folds?.[k]?.get(state)
    if (f !== undefined) (r.lastFold ??= [])[k] = { from: state, fold: f }
    return f
  }

  /** Remember what monitor `k` made of `r`'s notes from `state` (its result, as `fold` will give it back). */
  keepFold(r: Reaction, k: number, state: unknown, computed: Fold): Fold {
    // Structurally equal monitor states become one object, so the identity lookups above find them
    // whichever branch of the search built them.
    const f = this.identified(computed)
    ;((r.folds ??= [])[k] ??= new Map()).set(state, f)
    ;(r.lastFold ??= [])[k] = { from: state, fold: f }
    return f
  }

  /**
   * `keepFold` for the packed search, which holds monitor states by canonical id: monitor `k` over
   * reaction `r`'s notes from state `from` goes into the fold table (`foldIndex`), and a violation,
   * with its note and why, into the reaction (`violation`).
   */
  keepFoldById(r: Reaction, k: number, from: number, computed: Fold): Fold {
    const f = this.identified(computed)
    if (f.at >= 0) ((r.violations ??= [])[k] ??= new Map()).set(from, f)
    if (r.index !== undefined && this.reactions[r.index] === r) this.foldTable.set(r.index * this.monitors + k, from, f.id!)
    return f
  }

  /** The violation monitor `k` found in reaction `r`'s notes from state `from` (kept by `keepFoldById`). */
  violation(r: Reaction, k: number, from: number): Fold {
    return r.violations![k]!.get(from)!
  }

  /** A fold with its state's canonical id, and that state replaced by the one object kept per id. */
  private identified(computed: Fold): Fold {
    const id = this.canon.id(computed.state)
    // Written out, not spread: a spread copy given a key it lacks gets a hidden class of its own.
    return { state: this.adoptMonitorState(id, computed.state), at: computed.at, explain: computed.explain, id }
  }

  /** The one object kept for the monitor state with canonical id `id` (`state` if it is the first). */
  adoptMonitorState(id: number, state: unknown): unknown {
    let same = this.monitorStates.get(id)
    if (same === undefined) this.monitorStates.set(id, (same = state))
    return same
  }

  /** The monitor state object kept for id `id`. */
  monitorState(id: number): unknown {
    return this.monitorStates.get(id)
  }
}

/** A hash table from pairs of non-negative integers to non-negative integers: three words a slot, side by side (one cache line per probe). */
export class PairTable {
  /** Per slot: the pair (−1 first when empty) and its value. */
  private keys = new Int32Array(3 << 12).fill(-1)
  private size = 0

  private slot(x: number, y: number, mask: number): number {
    let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca6b)
    h ^= h >>> 15
    return Math.imul(h, 0xc2b2ae35) & mask
  }

  /** The value of (x, y), or −1. */
  get(x: number, y: number): number {
    const keys = this.keys
    const mask = keys.length / 3 - 1
    for (let i = this.slot(x, y, mask); ; i = (i + 1) & mask) {
      const k = keys[3 * i]!
      if (k === -1) return -1
      if (k === x && keys[3 * i + 1] === y) return keys[3 * i + 2]!
    }
  }

  set(x: number, y: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length / 3) this.grow()
    const keys = this.keys
    const mask = keys.length / 3 - 1
    let i = this.slot(x, y, mask)
    while (keys[3 * i] !== -1 && !(keys[3 * i] === x && keys[3 * i + 1] === y)) i = (i + 1) & mask
    if (keys[3 * i] === -1) this.size++
    keys[3 * i] = x
    keys[3 * i + 1] = y
    keys[3 * i + 2] = value
  }

  private grow(): void {
    const old = this.keys
    this.keys = new Int32Array(old.length * 2).fill(-1)
    this.size = 0
    for (let i = 0; i < old.length; i += 3) if (old[i] !== -1) this.set(old[i]!, old[i + 1]!, old[i + 2]!)
  }
}
