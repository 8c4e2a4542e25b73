import fc from 'fast-check'
import { type AnyStateMachine, assign, createMachine, initialTransition, setup, transition } from 'xstate'
import { describe, expect, it } from 'vitest'
import type { Effect } from '../../../model/effects.js'
import { createSymbolicMls } from '../../../model/mls/index.js'
import { clientMachine } from '../../../model/client/machine.js'
import { followerMachine, hubMachine } from '../../../model/provider/machines.js'
import { stepAlphabet } from '../../../sim/check/arbitraries.js'
import { SMALL_WORLD } from '../../../sim/check/world.js'
import { CompileError, compileMachine, type Snap } from '../../../sim/compile/index.js'
import { runMlsSync } from '../../../sim/explore/mls.js'
import { stepEvent } from '../../../sim/runner.js'
import { Recorder } from '../../../sim/trace/recorder.js'
import { resolveWorld, stepActor } from '../../../sim/world/resolve.js'
import { setupWorld } from '../../../sim/world/setup.js'

/** Functions (MLS validators in outbox effects) compare by kind, not identity. */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'function' ? '[fn]' : x)))

interface Cell {
  readonly id: string
  readonly machine: AnyStateMachine
  readonly compiled: ReturnType<typeof compileMachine>
  x: any // eslint-disable-line @typescript-eslint/no-explicit-any
  c: Snap
}

/**
 * A small lock-step runtime: every event an actor gets goes through XState's transition() and the
 * compiled stepper, from the same snapshot; after each transition both must agree.
 */
async function lockstep(design: { policy: 'service' | 'mls' }, steps: readonly number[], picks: readonly number[]): Promise<number> {
  const world = resolveWorld(SMALL_WORLD)
  const setupDone = await setupWorld(world, design, createSymbolicMls('mimi-sim/0'), new Recorder())
  const cells = new Map<string, Cell>()
  for (const [id, p] of setupDone.providers) {
    const machine = p.hub ? hubMachine : followerMachine
    const compiled = compileMachine(machine)
    cells.set(id, { id, machine, compiled, x: initialTransition(machine, p.input)[0], c: compiled.initial(p.input) })
  }
  for (const [id, input] of setupDone.clients) {
    const compiled = compileMachine(clientMachine)
    cells.set(id, { id, machine: clientMachine, compiled, x: initialTransition(clientMachine, input)[0], c: compiled.initial(input) })
  }
  const pending: { to: string; event: unknown }[] = []
  let compared = 0
  const send = (id: string, event: { type: string }) => {
    const cell = cells.get(id)!
    expect(cell.compiled.can(cell.c, event)).toBe(cell.x.can(event))
    cell.x = transition(cell.machine, cell.x, event as never)[0]
    cell.c = cell.compiled.step(cell.c, event)
    expect(cell.c.value).toEqual(cell.x.value)
    expect(plain(cell.c.context)).toEqual(plain(cell.x.context))
    compared++
    for (const e of cell.x.context.outbox as readonly Effect[]) {
      if (e.kind === 'send') pending.push({ to: e.to, event: { type: 'deliver', from: id, msg: e.msg } })
      else if (e.kind === 'mls') send(id, { type: 'mls.result', room: e.room, tag: e.tag, outcome: runMlsSync(e.op) } as never)
    }
  }
  const alphabet = stepAlphabet(SMALL_WORLD).flat()
  let pick = 0
  for (const s of steps) {
    const action = alphabet[s % alphabet.length]!
    send(stepActor(world, action), stepEvent(world, action))
    for (let n = 0; pending.length > 0 && n < 500; n++) {
      const [next] = pending.splice((picks[pick++ % Math.max(1, picks.length)] ?? 0) % pending.length, 1)
      send(next!.to, next!.event as { type: string })
    }
    for (const cell of cells.values()) if (cell.x.can({ type: 'timeout' })) send(cell.id, { type: 'timeout' })
    // Events no state handles leave both unchanged.
    send(stepActor(world, action), { type: 'no.such.event' })
  }
  return compared
}

describe('compileMachine', () => {
  it('agrees with XState transition() on every transition of random runs of the small world (state value, context, can)', async () => {
    let total = 0
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('service' as const, 'mls' as const), fc.array(fc.nat(200), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(7), { maxLength: 40 }), async (policy, steps, picks) => {
        total += await lockstep({ policy }, steps, picks)
      }),
      { numRuns: 120, seed: 42 },
    )
    expect(total).toBeGreaterThan(1000)
  })

  it('picks up guards, targets, entry/exit and root handlers from any machine built with setup()', () => {
    const m = setup({
      types: { context: {} as { n: number; log: string[] }, events: {} as { type: 'inc' } | { type: 'reset' } | { type: 'go' } },
      guards: { small: ({ context }) => context.n < 2 },
      actions: {
        inc: assign(({ context }) => ({ n: context.n + 1 })),
        note: assign(({ context }, p: { s: string }) => ({ log: [...context.log, p.s] })),
      },
    }).createMachine({
      id: 'toy',
      context: { n: 0, log: [] },
      initial: 'a',
      on: { reset: { target: '.a' as never, actions: { type: 'note', params: { s: 'reset' } } } },
      states: {
        a: { entry: { type: 'note', params: { s: 'in a' } }, exit: { type: 'note', params: { s: 'out a' } }, on: { inc: { guard: 'small', actions: 'inc' }, go: 'b' } },
        b: { always: { guard: 'small', target: 'a' }, on: { inc: { actions: 'inc' } } },
      },
    })
    const c = compileMachine(m as unknown as AnyStateMachine)
    let x = initialTransition(m)[0]
    let s = c.initial(undefined)
    for (const type of ['inc', 'go', 'inc', 'reset', 'inc', 'go', 'reset', 'inc', 'inc', 'go', 'inc'] as const) {
      x = transition(m, x, { type })[0]
      s = c.step(s, { type })
      expect(s.value).toEqual(x.value)
      expect(s.context).toEqual(x.context)
    }
  })

  it('refuses what it cannot compile, naming the feature', () => {
    const nested = createMachine({ id: 'n', initial: 'a', states: { a: { initial: 'x', states: { x: {} } } } })
    expect(() => compileMachine(nested)).toThrow(CompileError)
    expect(() => compileMachine(nested)).toThrow(/is not compiled \(flat states/)
  })
})
