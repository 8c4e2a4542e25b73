/**
 * One test per rule of draft-ietf-mimi-room-policy-03 §8.1 and per commit-composition rule, each
 * named after the rule; every test shows the rule both allowing and refusing.
 */
import { describe, expect, it } from 'vitest'
import { clientId, providerId, userId } from '../../../model/ids.js'
import { authorize } from '../../../model/policy/authorize.js'
import type { Part, Principal, ProposalList, RoomState } from '../../../model/policy/index.js'
import { listUpdate, makeRoomState, roleSet, withHubRole, withRole } from '../../../model/policy/index.js'

const u = (name: string, p = 'b.example') => userId(p, name)
const c = (name: string, p = 'b.example', n = '1') => clientId(p, name, n)
const alice = u('alice', 'a.example')
const bob = u('bob')
const cathy = u('cathy', 'c.example')
const eve = u('eve', 'a.example')
const hub = providerId('a.example')
const member = (user: string, client: string): Principal => ({ kind: 'member', user: user as never, client: client as never })
const A = member(alice, c('alice', 'a.example'))
const B = member(bob, c('bob'))
const C = member(cathy, c('cathy', 'c.example'))
const H: Principal = { kind: 'external', provider: hub }
const joiner = (user: string, client: string): Extract<Principal, { kind: 'joiner' }> => ({ kind: 'joiner', user: user as never, client: client as never })

/** alice group_admin (3), bob ordinary_user (2), cathy ordinary_user (2); the hub preauthorized as policy_enforcer (5). */
const room: RoomState = makeRoomState('cooperative', [[alice, 3], [bob, 2], [cathy, 2]], { preauth: [{ claims: { kind: 'service', provider: hub }, role: 5 }] })
const members = [c('alice', 'a.example'), c('bob'), c('cathy', 'c.example')].sort()

function judge(state: RoomState, committer: Principal | null, parts: Part[], ms: readonly string[] = members) {
  const list: ProposalList = { committer, parts, members: ms as never }
  return authorize(state, list)
}
const ok = (v: ReturnType<typeof judge>) => expect(v).toMatchObject({ kind: 'allowed' })
const no = (v: ReturnType<typeof judge>, rule: string) => expect(v).toMatchObject({ kind: 'rejected', rule })
const upd = (by: Principal, x: Parameters<typeof listUpdate>[0]): Part => ({ kind: 'update', by, update: listUpdate(x) })

