/**
 * The fixedMembership question (POL §5; digest S9): can a room created with fixed_membership ever
 * gain a participant? Searched with every principal acting, on the cooperative template made a valid
 * fixed-membership room (canAddParticipant taken from every participant role, as POL §5 requires).
 */
import { describe, expect, it } from 'vitest'
import { type Ask, frame, search, templateSpec, validatePolicy } from '../../../sim/escalate/index.js'

const ask = (over: Partial<Ask> = {}): Ask => ({ property: 'fixedMembership', hubRole: 'policy_enforcer', variant: 'draft', depth: 4, maxStates: 200_000, ...over })

function framed(over: Partial<Ask> = {}) {
  const f = frame(templateSpec('cooperative')!, ask(over))
  if (!f.ok) throw new Error(f.error)
  return f
}

function answer(over: Partial<Ask> = {}) {
  const f = framed(over)
  return { framed: f, r: search(f.question) }
}

describe('fixedMembership search', () => {
  it('starts from a valid fixed-membership room: fixed_membership set and no participant role holding canAddParticipant', () => {
    const f = framed()
    const room = f.question.start.state.room
    expect(room.base.fixedMembership).toBe(true)
    expect(room.roles.roles.filter((r) => r.index > 1 && r.capabilities.includes('canAddParticipant'))).toEqual([])
    expect(f.framing.adjustments.join(' ')).toContain('canAddParticipant removed from ordinary_user, group_admin, super_admin')
  })

  it('with the hub as policy_enforcer, no outsider gets in within 2 commits (2025 states): a self-join is judged by the listing it leads to', () => {
    expect(answer({ depth: 2 }).r).toMatchObject({ kind: 'none', complete: 2, states: 2025 })
  })

  it('with hubRole=least_privilege no participant is gained within 4 commits (22 states)', () => {
    expect(answer({ hubRole: 'least_privilege' }).r).toMatchObject({ kind: 'none', complete: 4, states: 22 })
  })

  it('a policy file that sets fixedMembership while a participant role holds canAddParticipant is refused, naming the role', () => {
    const v = validatePolicy({ name: 'dm', roles: [{ index: 0, name: 'no_role', capabilities: [] }, { index: 2, name: 'member', capabilities: ['canAddParticipant'] }], base: { fixedMembership: true } })
    expect(v).toEqual({ ok: false, error: 'roles[1].capabilities: fixed_membership is set but role member holds canAddParticipant (remove canAddParticipant or set base.fixedMembership to false; POL §5)' })
  })
})
