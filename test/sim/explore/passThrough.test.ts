/**
 * Reactions keyed without the parts they pass through (sim/explore/passThrough.ts, declared in
 * model/passThrough.ts): the declarations hold against the model — on reactions the search meets,
 * replacing a part changes nothing but the part — and the packed search that relies on them
 * computes fewer reactions for the very same search.
 */
import { describe, expect, it } from 'vitest'
import { CLIENT_PASS_THROUGH } from '../../../model/client/context.js'
import type { PassThrough } from '../../../model/passThrough.js'
import { PROVIDER_PASS_THROUGH } from '../../../model/provider/context.js'
import { noEavesdropper, PROPERTIES } from '../../../properties/index.js'
import type { Snap } from '../../../sim/compile/index.js'
import { reaction, TIMEOUT } from '../../../sim/explore/exec.js'
import { buildModel, Coverage, explore, type ExploreModel } from '../../../sim/explore/index.js'
import { PackedFrontier } from '../../../sim/explore/packed.js'
import { eventKind, HOLE, PassThroughParts } from '../../../sim/explore/passThrough.js'
import type { ActorEvent } from '../../../sim/runtime.js'
import type { Scenario } from '../../../sim/scenario/types.js'
import { S2_WORLD } from './worlds.js'

const FAULTY: Scenario = { ...S2_WORLD, name: 's2-faulty', network: { ordering: 'unordered', loss: true, duplication: true, maxFaults: 1 } }

interface Met {
  readonly i: number
  readonly before: Snap
  readonly event: ActorEvent
}

/** Every first-time reaction a packed search of `m` computes: who, from which snapshot, to what. */
function reactionsMet(m: ExploreModel, steps: number): Met[] {
  const met: Met[] = []
  const proto = PackedFrontier.prototype as unknown as { compute: (...a: unknown[]) => unknown }
  const compute = proto.compute
  proto.compute = function (this: { envs: ({ from: string; msg: unknown } | undefined)[]; snapshot: (i: number, id: number) => Snap }, ...a: unknown[]) {
    const [i, , snapId, , what] = a as [number, number, number, number, number | ActorEvent | null]
    const env = typeof what === 'number' ? this.envs[what]! : null
    const event = (what === null ? TIMEOUT : env ? { type: 'deliver', from: env.from, msg: env.msg } : what) as ActorEvent
    met.push({ i, before: this.snapshot(i, snapId), event })
    return compute.apply(this, a)
  }
  try {
    explore({ ...m, maxSteps: steps }, { depth: 200, all: true })
  } finally {
    proto.compute = compute
  }
  return met
}

/**
 * The reactions among `met` whose outcome changes when the parts `declared` says an event passes
 * through are replaced — by an empty list, and by a list of every element such a part held anywhere
 * in `met` (so a handler that looks one up would find it) — beyond the parts themselves.
 */
function breaches(m: ExploreModel, met: readonly Met[], declared: (kind: string) => readonly PassThrough[]): string[] {
  const out: string[] = []
  const everything = elementsHeld(m, met, declared)
  for (const x of met) {
    const kind = m.actors[x.i]!.kind
    const pass = new PassThroughParts(declared(kind))
    if (!pass.passes(eventKind(x.event))) continue
    const cut = pass.hollow(x.before)
    if (cut === null) continue
    const key = (n: number) => `${kind}:${pass.places(x.before.context as Record<string, unknown>)[n]!.at(-1)}`
    const original = reaction(m, x.i, x.before, x.event, false)
    for (const alt of [cut.parts.map(() => []), cut.parts.map((_, n) => everything.get(key(n)) ?? [])]) {
      const other = pass.fill(cut.hollow, alt)
      const r = reaction(m, x.i, other, x.event, false)
      const same =
        r.changed === original.changed &&
        JSON.stringify(r.out) === JSON.stringify(original.out) &&
        (!r.changed || (pass.kept(other, r.snap) && JSON.stringify(pass.hollow(r.snap)?.hollow) === JSON.stringify(pass.hollow(original.snap)?.hollow)))
      if (!same) out.push(`${m.actors[x.i]!.id} on ${eventKind(x.event)}`)
    }
  }
  return out
}

/** Every element a part at a place of this kind (`actor kind:last key`) held anywhere in `met`. */
function elementsHeld(m: ExploreModel, met: readonly Met[], declared: (kind: string) => readonly PassThrough[]): Map<string, unknown[]> {
  const everything = new Map<string, unknown[]>()
  for (const x of met) {
    const pass = new PassThroughParts(declared(m.actors[x.i]!.kind))
    for (const p of pass.places(x.before.context as Record<string, unknown>)) {
      const key = `${m.actors[x.i]!.kind}:${p.at(-1)}`
      const all = everything.get(key) ?? []
      let part: unknown = x.before.context
      for (const k of p) part = (part as Record<string, unknown>)[k]
      for (const e of part as unknown[]) if (!all.some((y) => JSON.stringify(y) === JSON.stringify(e))) all.push(e)
      everything.set(key, all)
    }
  }
  return everything
}

