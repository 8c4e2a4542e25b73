/**
 * `explore`: breadth-first search over every choice sequence of a world (explore model), with
 * deduplication by canonical state identity — Stateright's and TLC's exhaustive check, bounded by
 * depth, a number of unique states and time. Level by level, so the first violation found of a
 * property is one of the shortest (fewest transitions); with `all`, the search goes on until every
 * property is violated or the bounds are reached. How a level's states are held and expanded is
 * the frontier's business: packed integer vectors by default (packed.ts), the model's objects under
 * symmetry reduction or without the memo (frontier.ts); the loop here sees only ids and move codes.
 *
 * Sharding (`shard`: i of n) splits one search over processes with the same outcome: every shard
 * explores the levels above the split depth (the first level with at least SPLIT_PER_SHARD × n
 * states), then only the states of that level it owns by fingerprint, each with its own visited
 * set. Every state within the depth lies below some split-level state on one of its shortest paths,
 * so the union of the shards' visited sets is the single run's, and the shortest violation is the
 * least of the shards' (docs/explore.md gives the argument).
 */
import type { Coverage } from './coverage.js'
import type { Violation } from './exec.js'
import { FingerprintSet } from './fingerprints.js'
import { grown } from './grow.js'
import { type Frontier, ObjectFrontier, type Visit } from './frontier.js'
import { StateKeys } from './keys.js'
import { LocalMemo } from './memo.js'
import type { ExploreModel } from './model.js'
import type { SharedClaims } from './claims.js'
import { PackedFrontier } from './packed.js'
import type { Symmetry } from './symmetry.js'

export const SPLIT_PER_SHARD = 16

export interface ExploreOptions {
  readonly depth: number
  readonly maxStates?: number
  readonly seconds?: number
  /** Keep going after the first violation, until every property is violated. */
  readonly all?: boolean
  readonly symmetry?: Symmetry | null
  readonly shard?: { readonly index: number; readonly count: number } | null
  /**
   * With `shard`: the threads of one `--workers` search, which share a visited set (claims.ts) past
   * the split instead of each searching below its part of the split level alone.
   */
  readonly claims?: SharedClaims | null
  readonly coverage?: Coverage | null
  /** Replay memoised local reactions (memo.ts; default true). False computes every transition afresh: the same search, slower — the baseline bench/explore.ts measures against. */
  readonly memo?: boolean
  /** How many reactions the memo holds before it drops them all (memo.ts; default about a million): only tests lower it. */
  readonly memoEntries?: number
  /** Hold states packed as integer vectors (packed.ts; default true, and only with the memo and without symmetry). False keeps them as the model's objects (frontier.ts): the same search, slower. */
  readonly packed?: boolean
  /** Collect the fingerprints of every unique state (shards need them to merge). */
  readonly fingerprints?: boolean
  readonly onProgress?: (p: Progress) => void
}

export interface Progress {
  readonly depth: number
  readonly generated: number
  readonly unique: number
  readonly seconds: number
}

export interface Found {
  readonly property: string
  /** Transitions from the initial state. */
  readonly length: number
  /** The move codes of the path (exec.ts). */
  readonly codes: readonly number[]
  readonly explain: string
}

export type StopReason = 'exhausted' | 'depth' | 'states' | 'time' | 'violation'

export interface ExploreResult {
  readonly generated: number
  readonly unique: number
  /** Deepest level whose states were all expanded (or the violation's depth). */
  readonly depth: number
  readonly seconds: number
  readonly stopped: StopReason
  /** Violations in order of discovery (per property, a shortest one). */
  readonly found: readonly Found[]
  /** The level at which a sharded search split (null if unsharded or never split). */
  readonly splitDepth: number | null
  /** A thread of a shared search (`claims`): its counts when it split, which every thread counted alike. */
  readonly atSplit?: { readonly generated: number; readonly unique: number }
  /** Sorted (hi, lo) pairs of every unique state's fingerprint, when asked for. */
  readonly fingerprints: Uint32Array | null
  /**
   * Local reactions computed (and the seconds that took, identifying them included), of them those
   * taken over from a reaction to the same question rather than run by the model (packed.ts
   * `answer`), and reactions replayed from the memo (memo.ts); null without it.
   */
  readonly reactions: { readonly computed: number; readonly answered: number; readonly replayed: number; readonly seconds: number } | null
}

class Paths {
  private parent = new Int32Array(1 << 12)
  private code = new Int32Array(1 << 12)
  size = 0

  add(parent: number, code: number): number {
    this.parent = grown(this.parent, this.size + 1)
    this.code = grown(this.code, this.size + 1)
    this.parent[this.size] = parent
    this.code[this.size] = code
    return this.size++
  }

  codes(u: number): number[] {
    const out: number[] = []
    for (let x = u; this.parent[x]! >= 0; x = this.parent[x]!) out.push(this.code[x]!)
    return out.reverse()
  }
}

