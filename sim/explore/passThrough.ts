/**
 * Reactions keyed without the parts of a snapshot they pass through (model/passThrough.ts).
 *
 * An actor's reaction to an event that does not touch a declared part is the same whatever the part
 * holds, and carries it over unchanged. So the packed search (packed.ts) keys such a reaction by the
 * snapshot with its parts cut out — a *hollow* snapshot, every part replaced by HOLE — and keeps the
 * snapshot after in hollow form too; taking it again from another snapshot with the same hollow, it
 * fills the holes with that snapshot's own parts. The hub then answers a commit once per room state,
 * not once per order in which the messages it remembers were accepted.
 *
 * For an event that only asks one question of a part (model/passThrough.ts `Asked`), it finds the
 * part the event asks about (`askingPart`, `placeIndex`, `partAt`): packed.ts takes reactions to the
 * same question over by them.
 *
 * Checked as it goes: a reaction keyed this way must leave each part where it was, the very same
 * object (`kept`); one that does not (it made a room, so a new place) is keyed whole instead.
 * Whether an event reads a part cannot be seen here; test/sim/explore/passThrough.test.ts checks
 * the declarations against the model, and packed.test.ts the search against the object frontier,
 * which keys every reaction whole.
 */
import type { Asked, PassThrough } from '../../model/passThrough.js'
import type { Snap } from '../compile/index.js'
import type { ActorEvent } from '../runtime.js'
import type { Canon } from './canon.js'

/** What a hole holds: no context holds this string at a declared place, whose parts are lists. */
export const HOLE = '\u0000passed through'

type Ctx = Readonly<Record<string, unknown>>

/** The memo's name for an event's kind, as declarations list them: `deliver:<type>` or the event type. */
export function eventKind(event: ActorEvent): string {
  return event.type === 'deliver' ? `deliver:${(event.msg as { type: string }).type}` : event.type
}

/** One actor kind's declared parts. */
export class PassThroughParts {
  private readonly touching: ReadonlySet<string>
  /** Each declared path from the snapshot down: its context first. */
  private readonly fromSnapshot: readonly (readonly string[])[]

  constructor(private readonly declared: readonly PassThrough[]) {
    this.touching = new Set(declared.flatMap((d) => d.touchedBy))
    this.fromSnapshot = declared.map((d) => ['context', ...d.path])
  }

  /** Whether a reaction to events of this kind leaves every declared part alone. */
  passes(kind: string): boolean {
    return !this.touching.has(kind)
  }

  /** The index of the declared part whose `asked` event is of this kind, or −1. */
  askingPart(kind: string): number {
    return this.declared.findIndex((d) => d.asked?.by === kind)
  }

  /** The `asked` declaration of declared part `d` (from `askingPart`). */
  asked(d: number): Asked {
    return this.declared[d]!.asked!
  }

  /** The index among `places(ctx)` of declared part `d`'s place under `key` at its `*`; −1 if `ctx` has none. */
  placeIndex(ctx: Ctx, d: number, key: string): number {
    let base = 0
    for (let e = 0; e < this.declared.length; e++) {
      const out: string[][] = []
      expand(ctx, this.declared[e]!.path, 0, [], out)
      if (e === d) {
        const want = this.declared[d]!.path.map((k) => (k === '*' ? key : k))
        const j = out.findIndex((p) => p.length === want.length && p.every((k, i) => k === want[i]))
        return j < 0 ? -1 : base + j
      }
      base += out.length
    }
    return -1
  }

  /** Declared part `d`'s part under `key` at its `*` (at `placeIndex`). */
  partAt(ctx: Ctx, d: number, key: string): unknown {
    return at(ctx, this.declared[d]!.path.map((k) => (k === '*' ? key : k)))
  }

  /** The places of the declared parts in `ctx`, each a path of keys, in a fixed order (keys sorted at every `*`). */
  places(ctx: Ctx): string[][] {
    const out: string[][] = []
    for (const d of this.declared) expand(ctx, d.path, 0, [], out)
    return out
  }

  /** `snap` with its parts cut out, and the parts in `places` order; null when it has none. */
  hollow(snap: Snap): { readonly hollow: Snap; readonly parts: unknown[] } | null {
    const ctx = snap.context as Ctx
    const places = this.places(ctx)
    if (places.length === 0) return null
    let c: Ctx = ctx
    const parts: unknown[] = []
    for (const p of places) {
      parts.push(at(ctx, p))
      c = put(c, p, 0, HOLE)
    }
    return { hollow: { value: snap.value, context: c }, parts }
  }

