/**
 * Validation of a scenario's world: `providers`, `users` and `rooms` (types.ts; docs/scenario-format.md).
 *
 * Checked in that order, so each section may refer only to sections already known to be valid:
 * users name declared providers; rooms name a declared hub, a policy template that exists
 * (draft-ietf-mimi-room-policy-03 Appendix A), declared users in roles of that template, and a
 * participant count that fits the room kind (`kindMismatch`). Ids must be usable as MIMI URI parts
 * (`parseMimiUri`, draft-ietf-mimi-protocol-06 §3): a lower-case domain for a provider, a URI-safe
 * local name for users and rooms. Returns the declarations that validateSteps.ts checks steps against.
 *
 * A room may also carry its starting preauth list (POL §4), base policy (POL §5) and join codes
 * (POL §6.2, §8.1.1); a user may pick how its clients read the draft where it is ambiguous
 * (`policyEngine`, digest S19). The preauth-entry and base-policy checks are exported because a
 * policy edit step (validatePolicySteps.ts) carries the same shapes.
 */
import { parseMimiUri } from '../../model/ids.js'
import { POLICY_VARIANTS } from '../../model/policy/proposals.js'
import { roleSet, templateNames } from '../../model/policy/roles.js'
import { kindMismatch, ROOM_KINDS } from '../../model/room.js'
import {
  array, at, boolean, choice, fail, idx, integer, integerOrNull, list, object, type Obj, onlyKeys, quote, required, string,
} from './checks.js'
import { CAPABILITIES, type Capability, type PreauthSpec, type ProviderSpec, type RoomSpec, type UserSpec } from './types.js'

export interface Declared<T> {
  readonly index: number
  readonly spec: T
}

export interface World {
  readonly providers: ReadonlyMap<string, Declared<ProviderSpec>>
  readonly users: ReadonlyMap<string, Declared<UserSpec>>
  readonly rooms: ReadonlyMap<string, Declared<RoomSpec>>
}

export const MAX_CLIENTS = 8
export const MAX_BUDGET = 10

const PROVIDER_KEYS = ['id', 'malicious'] as const
const MALICE_KEYS = ['capabilities', 'budget'] as const
const USER_KEYS = ['id', 'provider', 'clients', 'malicious', 'policyEngine'] as const
const ROOM_KEYS = ['id', 'kind', 'hub', 'policy', 'creator', 'participants', 'preauth', 'base', 'joinCodes'] as const
const PARTICIPANT_KEYS = ['user', 'role'] as const
const PREAUTH_KEYS = ['user', 'provider', 'kind', 'role'] as const
const CLAIM_KINDS = ['user', 'service'] as const
export const BASE_KEYS = ['fixedMembership', 'multiDevice', 'maxUsers', 'maxClients'] as const
const JOIN_CODE_KEYS = ['code', 'role'] as const
const LOCAL_NAME = 'use only letters, digits and . _ ~ -'

/** Roles a participant may hold in a template: every role but index 0 (POL §3: 0 = not a participant). */
export function participantRoles(policy: string): readonly string[] {
  return (roleSet(policy)?.roles ?? []).filter((r) => r.index !== 0).map((r) => r.name)
}

/** A role name valid for a participant of a room with policy template `policy`. */
export function checkRole(v: unknown, path: string, policy: string): string {
  const valid = participantRoles(policy)
  const role = string(v, path, `valid: ${valid.join(', ')}`)
  if (role === 'no_role') fail(path, `role "no_role" means "not a participant"`, `valid: ${valid.join(', ')}`)
  if (!valid.includes(role)) fail(path, `unknown role ${quote(role)} in policy ${quote(policy)}`, `valid: ${valid.join(', ')}`)
  return role
}

/** A reference to a declared name; `what` is "provider", "user" or "room". */
export function ref<T>(v: unknown, path: string, what: string, table: ReadonlyMap<string, Declared<T>>): Declared<T> & { name: string } {
  const name = string(v, path, `known ${what}s: ${list([...table.keys()])}`)
  const found = table.get(name)
  if (!found) fail(path, `unknown ${what} ${quote(name)}`, `known: ${list([...table.keys()])}`)
  return { ...found, name }
}

