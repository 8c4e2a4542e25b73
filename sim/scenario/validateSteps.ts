/**
 * Validation of a scenario's `steps` against its already-validated world (validateWorld.ts).
 *
 * Honest actions (`add`, `remove`, `send`, `commit`, `externalJoin`, `leave`; draft-ietf-mimi-protocol-06
 * §3.2–3.6, §5) are done by a declared user, named by short id. Adversary actions (digest S2) are
 * done by a declared provider, named by domain, that is `malicious` with the matching capability:
 * `injectAdd` only by the room's hub and only for one of its own users; `forgeAcl` only towards one of
 * its own users (the victim). Only what the scenario text fixes is checked here; whether an action
 * succeeds in a run (is the actor a member yet? is the budget spent?) is the simulation's business.
 * The room-policy steps (kick, ban, changeRole, edit, hubPropose; draft-ietf-mimi-room-policy-03 §8)
 * have their own file, validatePolicySteps.ts; this one checks the actor and room of the user's ones.
 */
import {
  array, at, choice, fail, idx, list, object, type Obj, onlyKeys, quote, required, string,
} from './checks.js'
import { checkHubPropose, checkPolicyStep } from './validatePolicySteps.js'
import { type Declared, checkRole, ref, type World } from './validateWorld.js'
import { ADVERSARY_ACTIONS, HONEST_ACTIONS, HUB_ACTIONS, type ProviderSpec, type StepAction, type StepKind } from './types.js'

const ACTIONS: readonly StepKind[] = [...HONEST_ACTIONS, ...ADVERSARY_ACTIONS, ...HUB_ACTIONS]

/** The keys each action takes, in the documented order; `role` of `add` is the only optional one. */
export const STEP_KEYS: Readonly<Record<StepKind, readonly string[]>> = {
  add: ['actor', 'do', 'room', 'target', 'role'],
  remove: ['actor', 'do', 'room', 'target'],
  send: ['actor', 'do', 'room', 'text'],
  commit: ['actor', 'do', 'room'],
  externalJoin: ['actor', 'do', 'room'],
  injectAdd: ['actor', 'do', 'room', 'target'],
  forgeAcl: ['actor', 'do', 'room', 'victim', 'target'],
  kick: ['actor', 'do', 'room', 'target'],
  ban: ['actor', 'do', 'room', 'target'],
  changeRole: ['actor', 'do', 'room', 'target', 'role'],
  edit: ['actor', 'do', 'room', 'edits'],
  leave: ['actor', 'do', 'room'],
  hubPropose: ['actor', 'do', 'room', 'edits', 'kick'],
}

const names = (m: ReadonlyMap<string, unknown>): string => list([...m.keys()])

/** The actor of an honest action: a declared user. */
function userActor(o: Obj, path: string, act: StepKind, w: World): void {
  const p = at(path, 'actor')
  const hint = `${act} is done by a user; known users: ${names(w.users)}`
  const actor = string(required(o, 'actor', path, hint), p, hint)
  if (w.users.has(actor)) return
  if (w.providers.has(actor)) fail(p, `${quote(actor)} is a provider, not a user`, hint)
  fail(p, `unknown user ${quote(actor)}`, `known: ${names(w.users)}`)
}

/** The actor of an adversary action: a declared provider, malicious, holding the capability `act`. */
function providerActor(o: Obj, path: string, act: 'injectAdd' | 'forgeAcl', w: World): Declared<ProviderSpec> & { name: string } {
  const p = at(path, 'actor')
  const hint = `${act} is done by a malicious provider, named by its id; known providers: ${names(w.providers)}`
  const actor = string(required(o, 'actor', path, hint), p, hint)
  if (!w.providers.has(actor) && w.users.has(actor)) fail(p, `${quote(actor)} is a user, not a provider`, hint)
  const provider = ref(actor, p, 'provider', w.providers)
  const where = `providers[${provider.index}]`
  const malice = provider.spec.malicious
  if (!malice) fail(p, `provider ${quote(actor)} is not malicious`, `give ${where} "malicious": { "capabilities": ["${act}"], "budget": 1 }`)
  if (!malice.capabilities.includes(act)) fail(p, `provider ${quote(actor)} lacks capability ${act}`, `add "${act}" to ${where}.malicious.capabilities`)
  return provider
}

/** A declared user who belongs to `provider` (the adversary may only act for its own users). */
function ownUser(v: unknown, path: string, provider: string, act: StepKind, w: World): void {
  const own = [...w.users.values()].filter((u) => u.spec.provider === provider).map((u) => u.spec.id)
  const user = ref(v, path, 'user', w.users)
  if (user.spec.provider !== provider) {
    fail(path, `user ${quote(user.name)} belongs to ${user.spec.provider}, not ${provider}`, `${act} concerns a user of the acting provider; users of ${provider}: ${list(own)}`)
  }
}

function checkStep(v: unknown, path: string, w: World): StepAction {
  const o = object(v, path, `write { "actor": ..., "do": ..., "room": ... }; actions: ${ACTIONS.join(', ')}`)
  const act = choice(required(o, 'do', path, `valid: ${ACTIONS.join(', ')}`), at(path, 'do'), 'action', ACTIONS)
  onlyKeys(o, path, STEP_KEYS[act])
  const userHint = `known users: ${names(w.users)}`
  const roomOf = () => ref(required(o, 'room', path, `known rooms: ${names(w.rooms)}`), at(path, 'room'), 'room', w.rooms)
  switch (act) {
    case 'add':
    case 'remove': {
      userActor(o, path, act, w)
      const room = roomOf()
      ref(required(o, 'target', path, `give the user to ${act}; ${userHint}`), at(path, 'target'), 'user', w.users)
      if (act === 'add' && o.role !== undefined) checkRole(o.role, at(path, 'role'), room.spec.policy)
      break
    }
    case 'send':
      userActor(o, path, act, w)
      roomOf()
      string(required(o, 'text', path, 'give the message text'), at(path, 'text'), 'give the message text', false)
      break
    case 'commit':
    case 'externalJoin':
    case 'leave':
      userActor(o, path, act, w)
      roomOf()
      break
    case 'kick':
    case 'ban':
    case 'changeRole':
    case 'edit':
      userActor(o, path, act, w)
      checkPolicyStep(o, path, act, roomOf(), w)
      break
    case 'hubPropose':
      checkHubPropose(o, path, w)
      break
    case 'injectAdd': {
      const hub = providerActor(o, path, act, w)
      const room = roomOf()
      if (room.spec.hub !== hub.name) {
        fail(at(path, 'actor'), `provider ${quote(hub.name)} is not the hub of room ${quote(room.name)}`, `injectAdd is done by the room's hub, ${room.spec.hub}`)
      }
      ownUser(required(o, 'target', path, `give a user of ${hub.name} to add`), at(path, 'target'), hub.name, act, w)
      break
    }
    case 'forgeAcl': {
      const provider = providerActor(o, path, act, w)
      roomOf()
      ownUser(required(o, 'victim', path, `give the user of ${provider.name} to deceive`), at(path, 'victim'), provider.name, act, w)
      ref(required(o, 'target', path, `give the user to claim as a participant; ${userHint}`), at(path, 'target'), 'user', w.users)
      break
    }
  }
  return o as unknown as StepAction
}

/** Validate `steps` (an array, possibly empty) against the declared world. */
export function checkSteps(v: unknown, w: World): readonly StepAction[] {
  const items = array(v, 'steps', 'list the steps in order, or [] for none')
  return items.map((item, i) => checkStep(item, idx('steps', i), w))
}
