/**
 * The search's default frontier: every state held as one short vector of integers — its actors'
 * snapshot ids, its monitors' state ids (canon.ts), its step and fault counts, and its pending
 * envelopes' ids in arrival order — packed level by level into one growing Int32Array. A transition
 * is then integer work: the memo (memo.ts) maps (event, snapshot id) to a reaction index, and its
 * integer tables give the new snapshot id, the envelopes sent and, per monitor state id, the
 * monitors' next state; the Reaction object is read only to fold a monitor state met for the first
 * time, or for coverage. The model runs only for a reaction never met before, on the one object kept
 * per snapshot id. So the search allocates almost nothing per state, and the garbage collector has
 * nothing to trace in a frontier of millions. An event that passes its actor's declared parts through
 * (passThrough.ts) is keyed by the snapshot's hollow instead, and the snapshot after is filled back
 * in by ids; its object is made only when the model has to run on it (`snapshot`). An event that
 * only asks one question of a part and adds to it (model/passThrough.ts `Asked`) takes a reaction
 * over from one to the same question over the same hollow, where there is one (`answer`).
 *
 * Same transitions, ids, option order and move codes as the object frontier (frontier.ts, exec.ts),
 * so paths replay with `applyCode`; test/sim/explore/packed.test.ts holds the two equal. This
 * rests on the model being a function of content, not of object identity: a snapshot is rebuilt
 * from whichever equal object was met first (model/mls/sameWire.ts is where the model had compared
 * identities).
 */
import type { Snap } from '../compile/index.js'
import type { ActorEvent } from '../runtime.js'
import type { Canon } from './canon.js'
import type { SharedClaims } from './claims.js'
import type { Coverage } from './coverage.js'
import { foldNotes, reaction, stepCode, TIMEOUT, TIMERS, type Violation, watches } from './exec.js'
import type { Frontier, Visit } from './frontier.js'
import { grown } from './grow.js'
import { INFO, type LocalMemo, PairTable, type Reaction, REJECTED, UNRESOLVED } from './memo.js'
import { type ExploreModel, VIOLATED } from './model.js'
import { eventKind, PassThroughParts } from './passThrough.js'
import type { Asked } from '../../model/passThrough.js'
import type { ActorId } from '../../model/effects.js'
import type { Message } from '../../model/protocol/messages.js'

/** A link is its sender's index × (LINK_TO + 1) + its recipient's. */
const LINK_TO = 4095

/** Moves per actor whose enabledness is kept as bits of a snapshot's facts (the rest in Maps). */
const MASKED = 29

/** One level's states, back to back. */
class Level {
  data = new Int32Array(1 << 12)
  used = 0
  /** Where state h starts; state h ends where h + 1 starts. */
  offs = new Int32Array(1 << 10)
  keys = new Int32Array(1 << 10)
  count = 0

  push(src: Int32Array, n: number, key: number): void {
    this.data = grown(this.data, this.used + n)
    this.offs = grown(this.offs, this.count + 2)
    this.keys = grown(this.keys, this.count + 1)
    const data = this.data
    const used = this.used
    for (let i = 0; i < n; i++) data[used + i] = src[i]!
    this.keys[this.count] = key
    this.offs[this.count] = this.used
    this.used += n
    this.offs[++this.count] = this.used
  }

  clear(): void {
    this.used = 0
    this.count = 0
    this.offs[0] = 0
  }
}

/** The question an event asks of a part (model/passThrough.ts `Asked`; packed.ts `asking`). */
interface Ask {
  /** The canon's id of (hollow snapshot, answer). */
  readonly key: number
  /** The declared part's index, and the asked part's index among the snapshot's parts. */
  readonly d: number
  readonly q: number
  readonly part: unknown
  readonly msg: unknown
  readonly asked: Asked
}

/** The canon's kind of an `Ask` key (free among canon.ts's kinds and the memo's). */
const ASKED = 19

/** A pending envelope (always a first copy: a duplicate is delivered as it is made, net.ts). */
interface EnvInfo {
  readonly from: ActorId
  readonly msg: Message
}