export function explore(model: ExploreModel, opts: ExploreOptions): ExploreResult {
  const started = performance.now()
  const keys = new StateKeys(model, opts.symmetry ?? null)
  const paths = new Paths()
  const fps = opts.fingerprints ? new FingerprintSet() : null
  const cov = opts.coverage ?? null
  const memo = opts.memo === false ? null : new LocalMemo(keys.canon, model.monitors.length, opts.memoEntries)
  const found: Found[] = []
  const pending = new Set(model.properties.map((_, k) => k))
  const maxStates = opts.maxStates ?? Number.POSITIVE_INFINITY
  const deadline = opts.seconds === undefined ? Number.POSITIVE_INFINITY : started + opts.seconds * 1000
  let generated = 0
  let unique = 0
  let splitDepth: number | null = null
  const claims = opts.claims ?? null
  // Past the split of a shared search; `atSplit`: the counts then; `left`: this thread has made its last barrier arrival.
  let shared = false
  let atSplit: { generated: number; unique: number } | undefined
  let left = false
  const record = (id: number) => {
    unique++
    if (fps) {
      const [hi, lo] = keys.fp(id)
      fps.add(hi, lo)
    }
  }
  const frontier: Frontier =
    memo && !opts.symmetry && opts.packed !== false ? new PackedFrontier(model, keys.canon, memo, cov) : new ObjectFrontier(model, keys, cov, memo)
  record(frontier.key(0))
  // Per state of the level, and of the next: its index in `paths`.
  let level: number[] = [paths.add(-1, 0)]
  let depth = 0
  let stopped: StopReason = 'exhausted'
  const report = () => opts.onProgress?.({ depth, generated, unique, seconds: (performance.now() - started) / 1000 })
  let lastReport = started
  let expanded = 0
  const judgesEnds = model.monitors.some((m) => m.final !== undefined)
  // A thread of a shared search may have no states of a level while the others have some.
  outer: while (level.length > 0 || shared) {
    if (opts.shard && splitDepth === null && level.length >= SPLIT_PER_SHARD * opts.shard.count) {
      splitDepth = depth
      const { index, count } = opts.shard
      const own = (h: number) => keys.owner(frontier.key(h), count) === index
      level = level.filter((_, h) => own(h))
      frontier.retain(own)
      if (claims) {
        if (!(frontier instanceof PackedFrontier)) throw new Error('explore: threads share a visited set only over packed states')
        // Every thread searched the levels above alike; the first keeps their coverage.
        atSplit = { generated, unique }
        if (index !== 0) {
          frontier.flushCoverage()
          cov?.clear()
        }
        frontier.share(claims)
        shared = true
        if (!claims.endLevel(1, frontier.successorBound(false))) {
          left = true
          break
        }
      }
    }
    if (judgesEnds) {
      // An `eventually` property is judged where a run may end: a violation at this level is one
      // transition shorter than any found while expanding it, so these come first.
      let hit = false
      for (let h = 0; h < level.length; h++) {
        const vs = frontier.ends(h)
        if (vs) for (const v of vs) {
          if (!pending.has(v.property)) continue
          pending.delete(v.property)
          found.push({ property: model.properties[v.property]!.id, length: depth, codes: paths.codes(level[h]!), explain: v.explain })
          hit = true
        }
        if (hit && (!opts.all || pending.size === 0)) break
      }
      if (hit && (shared || !opts.all || pending.size === 0)) {
        stopped = 'violation'
        break
      }
    }
    if (depth >= opts.depth) {
      stopped = 'depth'
      break
    }
    const next: number[] = []
    // One callback for the level: it reads the state being expanded from `parent` (a closure per
    // state would be an allocation per state).
    let parent = 0
    let violation: Found | null = null
    const visit: Visit = (code, key, fresh, violations) => {
      generated++
      if (!fresh) return
      record(key)
      const u = paths.add(parent, code)
      next.push(u)
      if (violations) for (const v of violations) {
        if (!pending.has(v.property)) continue
        pending.delete(v.property)
        const f = { property: model.properties[v.property]!.id, length: depth + 1, codes: paths.codes(u), explain: v.explain }
        found.push(f)
        violation ??= f
      }
    }
    for (let h = 0; h < level.length; h++) {
      parent = level[h]!
      violation = null
      frontier.expand(h, visit)
      // A shared search stops at any violation: the caller searches again in one thread for the single run's counterexample (search.ts).
      if (violation && (shared || !opts.all || pending.size === 0)) {
        depth += 1
        stopped = 'violation'
        break outer
      }
      if ((++expanded & 63) === 0 || unique >= maxStates) {
        const now = performance.now()
        if (shared && claims!.stopping) break outer
        if ((shared ? atSplit!.unique + claims!.claimed() : unique) >= maxStates) {
          stopped = 'states'
          break outer
        }
        if (now > deadline) {
          stopped = 'time'
          break outer
        }
        if (now - lastReport > 500) {
          lastReport = now
          report()
        }
      }
    }
    if (found.length > 0 && opts.all && pending.size === 0) {
      depth += 1
      stopped = 'violation'
      break
    }
    if (shared) {
      if (!claims!.endLevel(next.length, (frontier as PackedFrontier).successorBound(true))) {
        left = true
        break
      }
    } else if (next.length === 0) break
    level = next
    frontier.advance()
    depth += 1
  }
  if (shared && !left) claims!.endLevel(0, 0, true)
  frontier.flushCoverage()
  if (cov) {
    cov.states += unique
    cov.transitions += generated
  }
  report()
  return {
    generated,
    unique,
    depth,
    seconds: (performance.now() - started) / 1000,
    stopped,
    found,
    splitDepth,
    ...(atSplit ? { atSplit } : {}),
    fingerprints: fps ? fps.sorted() : null,
    reactions: memo ? { computed: memo.misses, answered: memo.answered, replayed: memo.hits, seconds: memo.computeSeconds } : null,
  }
}