function unique<T>(table: ReadonlyMap<string, Declared<T>>, name: string, path: string, what: string, section: string): void {
  const earlier = table.get(name)
  if (earlier) fail(path, `duplicate ${what} id ${quote(name)}`, `already declared at ${section}[${earlier.index}]; give each ${what} a distinct id`)
}

function checkProvider(v: unknown, path: string, providers: World['providers']): ProviderSpec {
  const o = object(v, path, 'write { "id": "a.example" }, with "malicious" for an adversary')
  onlyKeys(o, path, PROVIDER_KEYS)
  const id = string(required(o, 'id', path, 'give the provider\'s domain, e.g. "a.example"'), at(path, 'id'), 'give a domain, e.g. "a.example"')
  if (parseMimiUri(`mimi://${id}`).kind !== 'provider') {
    fail(at(path, 'id'), `${quote(id)} is not a lower-case domain name`, 'write a domain such as "a.example"')
  }
  unique(providers, id, at(path, 'id'), 'provider', 'providers')
  if (o.malicious === undefined) return o as unknown as ProviderSpec
  const mPath = at(path, 'malicious')
  const m = object(o.malicious, mPath, 'write { "capabilities": ["injectAdd"], "budget": 1 }, or leave "malicious" out for an honest provider')
  onlyKeys(m, mPath, MALICE_KEYS)
  const cPath = at(mPath, 'capabilities')
  const caps = array(required(m, 'capabilities', mPath, `list what it may do: ${CAPABILITIES.join(', ')}`), cPath, `list at least one of ${CAPABILITIES.join(', ')}`, 1)
  const seen: Capability[] = []
  caps.forEach((c, i) => {
    const cap = choice(c, idx(cPath, i), 'capability', CAPABILITIES)
    if (seen.includes(cap)) fail(idx(cPath, i), `duplicate capability ${quote(cap)}`, 'list each capability once')
    seen.push(cap)
  })
  const budgetHint = `how many adversary moves in one run, 0 to ${MAX_BUDGET}`
  integer(required(m, 'budget', mPath, budgetHint), at(mPath, 'budget'), 0, MAX_BUDGET, budgetHint)
  return o as unknown as ProviderSpec
}

function checkUser(v: unknown, path: string, providers: World['providers'], users: World['users']): UserSpec {
  const o = object(v, path, 'write { "id": "alice", "provider": "a.example" }')
  onlyKeys(o, path, USER_KEYS)
  const id = string(required(o, 'id', path, 'give a local name, e.g. "alice"'), at(path, 'id'), 'give a local name, e.g. "alice"')
  if (parseMimiUri(`mimi://example.org/u/${id}`).kind !== 'user') fail(at(path, 'id'), `${quote(id)} is not URI-safe`, LOCAL_NAME)
  unique(users, id, at(path, 'id'), 'user', 'users')
  ref(required(o, 'provider', path, `give the user's provider (known: ${list([...providers.keys()])})`), at(path, 'provider'), 'provider', providers)
  if (o.clients !== undefined) {
    integer(o.clients, at(path, 'clients'), 1, MAX_CLIENTS, `give the number of devices, 1 to ${MAX_CLIENTS}; default 1`)
  }
  if (o.malicious !== undefined) boolean(o.malicious, at(path, 'malicious'), 'true for a user whose clients follow the adversary; default false')
  if (o.policyEngine !== undefined) choice(o.policyEngine, at(path, 'policyEngine'), 'policy engine', POLICY_VARIANTS)
  return o as unknown as UserSpec
}

/**
 * One preauth entry (POL §4): optional claims, all of which must match, and the role it grants. No
 * claim at all matches anyone. Claims that can never hold together are refused: they would leave an
 * entry that silently matches nobody.
 */