/** Network and step events the packed search counts per actor for coverage, in this order. */
const NET_EVENTS = ['net.deliver', 'net.drop', 'net.duplicate', 'step.begin', 'step.skip'] as const
const DELIVER = 0
const DROP = 1
const DUPLICATE = 2
const STEP_BEGIN = 3
const STEP_SKIP = 4

export class PackedFrontier implements Frontier {
  private level = new Level()
  private next = new Level()
  private readonly actorCount: number
  private readonly monitorCount: number
  /** Index of the step count; the fault count follows; envelopes start two after. */
  private readonly stepsAt: number
  private readonly envAt: number
  private readonly violated: number
  /** Per envelope id met, who sent what (dense: undefined for ids that are not envelopes). */
  private readonly envs: (EnvInfo | undefined)[] = []
  /** Per envelope id, its link (sender and recipient index; an array for the ordering checks every state makes). */
  private links = new Int32Array(1 << 12)
  private facts = new Int32Array(1 << 12)
  /** Per actor, its step moves; per move, its place among its actor's (a bit of `facts` while below MASKED). */
  private readonly movesOf: number[][]
  private readonly moveSlot: Int32Array
  /** Moves past an actor's first MASKED, by snapshot id: 0 not yet asked, 1 no, 2 yes. */
  private enabled: Int32Array<ArrayBuffer>[]
  private readonly endings: Map<number, string | null>[]
  private readonly clients: number[]
  private readonly perLink: boolean
  private readonly loss: boolean
  private readonly duplication: boolean
  private readonly maxFaults: number
  private readonly countSteps: boolean
  /** The successor being built, and the flat sequence its id is interned from. */
  private cur = new Int32Array(64)
  private n = 0
  private seq = new Int32Array(64)
  /** Scratch for sorting a successor's envelopes (a typed array: setting a plain array's length is a call into the engine). */
  private order = new Int32Array(16)
  private violations: Violation[] | null = null
  /**
   * Coverage counted as integers, turned into the Coverage's named counts by `flushCoverage`: per
   * reaction index, how often a transition took it (computed or replayed) and which actor did; per
   * actor and NET_EVENTS entry, how often. Naming each count as it happened cost a tenth of a search.
   */
  private uses = new Int32Array(0)
  private usedBy = new Int32Array(0)
  private readonly netCounts: Int32Array
  /**
   * Reactions keyed by hollow snapshots (passThrough.ts): per actor, its declared parts (null if
   * none); per event key, whether its reactions pass them through (0 not yet asked, 1 no, 2 yes);
   * per snapshot id, its hollow's id + 1 (0 not yet asked, −1 none) and its parts' id; and per
   * (hollow snapshot after, parts), the whole snapshot's id.
   */
  private readonly pass: (PassThroughParts | null)[]
  private keyPass = new Int32Array(0)
  /** Per hollow snapshot id made by ids for a reaction to a question (`resolve`), a whole snapshot to cut its object from. */
  private readonly hollowSource = new Map<number, Snap>()
  /** Per event key: 0 not yet asked, 1 its event asks nothing of a part, else 2 + the index of the declared part it asks of. */
  private keyAsk = new Int32Array(0)
  private hollowOf = new Int32Array(0)
  private partsOf = new Int32Array(0)
  private readonly filled = new PairTable()
  /** Per snapshot id `fill` made without an object: its hollow's id + 1 and its parts' id (see `snapshot`). */
  private madeOf = new Int32Array(0)