describe('membership rules (POL §8.1.1, §8.1.2)', () => {
  it('canAddParticipant: adds another unlisted user to a role its (0, […]) entry names, with all its clients', () => {
    const dan = u('dan')
    ok(judge(room, B, [upd(B, { add: [[dan, 2]] }), { kind: 'add', by: B, client: c('dan') }]))
    no(judge(room, B, [upd(B, { add: [[dan, 3]] })]), 'canAddParticipant') // ordinary_user: (0,[2]) only
    no(judge(room, H, [upd(H, { add: [[dan, 2]] })]), 'canAddParticipant') // policy_enforcer lacks it
    no(judge(room, B, [upd(B, { add: [[cathy, 2]] })]), 'canAddParticipant') // already listed
  })

  it('canAddOwnClient: a listed user adds its own client, by Add or by external commit; nobody else may', () => {
    ok(judge(room, B, [{ kind: 'add', by: B, client: c('bob', 'b.example', '2') }]))
    ok(judge(room, null, [{ kind: 'join', by: joiner(bob, c('bob', 'b.example', '2')) }]))
    no(judge(room, A, [{ kind: 'add', by: A, client: c('bob', 'b.example', '2') }]), 'canAddOwnClient')
  })

  it('an external join is refused when the listing it leads to would be (fixed membership), so no joiner is left unlisted', () => {
    const open = roleSet('cooperative')!
    const roles = { ...open, roles: open.roles.map((r) => (r.index === 0 ? { ...r, capabilities: ['canOpenJoin' as const], changes: [[0, [2]] as const] } : { ...r, capabilities: r.capabilities.filter((x) => x !== 'canAddParticipant') })) }
    const fixed = makeRoomState(roles, room.participants, { base: { ...room.base, fixedMembership: true } })
    no(judge(fixed, null, [{ kind: 'join', by: joiner(eve, c('eve', 'a.example')) }]), 'fixedMembership')
  })

  it('canOpenJoin: only on role 0, an unlisted user lists itself as a target of role 0\'s (0, […]) entry', () => {
    const open = roleSet('cooperative')!
    const roles = { ...open, roles: open.roles.map((r) => (r.index === 0 ? { ...r, capabilities: ['canOpenJoin' as const], changes: [[0, [2]] as const] } : r)) }
    const openRoom = makeRoomState(roles, room.participants)
    const e = joiner(eve, c('eve', 'a.example'))
    ok(judge(openRoom, null, [{ kind: 'join', by: e }]))
    ok(judge(openRoom, member(eve, c('eve', 'a.example')), [upd(member(eve, c('eve', 'a.example')), { add: [[eve, 2]] })]))
    no(judge(openRoom, member(eve, c('eve', 'a.example')), [upd(member(eve, c('eve', 'a.example')), { add: [[eve, 3]] })]), 'selfJoin')
    no(judge(room, null, [{ kind: 'join', by: e }]), 'selfJoin')
  })

  it('canJoinIfPreauthorized: an unlisted user joins as its first matching preauth role, if that role holds the capability', () => {
    const strict = makeRoomState('strict', [[alice, 3]], { preauth: [{ claims: { provider: 'mimi://a.example' as never, kind: 'user' }, role: 2 }, { claims: { kind: 'user' }, role: 3 }] })
    const e = joiner(eve, c('eve', 'a.example'))
    ok(judge(strict, null, [{ kind: 'join', by: e }]))
    ok(judge(strict, member(eve, e.client), [upd(member(eve, e.client), { add: [[eve, 2]] })]))
    no(judge(strict, member(eve, e.client), [upd(member(eve, e.client), { add: [[eve, 3]] })]), 'selfJoin') // not the first match
    no(judge(room, null, [{ kind: 'join', by: e }]), 'selfJoin') // cooperative: ordinary_user lacks canJoinIfPreauthorized
  })

  it('canUseJoinCode: an unlisted user joins with a valid code naming the target role', () => {
    const strict = makeRoomState('strict', [[alice, 3]], { joinCodes: [{ code: 'k3y', role: 2 }] })
    const e = joiner(eve, c('eve', 'a.example'))
    ok(judge(strict, null, [{ kind: 'join', by: e, code: 'k3y' }]))
    no(judge(strict, null, [{ kind: 'join', by: e, code: 'wrong' }]), 'selfJoin')
    no(judge(strict, null, [{ kind: 'join', by: e }]), 'selfJoin')
  })

  it('canRemoveParticipant: removes another user and all its clients, by an (old, […0]) entry', () => {
    ok(judge(room, B, [upd(B, { remove: [cathy] }), { kind: 'remove', by: B, client: c('cathy', 'c.example') }]))
    no(judge(room, B, [upd(B, { remove: [cathy] })]), 'noClientsAfterRemoval')
    no(judge(room, B, [upd(B, { remove: [alice] }), { kind: 'remove', by: B, client: c('alice', 'a.example') }]), 'canRemoveParticipant') // (3,[0]) missing
  })

  it('canRemoveOwnClient: proposes removing its own client, never commits its own removal', () => {
    const two = [...members, c('bob', 'b.example', '2')].sort()
    ok(judge(room, A, [{ kind: 'remove', by: B, client: c('bob', 'b.example', '2') }], two))
    no(judge(room, B, [{ kind: 'remove', by: B, client: c('bob') }], two), 'committerRemoved') // RFC 9420 §12.2
    const B2 = member(bob, c('bob', 'b.example', '2'))
    ok(judge(room, B2, [{ kind: 'remove', by: B, client: c('bob') }], two)) // the MLS restriction is on the removed client only
    no(judge(room, A, [{ kind: 'remove', by: member(eve, c('eve', 'a.example')), client: c('eve', 'a.example') }], [...two, c('eve', 'a.example')].sort()), 'canRemoveOwnClient') // eve is unlisted: role 0 has no rights
  })

  it('canRemoveSelf: a proposal to leave, committed by someone else; the leaver cannot commit it', () => {
    ok(judge(room, A, [upd(B, { remove: [bob] }), { kind: 'remove', by: B, client: c('bob') }]))
    no(judge(room, B, [upd(B, { remove: [bob] }), { kind: 'remove', by: B, client: c('bob') }]), 'committerRemoved')
    // Even with no client left to remove (an inactive participant), the leaver cannot commit its own leave.
    no(judge(room, B, [upd(B, { remove: [bob] })], members.filter((x) => x !== c('bob'))), 'canRemoveSelf')
  })

  it('canKick: removes another participant\'s clients without touching the list', () => {
    ok(judge(room, A, [{ kind: 'remove', by: A, client: c('bob') }]))
    const two = [...members, c('bob', 'b.example', '2')].sort()
    no(judge(room, C, [{ kind: 'remove', by: C, client: c('bob') }], two), 'canKick') // ordinary_user, and not all of bob's clients
  })
})

