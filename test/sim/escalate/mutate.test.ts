/**
 * The fast-check arbitrary over role sets (sim/escalate/mutate.ts): mutations apply as described,
 * and the search over mutated Appendix A role sets finds — and shrinks to one change — a role set
 * in which an ordinary user, acting alone, comes to hold canBan (POL §3, §8.1.3).
 */
import { describe, expect, it } from 'vitest'
import { roleSet } from '../../../model/policy/index.js'
import { type Ask, applyMutations, askMutated, describeMutation, findBreakingRoleSet, templateSpec } from '../../../sim/escalate/index.js'

const cooperative = roleSet('cooperative')!
const role = (set: typeof cooperative, i: number) => set.roles.find((r) => r.index === i)!

describe('role-set mutations', () => {
  it('grant and revoke change one role\'s capabilities; allow and disallow one authorized_role_changes target', () => {
    const m = applyMutations(cooperative, [
      { op: 'grant', role: 2, capability: 'canBan' },
      { op: 'revoke', role: 2, capability: 'canAddParticipant' },
      { op: 'allow', role: 2, from: 0, to: 3 },
      { op: 'disallow', role: 2, from: 2, to: 0 },
    ])
    expect(role(m, 2).capabilities).toContain('canBan')
    expect(role(m, 2).capabilities).not.toContain('canAddParticipant')
    expect(role(m, 2).changes).toEqual([[0, [2, 3]]])
    expect(role(m, 3)).toEqual(role(cooperative, 3))
    expect(describeMutation(cooperative, { op: 'allow', role: 2, from: 0, to: 3 })).toBe('let ordinary_user move no_role → group_admin')
  })
})

describe('search over mutated role sets', () => {
  const spec = templateSpec('cooperative')!
  const ask: Ask = { property: 'escalation', from: 'ordinary_user', gains: 'canBan', hubRole: 'least_privilege', variant: 'draft', depth: 2, maxStates: 20_000 }

  it('the template itself holds: an ordinary user alone never comes to hold canBan', () => {
    expect(askMutated(spec, [], ask)?.kind).toBe('none')
  })

  it('finds a breaking role set and shrinks it to a single mutation (seed 1)', () => {
    const { found } = findBreakingRoleSet(spec, ask, { seed: 1, runs: 200 })
    expect(found).not.toBeNull()
    if (!found) return
    expect(found.mutations).toHaveLength(1)
    expect(found.result.kind).toBe('violated')
    expect(askMutated(spec, found.mutations, ask)?.kind).toBe('violated')
    // Pinned regression: granting canBan to role 0 arms every non-participant, so the ordinary user
    // who leaves (canRemoveSelf) holds it — one commit.
    expect(found.mutations.map((m) => describeMutation(spec.roles, m))).toEqual(['grant canBan to no_role'])
    expect(found.result.path.map((t) => t.move.label)).toEqual(['participant_list -bob, Remove bob/1'])
  })

  it('the same seed finds the same role set', () => {
    const a = findBreakingRoleSet(spec, ask, { seed: 7, runs: 30 })
    const b = findBreakingRoleSet(spec, ask, { seed: 7, runs: 30 })
    expect(JSON.stringify(a.found?.mutations)).toBe(JSON.stringify(b.found?.mutations))
  })
})
