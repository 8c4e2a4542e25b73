/**
 * What the search may do in a world: every concrete step (the alphabet), fast-check arbitraries
 * over runs — who does what, in which order, which adversary moves — and the choice list the
 * network draws from.
 *
 * Honest users only ever act on honest users (nobody honest means to add the eavesdropper);
 * malicious users may try to join; malicious providers make the moves their capabilities allow; the
 * hub may propose room-administration changes as external sender.
 * Random runs pick a kind of step first, then a concrete step of that kind, so rare kinds (the
 * adversary's single move) are not drowned out by the many add/remove pairs. Shrinking works on
 * both arrays, towards fewer steps and the quietest network (choice 0 = deliver the oldest message).
 */
import fc from 'fast-check'
import { roleSet } from '../../model/policy/templates.js'
import type { Scenario, StepAction } from '../scenario/types.js'

export interface GeneratedRun {
  readonly steps: readonly StepAction[]
  readonly choices: readonly number[]
}

/**
 * The room-administration steps (draft-ietf-mimi-room-policy-03 §8.1.2–§8.1.3; PROTO §3.5): kick,
 * ban and re-role between honest users, leaving, and the hub's own proposals as external sender —
 * opening the room to self-joins (a roles_list edit) and preauthorizing the adversary's users (a
 * preauth_list edit), both within the draft's policy_enforcer role (digest S3).
 */
function policyKinds(world: Scenario, pairs: readonly { actor: string; target: string }[], honest: readonly string[], malicious: readonly string[]): StepAction[][] {
  const r = world.rooms[0]!
  const room = r.id
  const roles = roleSet(r.policy)
  const name = (n: string) => (roles?.roles.some((x) => x.name === n) ? n : null)
  const member = name('ordinary_user') ?? roles?.roles.find((x) => x.index > 1)?.name ?? null
  const enforcer = name('policy_enforcer')
  const kinds: StepAction[][] = [
    pairs.map(({ actor, target }) => ({ actor, do: 'kick', room, target })),
    pairs.map(({ actor, target }) => ({ actor, do: 'ban', room, target })),
    honest.map((actor) => ({ actor, do: 'leave', room })),
  ]
  if (member) kinds.push(pairs.map(({ actor, target }) => ({ actor, do: 'changeRole', room, target, role: member })))
  if (member) {
    const hubSteps: StepAction[] = [{ actor: r.hub, do: 'hubPropose', room, edits: [{ component: 'roles', grant: [{ role: 'no_role', capability: 'canOpenJoin', to: [member] }] }] }]
    if (enforcer && malicious.length) {
      const entries = [{ kind: 'service' as const, provider: r.hub, role: enforcer }, ...malicious.map((user) => ({ user, role: member }))]
      hubSteps.push({ actor: r.hub, do: 'hubPropose', room, edits: [{ component: 'preauth', entries }] })
    }
    kinds.push(hubSteps)
  }
  return kinds
}

export interface AlphabetOptions {
  /**
   * Include the room-administration steps (default true). The explorer leaves them out by default:
   * they multiply its state space, and the membership steps are what its pinned worlds measure.
   */
  readonly policy?: boolean
}

/** Every concrete step the search may take in this world, grouped by kind, in a stable order. */
export function stepAlphabet(world: Scenario, opts: AlphabetOptions = {}): readonly (readonly StepAction[])[] {
  const room = world.rooms[0]!.id
  const honest = world.users.filter((u) => !u.malicious).map((u) => u.id)
  const malicious = world.users.filter((u) => u.malicious).map((u) => u.id)
  const pairs = honest.flatMap((actor) => honest.filter((t) => t !== actor).map((target) => ({ actor, target })))
  const kinds: StepAction[][] = [
    pairs.map(({ actor, target }) => ({ actor, do: 'add', room, target })),
    pairs.map(({ actor, target }) => ({ actor, do: 'remove', room, target })),
    honest.map((actor) => ({ actor, do: 'send', room, text: `secret from ${actor}` })),
    honest.map((actor) => ({ actor, do: 'commit', room })),
    world.users.map((u) => ({ actor: u.id, do: 'externalJoin', room })),
    ...(opts.policy === false ? [] : policyKinds(world, pairs, honest, malicious)),
  ]
  for (const p of world.providers) {
    const caps = p.malicious?.capabilities ?? []
    const own = world.users.filter((u) => u.provider === p.id)
    const colluders = own.filter((u) => u.malicious).map((u) => u.id)
    const victims = own.filter((u) => !u.malicious).map((u) => u.id)
    if (caps.includes('injectAdd') && world.rooms[0]!.hub === p.id) kinds.push(colluders.map((target) => ({ actor: p.id, do: 'injectAdd', room, target })))
    if (caps.includes('forgeAcl')) kinds.push(victims.flatMap((victim) => malicious.map((target) => ({ actor: p.id, do: 'forgeAcl', room, victim, target }))))
  }
  return kinds.filter((k) => k.length > 0)
}

export function stepArbitrary(world: Scenario): fc.Arbitrary<StepAction> {
  return fc.oneof(...stepAlphabet(world).map((steps) => fc.constantFrom(...steps)))
}

export function runArbitrary(world: Scenario, maxSteps: number): fc.Arbitrary<GeneratedRun> {
  return fc.record({
    steps: fc.array(stepArbitrary(world), { minLength: 1, maxLength: maxSteps }),
    choices: fc.array(fc.nat({ max: 7 }), { maxLength: 48 }),
  })
}

/** Every sequence of exactly `length` steps, in lexicographic order of the flattened alphabet. */
export function* allRuns(world: Scenario, length: number): Generator<readonly StepAction[]> {
  const flat = stepAlphabet(world).flat()
  const index = new Array<number>(length).fill(0)
  for (;;) {
    yield index.map((k) => flat[k]!)
    let pos = length - 1
    while (pos >= 0 && index[pos] === flat.length - 1) index[pos--] = 0
    if (pos < 0) return
    index[pos]! += 1
  }
}

export const alphabetSize = (world: Scenario): number => stepAlphabet(world).flat().length
