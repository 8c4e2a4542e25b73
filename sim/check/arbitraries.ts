/**
 * fast-check arbitraries for runs over a world: who does what, in which order, which adversary
 * moves, and the choice list the network and adversary options are drawn from.
 *
 * Honest users only ever act on honest users (nobody honest means to add the eavesdropper);
 * malicious users may try to join; malicious providers make the moves their capabilities allow.
 * Shrinking works on both arrays, so a counterexample shrinks to the fewest steps and the
 * quietest network (choice 0 = deliver the oldest message).
 */
import fc from 'fast-check'
import type { Scenario, StepAction } from '../scenario/types.js'

export interface GeneratedRun {
  readonly steps: readonly StepAction[]
  readonly choices: readonly number[]
}

export function stepArbitrary(world: Scenario): fc.Arbitrary<StepAction> {
  const room = world.rooms[0]!.id
  const honest = world.users.filter((u) => !u.malicious).map((u) => u.id)
  const everyone = world.users.map((u) => u.id)
  const pick = (xs: readonly string[]) => fc.constantFrom(...xs)
  const options: fc.Arbitrary<StepAction>[] = [
    fc.record({ actor: pick(honest), target: pick(honest) }).map(({ actor, target }) => ({ actor, do: 'add' as const, room, target })),
    fc.record({ actor: pick(honest), target: pick(honest) }).map(({ actor, target }) => ({ actor, do: 'remove' as const, room, target })),
    pick(honest).map((actor) => ({ actor, do: 'send' as const, room, text: `secret from ${actor}` })),
    pick(honest).map((actor) => ({ actor, do: 'commit' as const, room })),
    pick(everyone).map((actor) => ({ actor, do: 'externalJoin' as const, room })),
  ]
  for (const p of world.providers) {
    const caps = p.malicious?.capabilities ?? []
    const own = world.users.filter((u) => u.provider === p.id)
    const colluders = world.users.filter((u) => u.malicious && u.provider === p.id).map((u) => u.id)
    const victims = own.filter((u) => !u.malicious).map((u) => u.id)
    const hosts = world.rooms[0]!.hub === p.id
    if (caps.includes('injectAdd') && hosts && colluders.length) {
      options.push(pick(colluders).map((target) => ({ actor: p.id, do: 'injectAdd' as const, room, target })))
    }
    const outsiders = world.users.filter((u) => u.malicious).map((u) => u.id)
    if (caps.includes('forgeAcl') && victims.length && outsiders.length) {
      options.push(fc.record({ victim: pick(victims), target: pick(outsiders) }).map(({ victim, target }) => ({ actor: p.id, do: 'forgeAcl' as const, room, victim, target })))
    }
  }
  return fc.oneof(...options)
}

export function runArbitrary(world: Scenario, maxSteps: number): fc.Arbitrary<GeneratedRun> {
  return fc.record({
    steps: fc.array(stepArbitrary(world), { minLength: 1, maxLength: maxSteps }),
    choices: fc.array(fc.nat({ max: 7 }), { maxLength: 48 }),
  })
}
