/**
 * Scenario S3 (digest §7; POL §4, §8.6, Appendix A): the escalation search finds, from the
 * cooperative template and with no hint of the answer, a two-commit path by which the hub — which
 * holds policy_enforcer and so lacks canAddParticipant — gets an outsider admitted; and
 * hubRole=least_privilege closes every such path.
 */
import { describe, expect, it } from 'vitest'
import { authorize } from '../../../model/policy/index.js'
import { type Ask, admitted, frame, membersOf, search, templateSpec, worldUser } from '../../../sim/escalate/index.js'

const ask = (over: Partial<Ask>): Ask => ({ property: 'hubLeastPrivilege', hubRole: 'policy_enforcer', variant: 'draft', depth: 4, maxStates: 200_000, ...over })

function answer(over: Partial<Ask>) {
  const framed = frame(templateSpec('cooperative')!, ask(over))
  if (!framed.ok) throw new Error(framed.error)
  return { q: framed.question, r: search(framed.question) }
}

describe('S3: the hub escalates from policy_enforcer in two commits', () => {
  const { q, r } = answer({})

  it('finds a path of exactly two commits, and none of one', () => {
    expect(r.kind).toBe('violated')
    if (r.kind !== 'violated') return
    expect(r.path).toHaveLength(2)
    expect(answer({ depth: 1 }).r.kind).toBe('none')
  })

  it('starts with the hub exercising a definition-changing capability, and ends with eve admitted', () => {
    if (r.kind !== 'violated') throw new Error('no path')
    const first = r.path[0]!
    expect(first.move.sender.kind).toBe('external')
    expect(first.used.map((u) => u.capability)).toEqual([expect.stringMatching(/^canChange(PreauthorizedUserList|RoleDefinitions)$/)])
    expect(first.committer.kind).toBe('member')
    expect(admitted(r.path[1]!.after, worldUser('eve'))).toBe(true)
    expect(q.start.participants).not.toContain(worldUser('eve'))
  })

  it('every step, replayed through authorize from the state before it, is allowed and gives the state after it', () => {
    if (r.kind !== 'violated') throw new Error('no path')
    let s = q.start.state
    for (const t of r.path) {
      const v = authorize(s.room, { committer: t.committer, parts: t.move.parts, members: membersOf(s) })
      expect(v.kind).toBe('allowed')
      if (v.kind === 'allowed') expect(v.after).toEqual(t.after.room)
      s = t.after
    }
  })

  it('finds both S3 variants among the shortest paths: a preauth rewrite and a roles_list rewrite', () => {
    if (r.kind !== 'violated') throw new Error('no path')
    const firsts = r.kept.map((p) => p[0]!.used.map((u) => u.capability).join('+')).sort()
    expect(firsts).toEqual(['canChangePreauthorizedUserList', 'canChangeRoleDefinitions'])
  })

  it('hubRole=least_privilege leaves the hub nothing that admits anyone: the whole reachable space is 5 states', () => {
    const lp = answer({ hubRole: 'least_privilege' }).r
    expect(lp).toMatchObject({ kind: 'none', exhausted: true, states: 5 })
  })

  it('as an escalation question: the hub comes to hold canAddParticipant in one commit, and never under least_privilege', () => {
    const pe = answer({ property: 'escalation', from: 'hub', gains: 'canAddParticipant' }).r
    expect(pe.kind === 'violated' && pe.path.length).toBe(1)
    expect(answer({ property: 'escalation', from: 'hub', gains: 'canAddParticipant', hubRole: 'least_privilege' }).r.kind).toBe('none')
  })

  it('is deterministic: the same question gives the same path', () => {
    const again = answer({}).r
    expect(JSON.stringify(again)).toBe(JSON.stringify(r))
  })
})
