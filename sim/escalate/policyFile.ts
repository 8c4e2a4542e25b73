/**
 * Role-set / policy files (docs/policy-format.md): a role set (draft-ietf-mimi-room-policy-03 §3
 * RoleData, capabilities by their MIMI Role Capabilities registry names, §10.2), with an optional
 * preauth list (§4), base room policy (§5) and starting participants (draft-ietf-mimi-protocol-06
 * §7.5). Validation stops at the first problem and reports one line, `<path>: <problem> (<fix>)`,
 * naming the entry — the same contract as scenario files (sim/scenario/checks.ts).
 *
 * Simplified: users are short names placed at `<first letter>.example` (the world of world.ts, whose
 * hub is a.example); a preauth claim names a user, a provider (or "hub") and a kind, not the draft's
 * credential claim ids ("TODO: refactor Claims", POL §4); an entry's target is a role index or
 * name, not the whole embedded Role the draft's struct shows (docs/findings.md, errata).
 */
import type { UserId } from '../../model/ids.js'
import { parseMimiUri, providerId } from '../../model/ids.js'
import {
  BANNED,
  type BaseRoomPolicy,
  type CapabilityName,
  capabilityNamed,
  type Claims,
  OPEN_ROOM,
  type PreauthEntry,
  preauthRole,
  type Role,
  type RoleSet,
  roleSetProblems,
} from '../../model/policy/index.js'
import { canonicalRoles } from '../../model/policy/roomState.js'
import {
  array, at, boolean, fail, idx, integer, Invalid, object, type Obj, onlyKeys, quote, required, show, string,
} from '../scenario/checks.js'
import { HUB, worldUser } from './world.js'

export interface Participant {
  readonly user: UserId
  readonly role: number
  readonly client: boolean
}

export interface PolicySpec {
  readonly name: string
  readonly description: string
  readonly roles: RoleSet
  readonly preauth: readonly PreauthEntry[]
  readonly base: BaseRoomPolicy
  readonly participants: readonly Participant[]
}

export type PolicyCheck = { readonly ok: true; readonly spec: PolicySpec } | { readonly ok: false; readonly error: string }

const TOP_KEYS = ['name', 'description', 'roles', 'preauth', 'base', 'participants'] as const
const ROLE_KEYS = ['index', 'name', 'description', 'capabilities', 'minParticipants', 'maxParticipants', 'minActive', 'maxActive', 'changes'] as const
const BASE_KEYS = ['fixedMembership', 'multiDevice', 'maxClients', 'maxUsers', 'persistent', 'discoverable'] as const
const CLAIM_KEYS = ['user', 'provider', 'kind'] as const
const MAX_INDEX = 0xffffffff
const LOCAL = /^[a-z][a-z0-9._~-]*$/
const REGISTRY = 'see the MIMI Role Capabilities registry, POL §10.2'

/** Appendix A names that the registry lacks: say so rather than "unknown". */
const UNREGISTERED: Readonly<Record<string, string>> = {
  canRevokeVoice: 'Appendix A uses it but the registry does not define it (draft erratum, docs/findings.md); leave it out',
  canGrantVoice: 'Appendix A uses it but the registry does not define it (draft erratum, docs/findings.md); leave it out',
}

function capability(v: unknown, path: string): CapabilityName {
  const name = string(v, path, `write a registered name such as "canAddParticipant" (${REGISTRY})`)
  const cap = capabilityNamed(name)
  if (cap) return cap
  fail(path, `unknown capability ${quote(name)}`, UNREGISTERED[name] ?? REGISTRY)
}

function optionalMax(v: unknown, path: string): number | null {
  return v === undefined || v === null ? null : integer(v, path, 0, MAX_INDEX, 'write a count, or null for no maximum')
}

function changeEntry(v: unknown, path: string): readonly [number, readonly number[]] {
  const fix = 'write [from_role_index, [target_role_index, …]], e.g. [0, [2]]'
  const a = array(v, path, fix)
  if (a.length !== 2) fail(path, `expected [from, [targets]], got ${a.length} element(s)`, fix)
  const from = integer(a[0], idx(path, 0), 0, MAX_INDEX, fix)
  const targets = array(a[1], idx(path, 1), fix).map((t, k) => integer(t, idx(idx(path, 1), k), 0, MAX_INDEX, fix))
  return [from, targets]
}

