/**
 * Validation of the room-policy steps: `kick`, `ban`, `changeRole`, `edit` (done by a user) and
 * `hubPropose` (done by the room's hub), with the policy edits they carry (types.ts EditSpec).
 *
 * draft-ietf-mimi-room-policy-03 §8.1.2 (kick), §8.1.3 (ban, role changes), §3 (role definitions),
 * §4 (preauthorized users; the hub's own role), §5 (base policy), §10.2 (the capability registry);
 * draft-ietf-mimi-protocol-06 §7.5–7.6 (participant list, room metadata).
 *
 * As for every step, only what the scenario text fixes is checked: declared names, role names of the
 * room's template, registered capabilities, well-formed values. Whether the policy allows the change
 * is the run's decision and shows in the trace. Role names in an edit are those of the room's
 * template, because that is what the runner resolves them against (sim/world/resolvePolicy.ts), even
 * when a `roles` edit switches to another template. Two refusals go beyond names, because the run could
 * not even attempt them: a member cannot commit its own removal (RFC 9420 §12.2), so a self-kick or
 * self-ban is refused here; and ts-mls 1.6.4 cannot commit a context change with a Remove (bug #742),
 * so one `hubPropose` carries either `edits` or `kick`, not both.
 */
import { capabilityNamed } from '../../model/policy/capabilities.js'
import { roleSet, templateNames } from '../../model/policy/roles.js'
import { array, at, choice, fail, idx, list, object, type Obj, onlyKeys, quote, required, string } from './checks.js'
import {
  BASE_KEYS, checkBaseFields, checkPreauthList, checkRole, type Declared, participantRoles, ref, type World,
} from './validateWorld.js'
import type { EditSpec, RoomSpec } from './types.js'

type Room = Declared<RoomSpec> & { name: string }

const COMPONENTS: readonly EditSpec['component'][] = ['participants', 'roles', 'preauth', 'base', 'metadata']
const METADATA_KEYS = ['name', 'description', 'avatar', 'subject', 'mood'] as const

/** The keys of each edit component, in the documented order. */
export const EDIT_KEYS: Readonly<Record<EditSpec['component'], readonly string[]>> = {
  participants: ['component', 'add', 'remove', 'change'],
  roles: ['component', 'template', 'grant'],
  preauth: ['component', 'entries'],
  base: ['component', ...BASE_KEYS],
  metadata: ['component', ...METADATA_KEYS],
}
const ENTRY_KEYS = ['user', 'role'] as const
const GRANT_KEYS = ['role', 'capability', 'to'] as const
const REGISTRY = 'see the MIMI Role Capabilities registry, POL §10.2'

const known = (m: ReadonlyMap<string, unknown>): string => list([...m.keys()])

/** Any role of the template, no_role (index 0) included: a role definition may change role 0 too. */
function templateRole(v: unknown, path: string, policy: string): void {
  const valid = (roleSet(policy)?.roles ?? []).map((r) => r.name)
  const role = string(v, path, `valid: ${valid.join(', ')}`)
  if (!valid.includes(role)) fail(path, `unknown role ${quote(role)} in policy ${quote(policy)}`, `valid: ${valid.join(', ')}`)
}

/** `[{ "user", "role" }]`: declared users with a participant role of the room's template. */
function entries(v: unknown, path: string, policy: string, w: World, verb: string): void {
  array(v, path, `list the users to ${verb}, e.g. [{ "user": "bob", "role": "ordinary_user" }]`).forEach((item, i) => {
    const iPath = idx(path, i)
    const o = object(item, iPath, 'write { "user": "bob", "role": "ordinary_user" }')
    onlyKeys(o, iPath, ENTRY_KEYS)
    ref(required(o, 'user', iPath, `give a user id (known: ${known(w.users)})`), at(iPath, 'user'), 'user', w.users)
    checkRole(required(o, 'role', iPath, `valid: ${participantRoles(policy).join(', ')}`), at(iPath, 'role'), policy)
  })
}

function users(v: unknown, path: string, w: World, fix: string, minLength = 0): void {
  array(v, path, fix, minLength).forEach((u, i) => ref(u, idx(path, i), 'user', w.users))
}

function checkGrant(v: unknown, path: string, policy: string): void {
  const o = object(v, path, 'write { "role": "no_role", "capability": "canOpenJoin", "to": ["ordinary_user"] }')
  onlyKeys(o, path, GRANT_KEYS)
  templateRole(required(o, 'role', path, 'give the role that gains the capability'), at(path, 'role'), policy)
  const cPath = at(path, 'capability')
  const capability = string(required(o, 'capability', path, `give a capability name; ${REGISTRY}`), cPath, `give a capability name, e.g. "canKick"; ${REGISTRY}`)
  if (!capabilityNamed(capability)) fail(cPath, `unknown capability ${quote(capability)}`, REGISTRY)
  if (o.to !== undefined) {
    const tPath = at(path, 'to')
    array(o.to, tPath, 'list the roles a no_role user may then move to, e.g. ["ordinary_user"]').forEach((t, i) => templateRole(t, idx(tPath, i), policy))
  }
}

