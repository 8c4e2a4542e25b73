/**
 * One level of the breadth-first search (bfs.ts) and how its states are expanded: the search loop
 * asks a frontier for its states' ids, their successors and where a run may end, and never sees
 * how a state is held. Two kinds: `ObjectFrontier` here keeps every state as the model's objects
 * and computes (or, with the memo, replays) each transition on them — it serves symmetry reduction,
 * whose key is a serialization, and the memo-less baseline; `PackedFrontier` (packed.ts) keeps
 * states as integer vectors and is the default.
 */
import type { Coverage } from './coverage.js'
import { endViolations, expand, mayEnd, type Violation } from './exec.js'
import type { StateKeys } from './keys.js'
import type { LocalMemo } from './memo.js'
import type { ExploreModel, GState } from './model.js'

/** What the search is told of each successor, in the order the model lists them (exec.ts `expand`). */
export type Visit = (code: number, key: number, fresh: boolean, violations: readonly Violation[] | null) => void

export interface Frontier {
  /** States in the level being expanded. */
  readonly size: number
  /** The canonical id (keys.ts) of the level's state `h`. */
  key(h: number): number
  /** The `eventually` violations of a run ending in state `h`, or null (it may not end there, or violates none). */
  ends(h: number): readonly Violation[] | null
  /** Every successor of state `h`; the fresh ones (never keyed before) join the next level, in order. */
  expand(h: number, visit: Visit): void
  /** Keep only the states `own` picks (a shard's part of its split level). */
  retain(own: (h: number) => boolean): void
  /** Make the next level the one to expand. */
  advance(): void
  /** The search has ended: hand the coverage any counts kept in bulk. */
  flushCoverage(): void
}

interface Node {
  readonly key: number
  readonly state: GState
  /** Its component ids (keys.ts), null under symmetry reduction. */
  readonly ids: number[] | null
}

export class ObjectFrontier implements Frontier {
  private level: Node[]
  private next: Node[] = []

  constructor(
    private readonly model: ExploreModel,
    private readonly keys: StateKeys,
    private readonly cov: Coverage | null,
    private readonly memo: LocalMemo | null,
  ) {
    const ids = keys.components(model.initial)
    this.level = [{ key: keys.keyOf(model.initial, ids), state: model.initial, ids }]
  }

  get size(): number {
    return this.level.length
  }

  key(h: number): number {
    return this.level[h]!.key
  }

  ends(h: number): readonly Violation[] | null {
    const s = this.level[h]!.state
    return mayEnd(this.model, s) ? endViolations(this.model, s) : null
  }

  expand(h: number, visit: Visit): void {
    const node = this.level[h]!
    const keys = this.keys
    expand(this.model, node.state, { cov: this.cov, memo: this.memo, canon: keys.canon, ids: node.ids }, (code, state, violations, ids) => {
      const key = keys.keyOf(state, ids)
      const fresh = keys.fresh
      if (fresh) this.next.push({ key, state, ids })
      visit(code, key, fresh, violations)
    })
  }

  retain(own: (h: number) => boolean): void {
    this.level = this.level.filter((_, h) => own(h))
  }

  advance(): void {
    this.level = this.next
    this.next = []
  }

  /** Nothing kept in bulk: this frontier names each coverage count as it happens. */
  flushCoverage(): void {}
}