function role(v: unknown, path: string): Role {
  const o = object(v, path, 'write { "index": 2, "name": "ordinary_user", "capabilities": [...] }')
  onlyKeys(o, path, ROLE_KEYS)
  const index = integer(required(o, 'index', path, 'give the role index (0 = not listed, 1 = banned)'), at(path, 'index'), 0, MAX_INDEX, 'a role index is a non-negative integer')
  const name = string(required(o, 'name', path, 'give the role a name'), at(path, 'name'), 'give the role a name')
  const description = o.description === undefined ? '' : string(o.description, at(path, 'description'), 'write a string', false)
  const capsPath = at(path, 'capabilities')
  const caps = array(required(o, 'capabilities', path, 'list the role\'s capabilities, [] for none'), capsPath, 'list capability names').map((c, k) => capability(c, idx(capsPath, k)))
  const count = (key: string, fallback: number) => (o[key] === undefined ? fallback : integer(o[key], at(path, key), 0, MAX_INDEX, 'write a count'))
  const changesPath = at(path, 'changes')
  const changes = o.changes === undefined ? [] : array(o.changes, changesPath, 'list [from, [targets]] entries').map((c, k) => changeEntry(c, idx(changesPath, k)))
  return {
    index, name, description, capabilities: [...new Set(caps)],
    minParticipants: count('minParticipants', 0), maxParticipants: optionalMax(o.maxParticipants, at(path, 'maxParticipants')),
    minActive: count('minActive', 0), maxActive: optionalMax(o.maxActive, at(path, 'maxActive')),
    changes,
  }
}

/** The role set's own consistency, entry by entry, each with its fix. */
function consistent(roles: readonly Role[]): void {
  const first = new Map<number, number>()
  const names = new Map<string, number>()
  roles.forEach((r, i) => {
    const earlier = first.get(r.index)
    if (earlier !== undefined) fail(at(idx('roles', i), 'index'), `duplicate role index ${r.index}`, `roles[${earlier}] already has it; give each role its own index`)
    first.set(r.index, i)
    const named = names.get(r.name)
    if (named !== undefined) fail(at(idx('roles', i), 'name'), `duplicate role name ${quote(r.name)}`, `roles[${named}] already has it; give each role its own name`)
    names.set(r.name, i)
  })
  if (!first.has(0)) fail('roles', 'no role with index 0', 'add { "index": 0, "name": "no_role", "capabilities": [] } — role 0 is what non-participants may do (POL §3)')
  roles.forEach((r, i) => {
    const p = idx('roles', i)
    const open = r.capabilities.indexOf('canOpenJoin')
    if (r.index !== 0 && open >= 0) fail(idx(at(p, 'capabilities'), open), 'canOpenJoin MUST NOT appear in a non-zero role', 'give it to role 0 with a (0, [target]) change (POL §8.1.1)')
    r.changes.forEach(([from, targets], j) => {
      const cp = idx(at(p, 'changes'), j)
      if (!first.has(from)) fail(cp, `role change from role ${from}, which the set does not define`, `define role ${from} or drop this entry`)
      for (const t of targets) if (!first.has(t)) fail(cp, `role change to role ${t}, which the set does not define`, `define role ${t} or drop it from the targets`)
    })
    if (r.maxParticipants !== null && r.maxParticipants < r.minParticipants) fail(at(p, 'maxParticipants'), `maximum ${r.maxParticipants} is below the minimum ${r.minParticipants}`, 'raise the maximum or lower minParticipants')
    if (r.maxActive !== null && r.maxActive < r.minActive) fail(at(p, 'maxActive'), `maximum ${r.maxActive} is below the minimum ${r.minActive}`, 'raise the maximum or lower minActive')
  })
  if (first.has(BANNED) && roles[first.get(BANNED)!]!.name === 'banned' && roles[first.get(BANNED)!]!.capabilities.length > 0) {
    const i = first.get(BANNED)!
    fail(at(idx('roles', i), 'capabilities'), 'the banned role holds capabilities', 'role 1 "banned" must have none (POL §8.1.3; PROTO §7.5)')
  }
}