/** One policy edit against room `room` (types.ts EditSpec). */
function checkEdit(v: unknown, path: string, room: Room, w: World): EditSpec {
  const policy = room.spec.policy
  const o: Obj = object(v, path, `write { "component": ..., ... }; components: ${COMPONENTS.join(', ')}`)
  const component = choice(required(o, 'component', path, `valid: ${COMPONENTS.join(', ')}`), at(path, 'component'), 'component', COMPONENTS)
  onlyKeys(o, path, EDIT_KEYS[component])
  switch (component) {
    case 'participants':
      if (o.add !== undefined) entries(o.add, at(path, 'add'), policy, w, 'add')
      if (o.remove !== undefined) users(o.remove, at(path, 'remove'), w, `list the users to take off the list, e.g. ["bob"]; known users: ${known(w.users)}`)
      if (o.change !== undefined) entries(o.change, at(path, 'change'), policy, w, 'move to another role')
      break
    case 'roles': {
      if (o.template !== undefined) {
        const templates = templateNames()
        const tPath = at(path, 'template')
        const name = string(o.template, tPath, `valid: ${templates.join(', ')}`)
        if (!roleSet(name)) fail(tPath, `unknown policy template ${quote(name)}`, `valid: ${templates.join(', ')}`)
      }
      if (o.grant !== undefined) {
        const gPath = at(path, 'grant')
        array(o.grant, gPath, 'list grants, e.g. [{ "role": "no_role", "capability": "canOpenJoin", "to": ["ordinary_user"] }]').forEach((g, i) => checkGrant(g, idx(gPath, i), policy))
      }
      break
    }
    case 'preauth':
      checkPreauthList(required(o, 'entries', path, 'give the whole new preauth list, e.g. [{ "user": "bob", "role": "ordinary_user" }], or [] to clear it'), at(path, 'entries'), policy, w)
      break
    case 'base':
      checkBaseFields(o, path)
      break
    case 'metadata':
      for (const key of METADATA_KEYS) if (o[key] !== undefined) string(o[key], at(path, key), `give the room's new ${key} as a string`, false)
      break
  }
  return o as unknown as EditSpec
}

function checkEdits(o: Obj, path: string, room: Room, w: World): void {
  const hint = `list one or more edits, e.g. [{ "component": "metadata", "name": "Lounge" }]; components: ${COMPONENTS.join(', ')}`
  const ePath = at(path, 'edits')
  array(required(o, 'edits', path, hint), ePath, hint, 1).forEach((e, i) => checkEdit(e, idx(ePath, i), room, w))
}

/**
 * The fields after actor and room of a user's policy step (validateSteps.ts has checked both):
 * the target (and new role) of kick, ban and changeRole; the edits of edit.
 */
export function checkPolicyStep(o: Obj, path: string, act: 'kick' | 'ban' | 'changeRole' | 'edit', room: Room, w: World): void {
  if (act === 'edit') return checkEdits(o, path, room, w)
  const tPath = at(path, 'target')
  const target = ref(required(o, 'target', path, `give the user to ${act === 'changeRole' ? 'move to another role' : act}; known users: ${known(w.users)}`), tPath, 'user', w.users)
  if (act !== 'changeRole' && target.name === o.actor) {
    fail(tPath, `${quote(target.name)} is the actor, and a member cannot commit its own removal (RFC 9420 §12.2)`, `to leave the room, use { "actor": ${quote(target.name)}, "do": "leave", "room": ${quote(room.name)} }`)
  }
  if (act === 'changeRole') checkRole(required(o, 'role', path, `give the new role; valid: ${participantRoles(room.spec.policy).join(', ')}`), at(path, 'role'), room.spec.policy)
}

/** `hubPropose`: the room's hub (honest or not), proposing as external sender either edits or a kick. */
export function checkHubPropose(o: Obj, path: string, w: World): void {
  const p = at(path, 'actor')
  const hint = `hubPropose is done by the room's hub, named by its provider id; known providers: ${known(w.providers)}`
  const actor = string(required(o, 'actor', path, hint), p, hint)
  if (!w.providers.has(actor) && w.users.has(actor)) fail(p, `${quote(actor)} is a user, not a provider`, hint)
  const hub = ref(actor, p, 'provider', w.providers)
  const room = ref(required(o, 'room', path, `known rooms: ${known(w.rooms)}`), at(path, 'room'), 'room', w.rooms)
  if (room.spec.hub !== hub.name) fail(p, `provider ${quote(hub.name)} is not the hub of room ${quote(room.name)}`, `hubPropose is done by the room's hub, ${room.spec.hub}`)
  if (o.edits !== undefined && o.kick !== undefined) {
    fail(at(path, 'kick'), 'a hubPropose step carries both "kick" and "edits"', 'ts-mls 1.6.4 bug #742: a room-policy change cannot be committed with a Remove; propose the kick and the edits in two steps')
  }
  if (o.edits === undefined && o.kick === undefined) fail(path, 'a hubPropose step proposes nothing', 'give "edits": [...] (policy edits) or "kick": [...] (users whose clients to remove)')
  if (o.edits !== undefined) return checkEdits(o, path, room, w)
  users(o.kick, at(path, 'kick'), w, `list the users whose clients the hub proposes to remove, e.g. ["eve"]; known users: ${known(w.users)}`, 1)
}