  constructor(
    private readonly model: ExploreModel,
    private readonly canon: Canon,
    private readonly memo: LocalMemo,
    private readonly cov: Coverage | null,
  ) {
    const a = model.actors.length
    if (a > LINK_TO) throw new Error(`packed search: at most ${LINK_TO} actors (a link packs two actor indices)`)
    const k = model.monitors.length
    this.actorCount = a
    this.monitorCount = k
    this.stepsAt = a + k
    this.envAt = a + k + 2
    this.violated = canon.id(VIOLATED)
    memo.adoptMonitorState(this.violated, VIOLATED)
    this.enabled = model.moves.map(() => new Int32Array(0))
    this.movesOf = model.actors.map(() => [])
    this.moveSlot = Int32Array.from(model.moves, (mv, m) => this.movesOf[mv.actor]!.push(m) - 1)
    this.endings = model.monitors.map(() => new Map())
    this.clients = model.actors.flatMap((s, i) => (s.kind === 'client' ? [i] : []))
    const rules = model.net.rules
    this.perLink = rules.perLink
    this.loss = rules.loss
    this.duplication = rules.duplication
    this.maxFaults = rules.maxFaults
    this.countSteps = model.maxSteps !== null
    this.netCounts = new Int32Array(a * NET_EVENTS.length)
    this.pass = model.actors.map((slot) => (slot.passThrough.length > 0 ? new PassThroughParts(slot.passThrough) : null))
    if (cov) memo.beforeForget = () => this.flushReactions()
    const s = model.initial
    if (s.net.pending.length > 0) throw new Error('packed search: the initial network must be empty')
    this.ensure(this.envAt)
    s.actors.forEach((snap, i) => {
      this.cur[i] = canon.id(snap)
    })
    s.mon.forEach((m, j) => {
      const id = canon.id(m)
      memo.adoptMonitorState(id, m)
      this.cur[a + j] = id
    })
    this.cur[this.stepsAt] = s.steps
    this.cur[this.stepsAt + 1] = s.net.faults
    this.n = this.envAt
    this.level.push(this.cur, this.n, this.keyCur())
  }

  get size(): number {
    return this.level.count
  }

  key(h: number): number {
    return this.level.keys[h]!
  }

  ends(h: number): readonly Violation[] | null {
    const { data, offs } = this.level
    const at = offs[h]!
    if (offs[h + 1]! - at > this.envAt) return null
    if (this.clients.some((i) => this.waiting(i, data[at + i]!))) return null
    const model = this.model
    if (model.scripted && data[at + this.stepsAt]! < model.moves.length) return null
    let out: Violation[] | null = null
    for (let k = 0; k < this.monitorCount; k++) {
      const final = model.monitors[k]!.final
      const m = data[at + this.actorCount + k]!
      if (!final || m === this.violated) continue
      const known = this.endings[k]!
      let why = known.get(m)
      if (why === undefined) known.set(m, (why = final.call(model.monitors[k], this.memo.monitorState(m))))
      if (why !== null) (out ??= []).push({ property: k, explain: why })
    }
    return out
  }

  retain(own: (h: number) => boolean): void {
    const kept = new Level()
    const { data, offs, keys } = this.level
    for (let h = 0; h < this.level.count; h++) if (own(h)) kept.push(data.subarray(offs[h]!), offs[h + 1]! - offs[h]!, keys[h]!)
    this.level = kept
  }

  /**
   * From now on a state new to this thread joins the next level only if it is the first of the
   * threads sharing `claims` to meet it (claims.ts); the others drop it.
   */
  share(claims: SharedClaims): void {
    this.claims = claims
  }

  private claims: SharedClaims | null = null

  /** At most how many successors the states of the next level (or, `next` false, of this one) have: what claims.ts makes room for. */
  successorBound(next: boolean): number {
    const { offs, count } = next ? this.next : this.level
    const per = 1 + (this.loss ? 1 : 0) + (this.duplication ? 1 : 0)
    const quiet = this.model.moves.length + 1
    let n = 0
    for (let h = 0; h < count; h++) {
      const pending = offs[h + 1]! - offs[h]! - this.envAt
      n += pending > 0 ? pending * per : quiet
    }
    return n
  }

  advance(): void {
    const done = this.level
    this.level = this.next
    done.clear()
    this.next = done
  }