/**
 * The reactions among `met` to an event that asks of a part (`asked`) whose outcome is not the
 * same when every part is replaced — by an empty list, and by every element such a part held
 * anywhere, the asked part only where that gives the same answer — as the declaration says: the
 * same notes, sends, machine steps and snapshot without the parts, every part as replaced, the asked
 * one with the message added where the original reaction added it. Returns them, how many
 * replacements were tried, the answers met and the events that asked.
 */
function askBreaches(m: ExploreModel, met: readonly Met[], declared: (kind: string) => readonly PassThrough[]): { tried: number; answers: Set<boolean>; events: Set<string>; out: string[] } {
  const out: string[] = []
  const answers = new Set<boolean>()
  const events = new Set<string>()
  let tried = 0
  const everything = elementsHeld(m, met, declared)
  const json = (v: unknown) => JSON.stringify(v)
  for (const x of met) {
    const kind = m.actors[x.i]!.kind
    const pass = new PassThroughParts(declared(kind))
    const d = pass.askingPart(eventKind(x.event))
    if (d < 0 || x.event.type !== 'deliver') continue
    const asked = pass.asked(d)
    const msg = x.event.msg
    const ctx = x.before.context as Record<string, unknown>
    const q = pass.placeIndex(ctx, d, asked.at(msg))
    if (q < 0) continue
    const cut = pass.hollow(x.before)!
    const answer = asked.holds(cut.parts[q], msg)
    answers.add(answer)
    events.add(eventKind(x.event))
    const original = reaction(m, x.i, x.before, x.event, true)
    const was = pass.hollow(original.changed ? original.snap : x.before)!
    const added = json(was.parts[q]) !== json(cut.parts[q])
    const key = (n: number) => `${kind}:${pass.places(ctx)[n]!.at(-1)}`
    for (const alt of [cut.parts.map(() => []), cut.parts.map((_, n) => everything.get(key(n)) ?? [])]) {
      const parts = alt.map((p, n) => (n === q && asked.holds(p, msg) !== answer ? cut.parts[n] : p))
      const r = reaction(m, x.i, pass.fill(cut.hollow, parts), x.event, true)
      const now = pass.hollow(r.changed ? r.snap : pass.fill(cut.hollow, parts))!
      const expected = parts.map((p, n) => (n === q && added ? asked.adds(p, msg) : p))
      tried++
      const same =
        r.changed === original.changed &&
        json(r.out) === json(original.out) &&
        json(r.steps) === json(original.steps) &&
        json(now.hollow) === json(was.hollow) &&
        json(now.parts) === json(expected)
      if (!same) out.push(`${m.actors[x.i]!.id} on ${eventKind(x.event)}`)
    }
  }
  return { tried, answers, events, out }
}

const declaredParts = (kind: string) => (kind === 'client' ? CLIENT_PASS_THROUGH : PROVIDER_PASS_THROUGH)

