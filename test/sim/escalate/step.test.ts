/**
 * Taking one move (sim/escalate/step.ts): who commits it, and that `authorize` alone decides.
 * A leaver's removal is committed by another member (POL §8.1.2; RFC 9420 §12.2), a hub proposal
 * by an honest member (PROTO §3.5), an external join by the joiner itself (RFC 9420 §12.4.3.2).
 */
import { describe, expect, it } from 'vitest'
import { type Ask, frame, movesOf, take, templateSpec, worldUser } from '../../../sim/escalate/index.js'

const framed = frame(templateSpec('cooperative')!, { property: 'escalation', from: 'hub', gains: 'canAddParticipant', hubRole: 'policy_enforcer', variant: 'draft', depth: 1, maxStates: 10 } as Ask)
if (!framed.ok) throw new Error(framed.error)
const q = framed.question
const s = q.start.state
const bob = worldUser('bob')
const eve = worldUser('eve')
const move = (who: typeof bob | 'hub', label: string) => {
  const m = movesOf(s, who, 'full', q.alphabet).find((x) => x.label === label)
  if (!m) throw new Error(`no move "${label}"`)
  return m
}

describe('taking a move', () => {
  it('a member\'s leave is committed by another member, never by the leaver', () => {
    const t = take(s, move(bob, 'participant_list -bob, Remove bob/1'), 'draft')
    expect(t?.committer).toMatchObject({ kind: 'member', user: worldUser('alice') })
    expect(t?.after.active).toEqual([worldUser('alice')])
    expect(t?.used.map((u) => u.capability).sort()).toEqual(['canRemoveOwnClient', 'canRemoveSelf'])
  })

  it('a hub proposal is committed by an honest member, and refused when the hub\'s role lacks the capability', () => {
    const t = take(s, move('hub', 'preauth_list: put hub → super_admin first'), 'draft')
    expect(t?.committer).toMatchObject({ kind: 'member', user: worldUser('alice') })
    expect(take(s, move('hub', 'participant_list +eve:ordinary_user, Add eve/1'), 'draft')).toBeNull()
  })

  it('an outsider\'s external join is its own commit, and is refused while no self-join path exists', () => {
    const join = movesOf(s, eve, 'self', q.alphabet)
    expect(join.map((m) => m.label)).toEqual(['external commit: eve joins with eve/1'])
    expect(take(s, join[0]!, 'draft')).toBeNull()
  })
})