  expand(h: number, visit: Visit): void {
    const { data, offs } = this.level
    const at = offs[h]!
    const len = offs[h + 1]! - at
    const pending = len - this.envAt
    const cov = this.cov
    if (pending > 0) {
      const faultsLeft = data[at + this.stepsAt + 1]! < this.maxFaults
      let code = 0
      for (let j = 0; j < pending; j++) {
        const cid = data[at + this.envAt + j]!
        if (this.perLink && this.linkEarlier(data, at, j, this.links[cid]!)) continue
        // Its recipient is in its link; the envelope itself is looked up only if the model must run.
        const to = this.links[cid]! & LINK_TO
        // deliver
        this.load(data, at, len, j)
        if (cov) this.netCounts[to * NET_EVENTS.length + DELIVER]!++
        this.send(to, cid, cid)
        this.finish(code++, visit)
        if (faultsLeft && this.loss) {
          this.load(data, at, len, j)
          this.cur[this.stepsAt + 1]!++
          if (cov) this.netCounts[to * NET_EVENTS.length + DROP]!++
          this.finish(code++, visit)
        }
        if (faultsLeft && this.duplication) {
          this.load(data, at, len, -1)
          this.cur[this.stepsAt + 1]!++
          if (cov) {
            this.netCounts[to * NET_EVENTS.length + DELIVER]!++
            this.netCounts[to * NET_EVENTS.length + DUPLICATE]!++
          }
          this.send(to, cid, cid)
          this.finish(code++, visit)
        }
      }
      return
    }
    let waiting = false
    for (const i of this.clients) if (this.waiting(i, data[at + i]!)) waiting = true
    if (waiting) {
      this.load(data, at, len, -1)
      for (const i of this.clients) if (this.waiting(i, data[at + i]!)) this.send(i, this.memo.timerKey(i, TIMEOUT), null)
      this.finish(TIMERS, visit)
      return
    }
    const model = this.model
    const steps = data[at + this.stepsAt]!
    const moves = model.moves
    if (model.scripted) {
      if (steps < moves.length) this.step(data, at, len, steps, visit)
      return
    }
    if (model.maxSteps !== null && steps >= model.maxSteps) return
    for (let m = 0; m < moves.length; m++) if (this.can(m, data[at + moves[m]!.actor]!)) this.step(data, at, len, m, visit)
  }

  /** Take step move `m` from the state at `at` (a scripted step whose actor is busy is skipped, as exec.ts does). */
  private step(data: Int32Array, at: number, len: number, m: number, visit: Visit): void {
    const move = this.model.moves[m]!
    const counts = this.cov ? this.netCounts : null
    this.load(data, at, len, -1)
    if (this.can(m, data[at + move.actor]!)) {
      if (counts) counts[move.actor * NET_EVENTS.length + STEP_BEGIN]!++
      this.send(move.actor, this.memo.moveKey(m, move.actor, move.event), move.event)
    } else if (counts) counts[move.actor * NET_EVENTS.length + STEP_SKIP]!++
    if (this.countSteps) this.cur[this.stepsAt]!++
    this.finish(stepCode(m), visit)
  }

  /** Whether an earlier pending envelope than the j-th is on `link` (only a link's oldest is deliverable). */
  private linkEarlier(data: Int32Array, at: number, j: number, link: number): boolean {
    for (let x = 0; x < j; x++) if (this.links[data[at + this.envAt + x]!] === link) return true
    return false
  }

  /** Copy the state at `at` into the successor, leaving out pending envelope `skip` (−1: none). */
  private load(data: Int32Array, at: number, len: number, skip: number): void {
    this.ensure(len + 16)
    const cur = this.cur
    if (skip < 0) {
      for (let i = 0; i < len; i++) cur[i] = data[at + i]!
      this.n = len
    } else {
      const cut = this.envAt + skip
      for (let i = 0; i < cut; i++) cur[i] = data[at + i]!
      for (let i = cut + 1; i < len; i++) cur[i - 1] = data[at + i]!
      this.n = len - 1
    }
    this.violations = null
  }

  private ensure(n: number): void {
    if (this.cur.length >= n) return
    this.cur = grown(this.cur, n)
    this.seq = new Int32Array(this.cur.length)
  }

  /**
   * Actor `i` takes an event (memo key `key`): a delivery of the envelope with id `what`, a step's
   * event, or (null) its timer; its snapshot, the monitors and the network change as its reaction says.
   */
  private send(i: number, key: number, what: number | ActorEvent | null): void {
    const memo = this.memo
    const snapId = this.cur[i]!
    // Keyed by the hollow snapshot when the event passes the actor's declared parts through.
    let sub = snapId
    if (this.pass[i] !== null && this.passes(i, key, what)) {
      const known = snapId < this.hollowOf.length ? this.hollowOf[snapId]! : 0
      const h = known > 0 ? known - 1 : known === 0 ? this.hollowId(i, snapId) : -1
      if (h >= 0) sub = h
    }
    let x = memo.indexOf(key, sub)
    if (x < 0) x = this.computeTimed(i, key, snapId, sub, what)
    if (this.cov) this.used(i, x)
    const info = memo.info
    let after = info[INFO * x]!
    if (after < 0) return
    if (info[INFO * x + 4] !== 0) after = this.fill(i, after, this.partsOf[snapId]!)
    this.cur[i] = after
    const watched = info[INFO * x + 1]!
    if (watched !== 0) this.fold(x, watched)
    const from = info[INFO * x + 2]!
    const count = info[INFO * x + 3]!
    this.ensure(this.n + count + 16)
    const into = this.cur
    const pool = memo.cidPool
    for (let j = from; j < from + count; j++) into[this.n++] = pool[j]!
  }

