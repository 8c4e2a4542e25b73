import { describe, expect, it } from 'vitest'
import { clientId, providerId, userId } from '../../../model/ids.js'
import { authorizeChange, authorizeSend } from '../../../model/policy/authorize.js'
import { admits, decodeRoomState, encodeRoomState, makeRoomState, withRole } from '../../../model/policy/roomState.js'

const alice = userId('a.example', 'alice')
const bob = userId('b.example', 'bob')
const cathy = userId('c.example', 'cathy')
const eve = userId('a.example', 'eve')
const a1 = clientId('a.example', 'alice', '1')
const b1 = clientId('b.example', 'bob', '1')
const c1 = clientId('c.example', 'cathy', '1')
const e1 = clientId('a.example', 'eve', '1')
const hub = providerId('a.example')
const room = makeRoomState('cooperative', [[alice, 3], [bob, 2]])
const members = [a1, b1]

describe('room state', () => {
  it('encodes canonically, so equal states have equal bytes', () => {
    const other = makeRoomState('cooperative', [[bob, 2], [alice, 3]])
    expect(encodeRoomState(other)).toBe(encodeRoomState(room))
    expect(decodeRoomState(encodeRoomState(room))).toEqual(room)
  })

  it('admits only listed users whose role may receive messages', () => {
    expect(admits(room, bob)).toBe(true)
    expect(admits(room, eve)).toBe(false)
    expect(admits(withRole(room, eve, 1), eve)).toBe(false) // banned
  })

  it('does not decode a payload that is not a room state', () => {
    expect(decodeRoomState('{"roles":1}')).toBeUndefined()
    expect(decodeRoomState('not json')).toBeUndefined()
  })
})

describe('authorizeChange: a commit seen as (before, after, adds, removes) (draft-ietf-mimi-room-policy-03 §8.1)', () => {
  it('canAddParticipant: an ordinary user adds another user and all their clients', () => {
    const after = withRole(room, cathy, 2)
    expect(authorizeChange({ kind: 'user', user: bob }, { before: room, after, members, adds: [c1], removes: [] })).toMatchObject({ kind: 'allowed' })
  })

  it('authorized_role_changes: an ordinary user may not add someone as group_admin', () => {
    const after = withRole(room, cathy, 3)
    const v = authorizeChange({ kind: 'user', user: bob }, { before: room, after, members, adds: [c1], removes: [] })
    expect(v).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('authorized_role_changes') })
  })

  it('an Add of a client whose user is not in the participant list is invalid (PROTO §5.3)', () => {
    const v = authorizeChange({ kind: 'user', user: alice }, { before: room, after: room, members, adds: [e1], removes: [] })
    expect(v).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('not in the participant list') })
  })

  it('the hub as policy_enforcer lacks canAddParticipant (POL §4, Appendix A)', () => {
    const after = withRole(room, eve, 2)
    const v = authorizeChange({ kind: 'provider', provider: hub }, { before: room, after, members, adds: [e1], removes: [] })
    expect(v).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('lacks canAddParticipant') })
  })

  it('canRemoveParticipant: removing a user leaves none of their clients behind', () => {
    const after = makeRoomState('cooperative', [[alice, 3]])
    expect(authorizeChange({ kind: 'user', user: alice }, { before: room, after, members, adds: [], removes: [b1] })).toMatchObject({ kind: 'allowed' })
    const v = authorizeChange({ kind: 'user', user: alice }, { before: room, after, members, adds: [], removes: [] })
    expect(v).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('still has clients') })
  })

  it('removing all of a user\'s clients first is the first half of a removal (ts-mls #742 two-commit removal)', () => {
    expect(authorizeChange({ kind: 'user', user: alice }, { before: room, after: room, members, adds: [], removes: [b1] })).toMatchObject({ kind: 'allowed' })
  })

  it('an ordinary user may not remove a group admin', () => {
    const after = makeRoomState('cooperative', [[bob, 2]])
    const v = authorizeChange({ kind: 'user', user: bob }, { before: room, after, members, adds: [], removes: [a1] })
    expect(v).toMatchObject({ kind: 'rejected' })
  })

  it('a non-listed joiner cannot self-join when role 0 lacks canOpenJoin (POL §8.1.1)', () => {
    const v = authorizeChange({ kind: 'joiner', user: eve }, { before: room, after: room, members, adds: [e1], removes: [] })
    expect(v.kind).toBe('rejected')
  })

  it('a listed user may add its own new client by external commit (canAddOwnClient)', () => {
    const b2 = clientId('b.example', 'bob', '2')
    expect(authorizeChange({ kind: 'joiner', user: bob }, { before: room, after: room, members, adds: [b2], removes: [] })).toMatchObject({ kind: 'allowed' })
  })

  it('a group admin may promote an ordinary user (canChangeUserRole); the ordinary user may not promote itself', () => {
    expect(authorizeChange({ kind: 'user', user: alice }, { before: room, after: withRole(room, bob, 3), members, adds: [], removes: [] })).toMatchObject({ kind: 'allowed' })
    const v = authorizeChange({ kind: 'user', user: bob }, { before: room, after: withRole(room, bob, 3), members, adds: [], removes: [] })
    expect(v).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('canChangeOwnRole') })
  })
})

describe('authorizeSend (POL §8.3)', () => {
  it('participants with canSendMessage may send; others may not', () => {
    expect(authorizeSend(room, bob)).toMatchObject({ kind: 'allowed' })
    expect(authorizeSend(room, eve)).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('canSendMessage') })
  })
})