export function checkPreauthEntry(v: unknown, path: string, policy: string, w: Pick<World, 'providers' | 'users'>): PreauthSpec {
  const o = object(v, path, 'write { "user": "bob", "role": "ordinary_user" }; claims: user, provider, kind (none = anyone)')
  onlyKeys(o, path, PREAUTH_KEYS)
  const user = o.user === undefined ? undefined : ref(o.user, at(path, 'user'), 'user', w.users)
  const provider = o.provider === undefined ? undefined : ref(o.provider, at(path, 'provider'), 'provider', w.providers)
  if (user && provider && user.spec.provider !== provider.name) {
    fail(at(path, 'provider'), `user ${quote(user.name)} belongs to ${user.spec.provider}, not ${provider.name}, so the entry matches nobody`, `drop one of the two claims, or make them agree`)
  }
  const kind = o.kind === undefined ? undefined : choice(o.kind, at(path, 'kind'), 'claim kind', CLAIM_KINDS)
  if (kind === 'service' && user) {
    fail(at(path, 'kind'), `a service (a provider acting as external sender) has no user, so the entry matches nobody`, `use "kind": "user" with a "user" claim, or drop the "user" claim`)
  }
  checkRole(required(o, 'role', path, `give the role it grants; valid: ${participantRoles(policy).join(', ')}`), at(path, 'role'), policy)
  return o as unknown as PreauthSpec
}

/** A list of preauth entries, in the order they are consulted (the first match wins). */
export function checkPreauthList(v: unknown, path: string, policy: string, w: Pick<World, 'providers' | 'users'>): void {
  array(v, path, 'list preauth entries, e.g. [{ "user": "bob", "role": "ordinary_user" }], or [] for none').forEach((e, i) => checkPreauthEntry(e, idx(path, i), policy, w))
}

/** The base-policy fields (POL §5) of `o`; the caller has already refused unknown keys. */
export function checkBaseFields(o: Obj, path: string): void {
  if (o.fixedMembership !== undefined) boolean(o.fixedMembership, at(path, 'fixedMembership'), 'true: the participant list is fixed at creation (POL §5)')
  if (o.multiDevice !== undefined) boolean(o.multiDevice, at(path, 'multiDevice'), 'false: at most one client per user (POL §5)')
  if (o.maxUsers !== undefined) integerOrNull(o.maxUsers, at(path, 'maxUsers'), 1, 'the most non-banned users in the list, or null for no limit')
  if (o.maxClients !== undefined) integerOrNull(o.maxClients, at(path, 'maxClients'), 1, 'the most clients in the group, or null for no limit')
}

function checkJoinCodes(v: unknown, path: string, policy: string): void {
  const codes: string[] = []
  array(v, path, 'list join codes, e.g. [{ "code": "open-sesame", "role": "ordinary_user" }], or [] for none').forEach((item, i) => {
    const iPath = idx(path, i)
    const o = object(item, iPath, 'write { "code": "open-sesame", "role": "ordinary_user" }')
    onlyKeys(o, iPath, JOIN_CODE_KEYS)
    const code = string(required(o, 'code', iPath, 'give the code a joiner presents, e.g. "open-sesame"'), at(iPath, 'code'), 'give a non-empty code, e.g. "open-sesame"')
    const earlier = codes.indexOf(code)
    if (earlier >= 0) fail(at(iPath, 'code'), `duplicate join code ${quote(code)}`, `already at ${idx(path, earlier)}; list each code once`)
    codes.push(code)
    checkRole(required(o, 'role', iPath, `give the role the code grants; valid: ${participantRoles(policy).join(', ')}`), at(iPath, 'role'), policy)
  })
}

function checkParticipants(o: Obj, path: string, policy: string, users: World['users']): string[] {
  const pPath = at(path, 'participants')
  const hint = 'list the initial participants, e.g. [{ "user": "alice", "role": "group_admin" }]'
  const items = array(required(o, 'participants', path, hint), pPath, hint, 1)
  const names: string[] = []
  items.forEach((item, i) => {
    const iPath = idx(pPath, i)
    const p = object(item, iPath, 'write { "user": "alice", "role": "ordinary_user" }')
    onlyKeys(p, iPath, PARTICIPANT_KEYS)
    const user = ref(required(p, 'user', iPath, `give a user id (known: ${list([...users.keys()])})`), at(iPath, 'user'), 'user', users)
    const earlier = names.indexOf(user.name)
    if (earlier >= 0) fail(at(iPath, 'user'), `${quote(user.name)} is already a participant`, `see ${idx(pPath, earlier)}; list each user once`)
    checkRole(required(p, 'role', iPath, `valid: ${participantRoles(policy).join(', ')}`), at(iPath, 'role'), policy)
    names.push(user.name)
  })
  return names
}

