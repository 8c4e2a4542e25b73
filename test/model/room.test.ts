import { describe, expect, it } from 'vitest'
import { providerId, roomId } from '../../model/ids.js'
import { kindMismatch, makeRoom } from '../../model/room.js'

describe('the room primitive', () => {
  it('one-to-one and ad-hoc rooms are fixed-membership specializations; a named room is not (POL §5)', () => {
    const hub = providerId('a.example')
    expect(makeRoom(roomId('a.example', 'dm'), 'one-to-one', hub).fixedMembership).toBe(true)
    expect(makeRoom(roomId('a.example', 'trio'), 'ad-hoc', hub).fixedMembership).toBe(true)
    expect(makeRoom(roomId('a.example', 'clubhouse'), 'named', hub).fixedMembership).toBe(false)
  })

  it('a one-to-one room has exactly two participants, an ad-hoc room at least two', () => {
    expect(kindMismatch('one-to-one', 2)).toBeNull()
    expect(kindMismatch('one-to-one', 3)).toMatch(/exactly 2/)
    expect(kindMismatch('ad-hoc', 1)).toMatch(/at least 2/)
    expect(kindMismatch('named', 1)).toBeNull()
  })
})