  /** The event `send` was given as `what`: a delivery of the envelope with that id, a step's event, or (null) a timer. */
  private eventOf(what: number | ActorEvent | null): ActorEvent {
    if (what === null) return TIMEOUT
    if (typeof what !== 'number') return what
    const env = this.envs[what]!
    return { type: 'deliver', from: env.from, msg: env.msg }
  }

  /** Whether actor `i`'s reactions to the event of memo key `key` pass its declared parts through (asked once per key). */
  private passes(i: number, key: number, what: number | ActorEvent | null): boolean {
    this.keyPass = grown(this.keyPass, key + 1)
    let p = this.keyPass[key]!
    if (p === 0) {
      p = this.pass[i]!.passes(eventKind(this.eventOf(what))) ? 2 : 1
      this.keyPass[key] = p
    }
    return p === 2
  }

  /** The id of snapshot `snapId`'s hollow, its parts' id kept beside it; −1 if it has no parts. */
  private hollowId(i: number, snapId: number): number {
    this.hollowOf = grown(this.hollowOf, snapId + 1)
    this.partsOf = grown(this.partsOf, snapId + 1)
    const cut = this.pass[i]!.hollowIds(this.canon, snapId)
    if (cut === null) {
      this.hollowOf[snapId] = -1
      return -1
    }
    this.partsOf[snapId] = this.canon.arrayOf(cut.parts)
    this.hollowOf[snapId] = cut.hollow + 1
    return cut.hollow
  }

  /**
   * The id of hollow snapshot `hollow` with its holes filled by the parts of id `parts`, made by ids;
   * the snapshot object itself is made only if the search asks for it (`snapshot`).
   */
  private fill(i: number, hollow: number, parts: number): number {
    let whole = this.filled.get(hollow, parts)
    if (whole < 0) {
      whole = this.pass[i]!.fillIds(this.canon, hollow, this.canon.elementsOf(parts))
      this.filled.set(hollow, parts, whole)
      if (this.canon.rep(whole) === undefined) {
        this.madeOf = grown(this.madeOf, 2 * whole + 2)
        this.madeOf[2 * whole] = hollow + 1
        this.madeOf[2 * whole + 1] = parts
      }
    }
    return whole
  }

  /** The snapshot object of id `snapId`: the canon's representative, made now from its hollow and parts if `fill` only gave it an id. */
  private snapshot(i: number, snapId: number): Snap {
    const kept = this.canon.rep<Snap | undefined>(snapId)
    if (kept !== undefined) return kept
    const hollow = this.madeOf[2 * snapId]! - 1
    const canon = this.canon
    let empty = canon.rep<Snap | undefined>(hollow)
    if (empty === undefined) {
      empty = this.pass[i]!.hollow(this.hollowSource.get(hollow)!)!.hollow
      canon.represent(empty, hollow)
    }
    const snap = this.pass[i]!.fill(empty, canon.elementsOf(this.madeOf[2 * snapId + 1]!).map((p) => canon.rep<unknown>(p)))
    canon.represent(snap, snapId)
    return snap
  }

  /** Actor `i` took reaction `x` once more (computed or replayed), for coverage. */
  private used(i: number, x: number): void {
    this.uses = grown(this.uses, x + 1)
    this.usedBy = grown(this.usedBy, x + 1)
    this.uses[x]!++
    this.usedBy[x] = i
  }