describe('reactions keyed without the parts they pass through (sim/explore/passThrough.ts)', () => {
  it('cuts the declared parts out of a context, at every key of a `*`, and puts them back', () => {
    const pass = new PassThroughParts([{ path: ['rooms', '*', 'seen'], touchedBy: ['deliver:notify'] }])
    const snap = { value: 'idle', context: { self: 'c', rooms: { r2: { seen: [3], group: 'g2' }, r1: { seen: [1, 2], group: 'g1' } } } } as unknown as Snap
    expect(pass.places(snap.context as Record<string, unknown>)).toEqual([
      ['rooms', 'r1', 'seen'],
      ['rooms', 'r2', 'seen'],
    ])
    const cut = pass.hollow(snap)!
    expect(cut.parts).toEqual([[1, 2], [3]])
    expect(cut.hollow).toEqual({ value: 'idle', context: { self: 'c', rooms: { r2: { seen: HOLE, group: 'g2' }, r1: { seen: HOLE, group: 'g1' } } } })
    expect(pass.fill(cut.hollow, cut.parts)).toEqual(snap)
    expect(pass.kept(snap, { ...snap, value: 'busy' })).toBe(true)
    expect(pass.kept(snap, pass.fill(cut.hollow, [[1, 2], [3]]))).toBe(false) // equal, but not the same objects
    expect(pass.passes('deliver:notify')).toBe(false)
    expect(pass.passes('intent')).toBe(true)
    expect(pass.hollow({ value: 'idle', context: { self: 'c', rooms: {} } } as unknown as Snap)).toBeNull()
  })

  for (const [name, world, policy, steps] of [
    ["S2's world, policy=service", S2_WORLD, 'service', 3],
    ["S2's world, policy=mls", S2_WORLD, 'mls', 3],
    ['S2 on a lossy, duplicating network (resubmissions)', FAULTY, 'mls', 2],
  ] as const) {
    it(`holds for the model's declarations on every reaction a search meets: ${name}`, async () => {
      const m = await buildModel(world, { design: { policy }, properties: PROPERTIES, maxSteps: steps })
      const met = reactionsMet(m, steps)
      const passing = met.filter((x) => new PassThroughParts(declaredParts(m.actors[x.i]!.kind)).passes(eventKind(x.event)))
      expect(passing.length).toBeGreaterThan(100)
      expect(breaches(m, met, declaredParts)).toEqual([])
    })
  }

  it('catches a declaration that leaves out an event reading the part: a client that passed its seen numbers through notify', async () => {
    const m = await buildModel(S2_WORLD, { design: { policy: 'mls' }, properties: PROPERTIES, maxSteps: 3 })
    const wrong = (kind: string): readonly PassThrough[] => (kind === 'client' ? [{ path: ['rooms', '*', 'seen'], touchedBy: [] }] : [])
    expect(breaches(m, reactionsMet(m, 3), wrong).some((b) => b.endsWith('deliver:notify'))).toBe(true)
  })

  for (const [name, world, policy, steps] of [
    ["S2's world, policy=mls", S2_WORLD, 'mls', 3],
    ['S2 on a lossy, duplicating network (resubmissions)', FAULTY, 'mls', 2],
  ] as const) {
    it(`holds for the questions the model declares (a notify's number seen, a message submitted before) on every reaction a search meets: ${name}`, async () => {
      const m = await buildModel(world, { design: { policy }, properties: PROPERTIES, maxSteps: steps })
      const { tried, answers, events, out } = askBreaches(m, reactionsMet(m, steps), declaredParts)
      expect(tried).toBeGreaterThan(100)
      expect([...events].sort()).toEqual(['deliver:notify', 'deliver:submitMessage'])
      if (world === FAULTY) expect([...answers].sort()).toEqual([false, true])
      expect(out).toEqual([])
    })
  }

  it('catches a question that is not the one the handler asks: a client asking nothing of its seen numbers', async () => {
    const m = await buildModel(FAULTY, { design: { policy: 'mls' }, properties: PROPERTIES, maxSteps: 2 })
    const wrong = (kind: string): readonly PassThrough[] =>
      kind === 'client' ? [{ ...CLIENT_PASS_THROUGH[0]!, asked: { ...CLIENT_PASS_THROUGH[0]!.asked!, holds: () => false } }] : PROVIDER_PASS_THROUGH
    expect(askBreaches(m, reactionsMet(m, 2), wrong).out.some((b) => b.endsWith('deliver:notify'))).toBe(true)
  })

  for (const [name, world, steps] of [
    ['S2 world, 4 steps', S2_WORLD, 4],
    ['S2 on a lossy, duplicating network, 2 steps', FAULTY, 2],
  ] as const) {
    it(`lets the packed search take reactions over from one to the same question, for the very same search: ${name}`, async () => {
      const m = await buildModel(world, { design: { policy: 'mls' }, properties: PROPERTIES, maxSteps: steps })
      const unasked: ExploreModel = { ...m, actors: m.actors.map((a) => ({ ...a, passThrough: a.passThrough.map(({ asked: _, ...d }) => d) })) }
      const run = (x: ExploreModel) => {
        const coverage = new Coverage()
        const r = explore(x, { depth: 200, all: true, fingerprints: true, coverage })
        return { r, cov: coverage.report(x.actors.map((a) => a.machine), {}) }
      }
      const asked = run(m)
      const computed = run(unasked)
      expect(asked.r.unique).toBe(computed.r.unique)
      expect(asked.r.generated).toBe(computed.r.generated)
      expect(Array.from(asked.r.fingerprints!)).toEqual(Array.from(computed.r.fingerprints!))
      expect(asked.r.found).toEqual(computed.r.found)
      expect(asked.cov).toEqual(computed.cov)
      expect(asked.r.reactions!.computed).toBe(computed.r.reactions!.computed)
      expect(computed.r.reactions!.answered).toBe(0)
      expect(asked.r.reactions!.answered).toBeGreaterThan(0.02 * asked.r.reactions!.computed)
    })
  }

  it('lets the packed search compute fewer reactions for the same search (S2 world, 4 steps)', async () => {
    const m = await buildModel(S2_WORLD, { design: { policy: 'mls' }, properties: [noEavesdropper], maxSteps: 4 })
    const whole: ExploreModel = { ...m, actors: m.actors.map((a) => ({ ...a, passThrough: [] })) }
    const run = (x: ExploreModel) => {
      const coverage = new Coverage()
      const r = explore(x, { depth: 200, fingerprints: true, coverage })
      return { r, cov: coverage.report(x.actors.map((a) => a.machine), {}) }
    }
    const keyedHollow = run(m)
    const keyedWhole = run(whole)
    expect(keyedHollow.r.unique).toBe(keyedWhole.r.unique)
    expect(Array.from(keyedHollow.r.fingerprints!)).toEqual(Array.from(keyedWhole.r.fingerprints!))
    expect(keyedHollow.cov).toEqual(keyedWhole.cov)
    expect(keyedHollow.r.reactions!.computed).toBeLessThan(0.85 * keyedWhole.r.reactions!.computed)
  })
})