/** A role by index or name. */
function roleRef(v: unknown, path: string, set: RoleSet): number {
  const known = set.roles.map((r) => `${r.name} (${r.index})`).join(', ')
  if (typeof v === 'number') {
    if (!set.roles.some((r) => r.index === v)) fail(path, `role ${v}, which the set does not define`, `known: ${known}`)
    return v
  }
  const name = string(v, path, `name a role or give its index (known: ${known})`)
  const found = set.roles.find((r) => r.name === name)
  if (!found) fail(path, `unknown role ${quote(name)}`, `known: ${known}`)
  return found.index
}

function userName(v: unknown, path: string): UserId {
  const name = string(v, path, 'write a short user name such as "alice"')
  if (!LOCAL.test(name)) fail(path, `${quote(name)} is not a short user name`, 'start with a lower-case letter; use letters, digits and . _ ~ -')
  return worldUser(name)
}

function claims(v: unknown, path: string): Claims {
  const o = object(v, path, 'write { "user": "eve" }, { "provider": "hub", "kind": "service" } or similar')
  onlyKeys(o, path, CLAIM_KEYS)
  const out: { user?: UserId; provider?: ReturnType<typeof providerId>; kind?: 'user' | 'service' } = {}
  if (o.user !== undefined) out.user = userName(o.user, at(path, 'user'))
  if (o.provider !== undefined) {
    const p = string(o.provider, at(path, 'provider'), 'write "hub" or a domain such as "b.example"')
    if (p !== 'hub' && parseMimiUri(`mimi://${p}`).kind !== 'provider') fail(at(path, 'provider'), `${quote(p)} is not a domain`, 'write "hub" or a domain such as "b.example"')
    out.provider = p === 'hub' ? HUB : providerId(p)
  }
  if (o.kind !== undefined) {
    if (o.kind !== 'user' && o.kind !== 'service') fail(at(path, 'kind'), `unknown kind ${show(o.kind)}`, 'valid: user, service (a provider acting as external sender)')
    out.kind = o.kind
  }
  return out
}

function preauthList(v: unknown, set: RoleSet): PreauthEntry[] {
  return array(v, 'preauth', 'list { "claims": {…}, "role": … } entries; the first match wins (POL §4)').map((e, i) => {
    const p = idx('preauth', i)
    const o = object(e, p, 'write { "claims": { "user": "eve" }, "role": "ordinary_user" }')
    onlyKeys(o, p, ['claims', 'role'])
    const c = claims(required(o, 'claims', p, 'give the claims to match'), at(p, 'claims'))
    const r = roleRef(required(o, 'role', p, 'give the target role'), at(p, 'role'), set)
    if (r === 0) fail(at(p, 'role'), 'a preauth entry cannot target role 0', 'name a non-zero role (POL §4)')
    return { claims: c, role: r }
  })
}

function base(v: unknown): BaseRoomPolicy {
  const o = object(v, 'base', 'write { "fixedMembership": true } or leave "base" out for an open room')
  onlyKeys(o, 'base', BASE_KEYS)
  const flag = (k: 'fixedMembership' | 'multiDevice' | 'persistent' | 'discoverable') => (o[k] === undefined ? OPEN_ROOM[k] : boolean(o[k], at('base', k), 'write true or false'))
  const cap = (k: 'maxClients' | 'maxUsers') => (o[k] === undefined || o[k] === null ? null : integer(o[k], at('base', k), 1, MAX_INDEX, 'write a count, or null for no limit'))
  return { fixedMembership: flag('fixedMembership'), multiDevice: flag('multiDevice'), maxClients: cap('maxClients'), maxUsers: cap('maxUsers'), persistent: flag('persistent'), discoverable: flag('discoverable') }
}