  /** Hand the counts to the Coverage: once the search ends (bfs.ts), and before the memo drops its reactions. */
  flushCoverage(): void {
    const cov = this.cov
    if (!cov) return
    this.flushReactions()
    const kinds = NET_EVENTS.length
    for (let i = 0; i < this.actorCount; i++) {
      const kind = this.model.actors[i]!.kind
      for (let e = 0; e < kinds; e++) {
        const n = this.netCounts[i * kinds + e]!
        if (n > 0) cov.traceEvent(kind, NET_EVENTS[e]!, undefined, n)
      }
    }
    this.netCounts.fill(0)
  }

  /** Every reaction taken since the last flush, times the number of times it was taken: its machine steps and (if it changed anything) what it put out. */
  private flushReactions(): void {
    const cov = this.cov!
    const uses = this.uses
    for (let x = 0; x < uses.length; x++) {
      const n = uses[x]!
      if (n === 0) continue
      const r = this.memo.reaction(x)
      const kind = this.model.actors[this.usedBy[x]!]!.kind
      for (const st of r.steps!) cov.machineEvent(kind, st.type, st.taken, n)
      if (!r.changed) continue
      for (const o of r.out) cov.traceEvent(kind, 'note' in o ? o.note.type : 'net.send', 'note' in o && o.note.type === 'intent.begin' ? o.note.action : undefined, n)
    }
    uses.fill(0)
  }

  /** `compute`, timed; apart from `send` so that a replay allocates no closure context for it. */
  private computeTimed(i: number, key: number, snapId: number, sub: number, what: number | ActorEvent | null): number {
    return this.memo.timed(() => this.compute(i, key, snapId, sub, what)).index!
  }

  /**
   * A reaction met for the first time: the model runs on the snapshot kept for `snapId`. It is kept
   * under `sub`: `snapId`, or its hollow when the event passes the parts through — then its snapshot
   * after is kept hollow, unless it moved a part (the key is then taken whole from now on). An event
   * that only asks of a part (`Asked`) is first looked for among the reactions to the same question
   * (`answer`); one computed is remembered for them (`LocalMemo.learnAsked`).
   */
  private compute(i: number, key: number, snapId: number, sub: number, what: number | ActorEvent | null): Reaction {
    const slot = this.model.actors[i]!
    const event = this.eventOf(what)
    const before = this.snapshot(i, snapId)
    const ask = sub === snapId && this.pass[i] !== null ? this.asking(i, key, snapId, before, event) : null
    if (ask !== null) {
      const x = this.memo.askedIndex(key, ask.key)
      if (x >= 0) {
        const after = this.memo.askedAfterOf(x)
        const a = after === UNRESOLVED ? this.resolve(i, x, ask) : after
        if (a >= 0) return this.answer(i, key, snapId, x, a, ask)
      }
    }
    const made = reaction(this.model, i, before, event, this.cov !== null)
    let hollow = false
    if (sub !== snapId && made.changed) {
      const pass = this.pass[i]!
      if (pass.kept(before, made.snap)) {
        made.snap = pass.hollow(made.snap)!.hollow
        hollow = true
      } else {
        this.keyPass[key] = 1
        sub = snapId
      }
    }
    const r = this.memo.keep(key, sub, slot.id, made, hollow)
    const envs = this.envs
    for (const o of r.out) {
      if (!('msg' in o)) continue
      while (envs.length <= o.cid) envs.push(undefined)
      if (envs[o.cid] !== undefined) continue
      envs[o.cid] = { from: slot.id, msg: o.msg }
      this.links = grown(this.links, o.cid + 1)
      this.links[o.cid] = i * (LINK_TO + 1) + o.toIx
    }
    if (ask !== null) this.memo.learnAsked(key, ask.key, r.index!, snapId)
    return r
  }