function checkRoom(v: unknown, path: string, w: World): RoomSpec {
  const { providers, users, rooms } = w
  const o = object(v, path, 'write { "id", "kind", "hub", "policy", "creator", "participants" }')
  onlyKeys(o, path, ROOM_KEYS)
  const id = string(required(o, 'id', path, 'give a local name, e.g. "clubhouse"'), at(path, 'id'), 'give a local name, e.g. "clubhouse"')
  if (parseMimiUri(`mimi://example.org/r/${id}`).kind !== 'room') fail(at(path, 'id'), `${quote(id)} is not URI-safe`, LOCAL_NAME)
  unique(rooms, id, at(path, 'id'), 'room', 'rooms')
  const kind = choice(required(o, 'kind', path, `valid: ${ROOM_KINDS.join(', ')}`), at(path, 'kind'), 'kind', ROOM_KINDS)
  ref(required(o, 'hub', path, `give the hub's provider id (known: ${list([...providers.keys()])})`), at(path, 'hub'), 'provider', providers)
  const templates = templateNames()
  const policy = string(required(o, 'policy', path, `valid: ${templates.join(', ')}`), at(path, 'policy'), `valid: ${templates.join(', ')}`)
  if (!roleSet(policy)) fail(at(path, 'policy'), `unknown policy template ${quote(policy)}`, `valid: ${templates.join(', ')}`)
  const creator = ref(required(o, 'creator', path, 'give the user who creates the room; one of the participants'), at(path, 'creator'), 'user', users)
  const names = checkParticipants(o, path, policy, users)
  const mismatch = kindMismatch(kind, names.length)
  if (mismatch) {
    const fits = ROOM_KINDS.filter((k) => kindMismatch(k, names.length) === null)
    fail(at(path, 'participants'), mismatch, `change the participants, or use a kind that fits ${names.length}: ${list(fits)}`)
  }
  if (!names.includes(creator.name)) {
    fail(at(path, 'creator'), `${quote(creator.name)} is not a participant`, `participants: ${names.join(', ')}; add the creator to them or pick one of them`)
  }
  if (o.preauth !== undefined) checkPreauthList(o.preauth, at(path, 'preauth'), policy, w)
  if (o.base !== undefined) {
    const bPath = at(path, 'base')
    const base = object(o.base, bPath, 'write e.g. { "maxUsers": 10 }; keys: fixedMembership, multiDevice, maxUsers, maxClients')
    onlyKeys(base, bPath, BASE_KEYS)
    checkBaseFields(base, bPath)
  }
  if (o.joinCodes !== undefined) checkJoinCodes(o.joinCodes, at(path, 'joinCodes'), policy)
  return o as unknown as RoomSpec
}

/** Validate `providers`, `users` and `rooms` of the scenario object `o` (its own keys already checked). */
export function checkWorld(o: Obj): World {
  const providers = new Map<string, Declared<ProviderSpec>>()
  const users = new Map<string, Declared<UserSpec>>()
  const rooms = new Map<string, Declared<RoomSpec>>()
  const pHint = 'declare at least one provider, e.g. [{ "id": "a.example" }]'
  array(required(o, 'providers', '', pHint), 'providers', pHint, 1).forEach((v, i) => {
    const spec = checkProvider(v, idx('providers', i), providers)
    providers.set(spec.id, { index: i, spec })
  })
  const uHint = 'declare at least one user, e.g. [{ "id": "alice", "provider": "a.example" }]'
  array(required(o, 'users', '', uHint), 'users', uHint, 1).forEach((v, i) => {
    const spec = checkUser(v, idx('users', i), providers, users)
    users.set(spec.id, { index: i, spec })
  })
  const rHint = 'declare at least one room'
  array(required(o, 'rooms', '', rHint), 'rooms', rHint, 1).forEach((v, i) => {
    const spec = checkRoom(v, idx('rooms', i), { providers, users, rooms })
    rooms.set(spec.id, { index: i, spec })
  })
  return { providers, users, rooms }
}