function participants(v: unknown, set: RoleSet): Participant[] {
  const seen = new Map<string, number>()
  return array(v, 'participants', 'list { "user": "alice", "role": "group_admin" } entries').map((e, i) => {
    const p = idx('participants', i)
    const o = object(e, p, 'write { "user": "alice", "role": "group_admin" }')
    onlyKeys(o, p, ['user', 'role', 'client'])
    const user = userName(required(o, 'user', p, 'give a short user name'), at(p, 'user'))
    const earlier = seen.get(user)
    if (earlier !== undefined) fail(at(p, 'user'), `${quote(user.slice(user.lastIndexOf('/') + 1))} is listed twice`, `participants[${earlier}] already lists it; a user has one role (POL §1)`)
    seen.set(user, i)
    const r = roleRef(required(o, 'role', p, 'give the user\'s role'), at(p, 'role'), set)
    if (r === 0) fail(at(p, 'role'), 'role 0 means "not a participant"', 'leave the user out, or give it a non-zero role')
    const def = set.roles.find((x) => x.index === r)!
    const client = o.client === undefined ? r !== BANNED && def.maxActive !== 0 : boolean(o.client, at(p, 'client'), 'write true or false')
    if (client && def.maxActive === 0) fail(at(p, 'client'), `role ${def.name} allows no active participants (maximum active 0)`, 'write "client": false')
    return { user, role: r, client }
  })
}

/** Participants for a file that lists none: an admin (the lowest role that may change roles) and the lowest other role. */
export function defaultParticipants(set: RoleSet, hubRole: number): Participant[] {
  const usable = [...set.roles].sort((a, b) => a.index - b.index).filter((r) => r.index !== 0 && r.index !== BANNED && r.index !== hubRole && r.maxActive !== 0)
  const admin = usable.find((r) => r.capabilities.includes('canChangeUserRole')) ?? usable[0]
  const plain = usable.find((r) => r !== admin)
  return [
    ...(admin ? [{ user: worldUser('alice'), role: admin.index, client: true }] : []),
    ...(plain ? [{ user: worldUser('bob'), role: plain.index, client: true }] : []),
  ]
}

/** The preauth list a file that gives none gets: the hub's service identity → its policy_enforcer role. */
export function defaultPreauth(set: RoleSet): PreauthEntry[] {
  const enforcer = set.roles.find((r) => r.name === 'policy_enforcer')
  return enforcer ? [{ claims: { kind: 'service', provider: HUB }, role: enforcer.index }] : []
}

function check(json: unknown): PolicySpec {
  const o: Obj = object(json, '(top level)', 'a policy file is a JSON object with "name" and "roles"')
  onlyKeys(o, '', TOP_KEYS)
  const name = string(required(o, 'name', '', 'give the role set a name'), 'name', 'give the role set a name')
  const description = o.description === undefined ? '' : string(o.description, 'description', 'write a string', false)
  const roles = array(required(o, 'roles', '', 'list the roles'), 'roles', 'list the roles', 1).map((r, i) => role(r, idx('roles', i)))
  consistent(roles)
  const set: RoleSet = canonicalRoles({ name, roles })
  const leftover = roleSetProblems(set)
  if (leftover.length) fail('roles', leftover[0]!, 'fix the role set (POL §3)')
  const preauth = o.preauth === undefined ? defaultPreauth(set) : preauthList(o.preauth, set)
  const b = o.base === undefined ? OPEN_ROOM : base(o.base)
  if (b.fixedMembership) {
    const i = roles.findIndex((r) => r.index !== 0 && r.index !== BANNED && r.capabilities.includes('canAddParticipant'))
    if (i >= 0) fail(at(idx('roles', i), 'capabilities'), `fixed_membership is set but role ${roles[i]!.name} holds canAddParticipant`, 'remove canAddParticipant or set base.fixedMembership to false; POL §5')
  }
  const hubRole = preauthRole(preauth, { kind: 'service', user: null, provider: HUB })
  const ps = o.participants === undefined ? defaultParticipants(set, hubRole) : participants(o.participants, set)
  return { name, description, roles: set, preauth, base: b, participants: ps }
}

/** Validate a parsed policy file; the error is one line naming the entry and the fix. */
export function validatePolicy(json: unknown): PolicyCheck {
  try {
    return { ok: true, spec: check(json) }
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: e.message }
    throw e
  }
}