describe('role-change rules (POL §8.1.3)', () => {
  it('canChangeUserRole: another participant, by authorized_role_changes, to a non-zero role', () => {
    ok(judge(room, A, [upd(A, { change: [[bob, 3]] })]))
    no(judge(room, B, [upd(B, { change: [[cathy, 3]] })]), 'canChangeUserRole')
  })

  it('canChangeOwnRole: only to the first matching non-zero preauth role', () => {
    const strict = makeRoomState('strict', [[alice, 3], [bob, 2]], { preauth: [{ claims: { user: bob }, role: 3 }] })
    ok(judge(strict, B, [upd(B, { change: [[bob, 3]] })]))
    no(judge(strict, B, [upd(B, { change: [[bob, 4]] })]), 'canChangeOwnRole')
    no(judge(room, B, [upd(B, { change: [[bob, 3]] })]), 'canChangeOwnRole') // cooperative ordinary_user lacks it
  })

  it('canBan: moves the target to role 1 "banned"; none of its clients may remain', () => {
    const gone = members.filter((x) => x !== c('bob'))
    ok(judge(room, A, [upd(A, { change: [[bob, 1]] })], gone))
    no(judge(room, A, [upd(A, { change: [[bob, 1]] })]), 'noClientsAfterRemoval')
    no(judge(room, C, [upd(C, { change: [[bob, 1]] })], gone), 'canBan')
  })

  it('canUnBan: from role 1 to a non-zero role; it does not authorize adding the user\'s clients', () => {
    const banned = withRole(room, bob, 1)
    const gone = members.filter((x) => x !== c('bob'))
    ok(judge(banned, A, [upd(A, { change: [[bob, 2]] })], gone))
    no(judge(banned, C, [upd(C, { change: [[bob, 2]] })], gone), 'canUnBan')
    no(judge(banned, A, [upd(A, { change: [[bob, 2]] }), { kind: 'add', by: A, client: c('bob') }], gone), 'canAddOwnClient')
  })

  it('banned stays banned: preauth is not consulted for a listed user, and role 1 has no capabilities (POL §4)', () => {
    const banned = makeRoomState('strict', [[alice, 3], [bob, 1]], { preauth: [{ claims: { kind: 'user' }, role: 2 }] })
    no(judge(banned, null, [{ kind: 'join', by: joiner(bob, c('bob')) }], [c('alice', 'a.example')]), 'banned')
  })
})

describe('other components (POL §3, §4, §5, §8.2, §8.6)', () => {
  it('metadata changes: each changed field needs its canChangeRoom… capability', () => {
    const rename: Part = { kind: 'update', by: B, update: { component: 'metadata', metadata: { ...room.metadata, name: 'club' } } }
    const describe_: Part = { kind: 'update', by: B, update: { component: 'metadata', metadata: { ...room.metadata, description: 'x' } } }
    ok(judge(room, B, [rename]))
    no(judge(room, B, [describe_]), 'canChangeRoomDescription') // ordinary_user lacks it; group_admin has it
    ok(judge(room, A, [{ ...describe_, by: A }]))
  })

  it('canChangeRoleDefinitions: the roles_list update, which must stay a valid role set', () => {
    const set = roleSet('cooperative')!
    ok(judge(room, A, [{ kind: 'update', by: H, update: { component: 'roles', roles: set } }]))
    no(judge(room, A, [{ kind: 'update', by: A, update: { component: 'roles', roles: set } }]), 'canChangeRoleDefinitions')
    const broken = { ...set, roles: set.roles.map((r) => (r.index === 2 ? { ...r, capabilities: [...r.capabilities, 'canOpenJoin' as const] } : r)) }
    no(judge(room, A, [{ kind: 'update', by: H, update: { component: 'roles', roles: broken } }]), 'roleSetValid')
  })

  it('canChangePreauthorizedUserList: the preauth_list update, naming only defined non-zero roles', () => {
    ok(judge(room, A, [{ kind: 'update', by: H, update: { component: 'preauth', entries: [...room.preauth, { claims: { user: eve }, role: 2 }] } }]))
    no(judge(room, A, [{ kind: 'update', by: A, update: { component: 'preauth', entries: [] } }]), 'canChangePreauthorizedUserList')
    no(judge(room, A, [{ kind: 'update', by: H, update: { component: 'preauth', entries: [{ claims: {}, role: 9 }] } }]), 'roleExists')
  })

  it('hubRole=least_privilege: the hub keeps removal and ban rights but loses the definition-changing ones', () => {
    const lp = { ...room, roles: withHubRole(room.roles, 'least_privilege', 5) }
    no(judge(lp, A, [{ kind: 'update', by: H, update: { component: 'preauth', entries: [] } }]), 'canChangePreauthorizedUserList')
    ok(judge(lp, A, [upd(H, { remove: [cathy] }), { kind: 'remove', by: H, client: c('cathy', 'c.example') }]))
  })

  it('canChangeRoomMembershipStyle: the base_room_policy update; fixed_membership then freezes the list', () => {
    const fixed = { ...room.base, fixedMembership: true }
    const dmRoles = roleSet('strict')!
    const dm = makeRoomState(dmRoles, [[alice, 2], [bob, 2]], { base: fixed, preauth: room.preauth })
    no(judge(dm, A, [{ kind: 'update', by: A, update: { component: 'base', base: { ...fixed, fixedMembership: false } } }]), 'canChangeRoomMembershipStyle')
    no(judge(dm, H, [upd(H, { add: [[cathy, 2]] })]), 'canAddParticipant')
    const adminDm = makeRoomState(dmRoles, [[alice, 4], [bob, 2]], { base: fixed })
    no(judge(adminDm, A, [upd(A, { add: [[cathy, 2]] })]), 'fixedMembership')
    // Turning fixed_membership on is refused while some role still holds canAddParticipant (POL §5).
    no(judge(makeRoomState(dmRoles, [[alice, 4]]), A, [{ kind: 'update', by: A, update: { component: 'base', base: fixed } }], [c('alice', 'a.example')]), 'fixedMembership')
  })
})