  /** The snapshot `hollow` (from `hollow`) with its holes filled by `parts`, in `places` order. */
  fill(hollow: Snap, parts: readonly unknown[]): Snap {
    let c = hollow.context as Ctx
    const places = this.places(c)
    if (places.length !== parts.length) throw new Error(`pass-through: ${places.length} holes for ${parts.length} parts`)
    places.forEach((p, i) => {
      c = put(c, p, 0, parts[i])
    })
    return { value: hollow.value, context: c }
  }

  /**
   * `hollow` by ids: the id of the hollow of the snapshot of id `snap` and its parts' ids, in the
   * same order (keys sorted at every `*`, as the canon sorts them); null when it has none. Nothing
   * is built but ids: the search only keys reactions by it.
   */
  hollowIds(canon: Canon, snap: number): { readonly hollow: number; readonly parts: number[] } | null {
    const parts: number[] = []
    const hole = canon.str(HOLE)
    let id = snap
    for (const path of this.fromSnapshot) id = rewrite(canon, id, path, 0, (part) => (parts.push(part), hole))
    return parts.length === 0 ? null : { hollow: id, parts }
  }

  /** `fill` by ids: the id of the hollow snapshot of id `hollow` with its holes filled by the parts of these ids. */
  fillIds(canon: Canon, hollow: number, parts: readonly number[]): number {
    let n = 0
    let id = hollow
    for (const path of this.fromSnapshot) id = rewrite(canon, id, path, 0, () => parts[n++]!)
    if (n !== parts.length) throw new Error(`pass-through: ${n} holes for ${parts.length} parts`)
    return id
  }

  /** Whether `after` holds `before`'s parts at the same places, the very same objects. */
  kept(before: Snap, after: Snap): boolean {
    const b = before.context as Ctx
    const a = after.context as Ctx
    const was = this.places(b)
    const now = this.places(a)
    if (was.length !== now.length) return false
    for (let i = 0; i < was.length; i++) {
      const p = was[i]!
      const q = now[i]!
      if (p.length !== q.length) return false
      for (let j = 0; j < p.length; j++) if (p[j] !== q[j]) return false
      if (at(a, q) !== at(b, p)) return false
    }
    return true
  }
}

function at(o: Ctx, path: readonly string[]): unknown {
  let x: unknown = o
  for (const k of path) x = (x as Ctx)[k]
  return x
}

/** `o` with the value at `path` (from index `i`) replaced, copying only the objects along the way. */
function put(o: Ctx, path: readonly string[], i: number, v: unknown): Ctx {
  // A spread clones the object's shape at once; a computed key in the same literal would not.
  const copy: Record<string, unknown> = { ...o }
  const k = path[i]!
  copy[k] = i === path.length - 1 ? v : put(o[k] as Ctx, path, i + 1, v)
  return copy
}

/** Push onto `out` every place `path` (from index `at`) names below `o`, its keys after `prefix`. */
function expand(o: unknown, path: readonly string[], at: number, prefix: readonly string[], out: string[][]): void {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return
  const rec = o as Ctx
  const key = path[at]!
  const last = at === path.length - 1
  if (key !== '*') {
    if (!Object.hasOwn(rec, key)) return
    if (last) out.push([...prefix, key])
    else expand(rec[key], path, at + 1, [...prefix, key], out)
    return
  }
  const keys = Object.keys(rec)
  if (keys.length > 1) keys.sort()
  for (const k of keys) {
    if (last) out.push([...prefix, k])
    else expand(rec[k], path, at + 1, [...prefix, k], out)
  }
}

/** The id of `id` with every value at `path` (from index `at`) replaced by `f(its id)`, rebuilt by ids (canon.ts). */
function rewrite(canon: Canon, id: number, path: readonly string[], at: number, f: (part: number) => number): number {
  const key = path[at]!
  const last = at === path.length - 1
  const keys = key === '*' ? canon.keysOf(id) : [canon.str(key)]
  if (keys === null) return id
  let cur = id
  for (const k of keys) {
    const child = canon.valueOf(cur, k)
    if (child < 0) continue
    const next = last ? f(child) : rewrite(canon, child, path, at + 1, f)
    if (next !== child) cur = canon.withValue(cur, k, next)
  }
  return cur
}