  /**
   * What actor `i`'s event asks of a part (model/passThrough.ts `Asked`) in snapshot `snapId`: the
   * key of the question (the snapshot's hollow, the answer), the part's place and the part; null
   * when the event asks nothing, or of a place the snapshot does not have yet.
   */
  private asking(i: number, key: number, snapId: number, before: Snap, event: ActorEvent): Ask | null {
    if (event.type !== 'deliver') return null
    this.keyAsk = grown(this.keyAsk, key + 1)
    const pass = this.pass[i]!
    let a = this.keyAsk[key]!
    if (a === 0) this.keyAsk[key] = a = pass.askingPart(eventKind(event)) + 2
    if (a === 1) return null
    const asked = pass.asked(a - 2)
    const ctx = before.context as Record<string, unknown>
    const room = asked.at(event.msg)
    const q = pass.placeIndex(ctx, a - 2, room)
    if (q < 0) return null
    const known = snapId < this.hollowOf.length ? this.hollowOf[snapId]! : 0
    const h = known > 0 ? known - 1 : known === 0 ? this.hollowId(i, snapId) : -1
    if (h < 0) return null
    const part = pass.partAt(ctx, a - 2, room)
    const c = this.canon
    return { key: c.tuple(ASKED, h, asked.holds(part, event.msg) ? c.num(1) : c.num(0)), d: a - 2, q, part, msg: event.msg, asked }
  }

  /**
   * What reaction `x`, remembered as the one to question `ask`, did to the parts (asked the first
   * time another reaction would be taken over from it): if its snapshot after holds the parts its
   * snapshot before held, but for the asked part, kept or with the message added, its hollow
   * snapshot after × 2 + 1 if added; else REJECTED, and it is never taken over.
   */
  private resolve(i: number, x: number, ask: Ask): number {
    const c = this.canon
    const memo = this.memo
    const r = memo.reaction(x)
    const from = memo.askedFromOf(x)
    const before = this.snapshot(i, from)
    // Unchanged, a kept reaction's snapshot id is the one it started from (memo.ts `keep`).
    const cut = this.pass[i]!.hollowIds(c, r.snapId)
    const was = c.elementsOf(this.partsOf[from]!)
    let a = REJECTED
    if (cut !== null && cut.parts.length === was.length) {
      a = 2 * cut.hollow
      for (let j = 0; j < was.length; j++) {
        if (cut.parts[j] === was[j]) continue
        const part = this.pass[i]!.partAt(before.context as Record<string, unknown>, ask.d, ask.asked.at(ask.msg))
        if (j !== ask.q || cut.parts[j] !== c.id(ask.asked.adds(part, ask.msg))) {
          a = REJECTED
          break
        }
        a += 1
      }
    }
    // Made by ids, the hollow snapshot after may have no object yet: `snapshot` cuts one from this one when it needs it.
    if (a >= 0 && c.rep(a >> 1) === undefined && !this.hollowSource.has(a >> 1)) this.hollowSource.set(a >> 1, r.changed ? r.snap : before)
    memo.resolveAsked(x, a)
    return a
  }

  /**
   * Actor `i`'s reaction to an event that asks of a part, in snapshot `snapId`, taken over from
   * reaction `x` to the same question over the same hollow snapshot: its notes and sends, its
   * hollow snapshot after, filled with this snapshot's own parts — the asked one with the message
   * added if `x` added it.
   */
  private answer(i: number, key: number, snapId: number, x: number, after: number, ask: Ask): Reaction {
    const c = this.canon
    let parts = this.partsOf[snapId]!
    if (after % 2 === 1) {
      const ids = c.elementsOf(parts)
      ids[ask.q] = c.id(ask.asked.adds(ask.part, ask.msg))
      parts = c.arrayOf(ids)
    }
    return this.memo.keepAnswered(key, snapId, x, this.fill(i, after >> 1, parts))
  }

  /** Every monitor in `watched` over the notes of reaction `x`, by monitor-state id (the object path's `fold`, exec.ts). */
  private fold(x: number, watched: number): void {
    const memo = this.memo
    const base = this.actorCount
    let found: { readonly v: Violation; readonly at: number }[] | null = null
    for (let k = 0; k < this.monitorCount; k++) {
      const s = this.cur[base + k]!
      if (s === this.violated || !watches(watched, k)) continue
      let after = memo.foldIndex(x, k, s)
      if (after < 0) {
        // A monitor state this reaction's notes never met: fold them once.
        const r = memo.reaction(x)
        after = memo.keepFoldById(r, k, s, foldNotes(this.model.monitors[k]!, r, memo.monitorState(s))).id!
      }
      if (after === s) continue
      this.cur[base + k] = after
      if (after === this.violated) {
        const f = memo.violation(memo.reaction(x), k, s)
        ;(found ??= []).push({ v: { property: k, explain: f.explain }, at: f.at })
      }
    }
    if (found) for (const v of found.sort((a, b) => a.at - b.at || a.v.property - b.v.property)) (this.violations ??= []).push(v.v)
  }

