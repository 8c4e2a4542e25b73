/**
 * Breadth-first search for the shortest sequence of authorized commits that reaches a goal state
 * (an escalation), with canonical state hashing, a depth bound and a state budget.
 *
 * Breadth-first, so the first goal state found is at the least depth; the layer it is found in is
 * finished so that every shortest path is counted, and a few are kept. The search is a pure function
 * of the question: no clock, no randomness, moves in a fixed order.
 */
import type { UserId } from '../../model/ids.js'
import type { CapabilityName, PolicyVariant } from '../../model/policy/index.js'
import { type Alphabet, movesOf, type Reach } from './moves.js'
import { take, type Taken } from './step.js'
import type { EscState, Start } from './world.js'
import { StateKeys } from './world.js'

/** What counts as an escalation. */
export type Goal =
  /** The principal comes to hold the capability (its effective role has it). */
  | { readonly kind: 'holds'; readonly who: UserId | 'hub'; readonly capability: CapabilityName }
  /** A user who was not a participant at the start is admitted (listed, not banned, or with a client). */
  | { readonly kind: 'admits' }

export interface Question {
  readonly start: Start
  /** Who acts, in this order, and how far. Everybody else only commits what they are sent. */
  readonly actors: readonly (readonly [UserId | 'hub', Reach])[]
  readonly goal: Goal
  readonly reached: (s: EscState) => boolean
  readonly alphabet: Alphabet
  readonly variant: PolicyVariant
  readonly depth: number
  readonly maxStates: number
  /** Told the depth being explored and the states seen, every PROGRESS_EVERY new states. */
  readonly onProgress?: (depth: number, states: number) => void
}

export type SearchResult =
  | {
      readonly kind: 'violated'
      readonly path: readonly Taken[]
      /** How many shortest paths end in a goal state (distinct last moves from distinct states). */
      readonly shortest: number
      /** Up to MAX_KEPT shortest paths, one per sequence of capabilities used; the first is `path`. */
      readonly kept: readonly (readonly Taken[])[]
      readonly states: number
    }
  | { readonly kind: 'atStart'; readonly states: 1 }
  | {
      readonly kind: 'none'
      /** Every state within this many commits was examined (when exhausted: the deepest reachable state's distance). */
      readonly complete: number
      /** True when no new state was left to explore: every reachable state was examined. */
      readonly exhausted: boolean
      readonly budgetHit: boolean
      readonly states: number
    }

export const MAX_KEPT = 12
export const PROGRESS_EVERY = 5000

interface Node {
  readonly state: EscState
  readonly parent: Node | null
  readonly taken: Taken | null
}

function pathTo(n: Node, last: Taken): Taken[] {
  const out: Taken[] = [last]
  for (let x: Node | null = n; x && x.taken; x = x.parent) out.push(x.taken)
  return out.reverse()
}

/** Which capabilities, exercised by which kind of principal, a path uses step by step. */
export function signature(path: readonly Taken[]): string {
  return path.map((t) => t.used.map((u) => `${u.by.kind}:${u.capability}`).join('+')).join(' > ')
}

export function successors(q: Question, s: EscState): Taken[] {
  const out: Taken[] = []
  for (const [who, reach] of q.actors) {
    for (const move of movesOf(s, who, reach, q.alphabet)) {
      const t = take(s, move, q.variant)
      if (t) out.push(t)
    }
  }
  return out
}

export function search(q: Question): SearchResult {
  const keys = new StateKeys()
  const start = q.start.state
  if (q.reached(start)) return { kind: 'atStart', states: 1 }
  const seen = new Set<string>([keys.key(start)])
  let layer: Node[] = [{ state: start, parent: null, taken: null }]
  for (let d = 0; d < q.depth; d++) {
    const next: Node[] = []
    const found: Taken[][] = []
    const signatures = new Set<string>()
    let shortest = 0
    for (const node of layer) {
      for (const t of successors(q, node.state)) {
        if (q.reached(t.after)) {
          shortest++
          const path = pathTo(node, t)
          const sig = signature(path)
          if (found.length < MAX_KEPT && !signatures.has(sig)) {
            signatures.add(sig)
            found.push(path)
          }
          continue
        }
        if (found.length > 0) continue
        const k = keys.key(t.after)
        if (seen.has(k)) continue
        if (seen.size >= q.maxStates) return { kind: 'none', complete: d, exhausted: false, budgetHit: true, states: seen.size }
        seen.add(k)
        if (q.onProgress && seen.size % PROGRESS_EVERY === 0) q.onProgress(d + 1, seen.size)
        next.push({ state: t.after, parent: node, taken: t })
      }
    }
    if (found.length > 0) return { kind: 'violated', path: found[0]!, shortest, kept: found, states: seen.size }
    if (next.length === 0) return { kind: 'none', complete: d, exhausted: true, budgetHit: false, states: seen.size }
    layer = next
  }
  return { kind: 'none', complete: q.depth, exhausted: false, budgetHit: false, states: seen.size }
}