describe('constraints (POL §3, §5)', () => {
  it('minimum participants: the last group_admin cannot leave or be demoted', () => {
    no(judge(room, B, [upd(A, { remove: [alice] }), { kind: 'remove', by: A, client: c('alice', 'a.example') }]), 'minParticipants')
  })

  it('maximum participants: a role at its maximum takes nobody more', () => {
    const set = roleSet('cooperative')!
    const capped = makeRoomState({ ...set, roles: set.roles.map((r) => (r.index === 2 ? { ...r, maxParticipants: 2 } : r)) }, room.participants)
    no(judge(capped, B, [upd(B, { add: [[u('dan'), 2]] })]), 'maxParticipants')
  })

  it('maximum active participants: a role with maximum 0 may have no clients (banned, policy_enforcer)', () => {
    no(judge(room, A, [upd(A, { add: [[u('dan'), 1]] }), { kind: 'add', by: A, client: c('dan') }]), 'maxActiveParticipants')
  })

  it('multi_device=false and max_users hold on the resulting state', () => {
    const single = makeRoomState('cooperative', room.participants, { base: { ...room.base, multiDevice: false, maxUsers: 3 } })
    no(judge(single, B, [{ kind: 'add', by: B, client: c('bob', 'b.example', '2') }]), 'multiDevice')
    no(judge(single, B, [upd(B, { add: [[u('dan'), 2]] })]), 'maxUsers')
  })
})

describe('commit composition (POL §3, §4; PROTO §7.5, §7.6; MLSX §4.7)', () => {
  it('rolesWithParticipantChange: a roles_list update never shares a commit with a participant-list change', () => {
    no(judge(room, A, [{ kind: 'update', by: H, update: { component: 'roles', roles: room.roles } }, upd(A, { change: [[bob, 3]] })]), 'rolesWithParticipantChange')
  })

  it('preauthWithParticipantChange: a preauth_list update shares a commit only with removals', () => {
    const pre: Part = { kind: 'update', by: H, update: { component: 'preauth', entries: room.preauth } }
    no(judge(room, A, [pre, upd(A, { add: [[u('dan'), 2]] })]), 'preauthWithParticipantChange')
    ok(judge(room, A, [pre, upd(A, { remove: [cathy] }), { kind: 'remove', by: A, client: c('cathy', 'c.example') }]))
  })

  it('oneMetadataUpdate: only one room-metadata update per commit', () => {
    const m = (name: string): Part => ({ kind: 'update', by: B, update: { component: 'metadata', metadata: { ...room.metadata, name } } })
    no(judge(room, B, [m('a'), m('b')]), 'oneMetadataUpdate')
  })

  it('userTouchedTwice: a commit may not touch one user twice', () => {
    no(judge(room, A, [upd(A, { add: [[u('dan'), 2]], change: [[u('dan'), 3]] })]), 'userTouchedTwice')
    no(judge(room, A, [upd(A, { change: [[bob, 3]] }), upd(A, { change: [[bob, 1]] })]), 'userTouchedTwice')
  })

  it('any invalid part makes the whole list invalid (MLSX §4.7)', () => {
    const good = upd(B, { add: [[u('dan'), 2]] })
    ok(judge(room, B, [good]))
    no(judge(room, B, [good, upd(B, { change: [[cathy, 3]] })]), 'canChangeUserRole')
  })
})