  /** Key the successor; a fresh one joins the next level. */
  private finish(code: number, visit: Visit): void {
    const key = this.keyCur()
    const claims = this.claims
    const fresh = key >= this.mark && (claims === null || claims.claim(this.canon.fpHi(key), this.canon.fpLo(key)))
    if (fresh) this.next.push(this.cur, this.n, key)
    visit(code, key, fresh, this.violations)
  }

  private mark = 0

  /** The successor's canonical id: the flat sequence canon.ts `state` builds for the same state. */
  private keyCur(): number {
    const c = this.canon
    this.mark = c.stateMark
    const cur = this.cur
    const seq = this.seq
    const envAt = this.envAt
    for (let i = 0; i < this.stepsAt; i++) seq[i] = cur[i]!
    seq[this.stepsAt] = c.num(this.countSteps ? cur[this.stepsAt]! : 0)
    seq[this.stepsAt + 1] = this.model.net.faulty ? c.num(cur[this.stepsAt + 1]!) : c.undefinedAtom
    const p = this.n - envAt
    if (p <= 1) {
      if (p === 1) seq[envAt] = cur[envAt]!
    } else {
      // Insertion sort (stable) of a handful: per link for an ordered network, else by fingerprint.
      const order = (this.order = grown(this.order, p))
      for (let x = 0; x < p; x++) order[x] = x
      for (let x = 1; x < p; x++) {
        const v = order[x]!
        let y = x - 1
        while (y >= 0 && this.after(cur[envAt + order[y]!]!, cur[envAt + v]!)) {
          order[y + 1] = order[y]!
          y--
        }
        order[y + 1] = v
      }
      for (let x = 0; x < p; x++) seq[envAt + x] = cur[envAt + order[x]!]!
    }
    return c.flat(seq, this.n)
  }

  /** Whether envelope `a` goes strictly after envelope `b` in canonical order. */
  private after(a: number, b: number): boolean {
    if (this.perLink) return this.links[a]! > this.links[b]!
    const c = this.canon
    const ha = c.fpHi(a)
    const hb = c.fpHi(b)
    return ha > hb || (ha === hb && c.fpLo(a) > c.fpLo(b))
  }

  /**
   * What the search asks of a snapshot at every state it is in, computed once per snapshot id: bit 0
   * set once known, bit 1 whether its (client) actor is waiting for an answer (its timer can fire),
   * and from bit 2 which of its actor's first MASKED moves it can take.
   */
  private factsOf(actor: number, snapId: number): number {
    this.facts = grown(this.facts, snapId + 1)
    let f = this.facts[snapId]!
    if (f !== 0) return f
    const slot = this.model.actors[actor]!
    const snap = this.snapshot(actor, snapId)
    f = 1
    if (slot.kind === 'client' && slot.machine.can(snap, TIMEOUT)) f |= 2
    const mine = this.movesOf[actor]!
    for (let j = 0; j < mine.length && j < MASKED; j++) if (slot.machine.can(snap, this.model.moves[mine[j]!]!.event)) f |= 4 << j
    this.facts[snapId] = f
    return f
  }

  /** Whether client `i`, in snapshot `snapId`, is waiting for an answer. */
  private waiting(i: number, snapId: number): boolean {
    return (this.factsOf(i, snapId) & 2) !== 0
  }

  /** Whether step move `m`'s actor, in snapshot `snapId`, can take it. */
  private can(m: number, snapId: number): boolean {
    const move = this.model.moves[m]!
    const j = this.moveSlot[m]!
    if (j < MASKED) return (this.factsOf(move.actor, snapId) & (4 << j)) !== 0
    const known = (this.enabled[m] = grown(this.enabled[m]!, snapId + 1))
    let ok = known[snapId]!
    if (ok === 0) known[snapId] = ok = this.model.actors[move.actor]!.machine.can(this.snapshot(move.actor, snapId), move.event) ? 2 : 1
    return ok === 2
  }
}
