/**
 * The fixedMembership question (POL §5; digest S9): can a room created with fixed_membership ever
 * gain a participant? Searched with every principal acting, on the cooperative template made a valid
 * fixed-membership room (canAddParticipant taken from every participant role, as POL §5 requires).
 */
import { describe, expect, it } from 'vitest'
import { roleIndexOf } from '../../../model/policy/index.js'
import { type Ask, frame, isActive, search, templateSpec, validatePolicy, worldUser } from '../../../sim/escalate/index.js'

const ask = (over: Partial<Ask> = {}): Ask => ({ property: 'fixedMembership', hubRole: 'policy_enforcer', variant: 'draft', depth: 4, maxStates: 200_000, ...over })

function answer(over: Partial<Ask> = {}) {
  const framed = frame(templateSpec('cooperative')!, ask(over))
  if (!framed.ok) throw new Error(framed.error)
  return { framed, r: search(framed.question) }
}

describe('fixedMembership search', () => {
  it('starts from a valid fixed-membership room: fixed_membership set and no participant role holding canAddParticipant', () => {
    const { framed } = answer()
    const room = framed.question.start.state.room
    expect(room.base.fixedMembership).toBe(true)
    expect(room.roles.roles.filter((r) => r.index > 1 && r.capabilities.includes('canAddParticipant'))).toEqual([])
    expect(framed.framing.adjustments.join(' ')).toContain('canAddParticipant removed from ordinary_user, group_admin, super_admin')
  })

  it('with the hub as policy_enforcer: an outsider gets a client into the fixed room in two commits, without ever being listed', () => {
    const { r } = answer()
    expect(r.kind).toBe('violated')
    if (r.kind !== 'violated') return
    expect(r.path).toHaveLength(2)
    const end = r.path[1]!.after
    const eve = worldUser('eve')
    expect(isActive(end, eve)).toBe(true)
    expect(roleIndexOf(end.room, eve)).toBe(0)
    expect(end.room.base.fixedMembership).toBe(true)
    expect(r.path[1]!.move.parts.map((p) => p.kind)).toEqual(['join'])
  })

  it('with hubRole=least_privilege no participant is gained within 4 commits (22 states)', () => {
    expect(answer({ hubRole: 'least_privilege' }).r).toMatchObject({ kind: 'none', complete: 4, states: 22 })
  })

  it('a policy file that sets fixedMembership while a participant role holds canAddParticipant is refused, naming the role', () => {
    const v = validatePolicy({ name: 'dm', roles: [{ index: 0, name: 'no_role', capabilities: [] }, { index: 2, name: 'member', capabilities: ['canAddParticipant'] }], base: { fixedMembership: true } })
    expect(v).toEqual({ ok: false, error: 'roles[1].capabilities: fixed_membership is set but role member holds canAddParticipant (remove canAddParticipant or set base.fixedMembership to false; POL §5)' })
  })
})
