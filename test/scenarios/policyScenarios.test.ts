/**
 * The room-policy scenarios (digest S3, S5, S6, S7, S9, S19, S20): each attack is found where the
 * texts say it succeeds, and each refusal names its rule. The catalogue test checks every verdict
 * under every design and engine; these check that the verdicts come for the stated reasons.
 */
import { describe, expect, it } from 'vitest'
import type { TraceEvent } from '../../sim/trace/events.js'
import { run, scenario } from '../helpers.js'

const verdict = (r: Awaited<ReturnType<typeof run>>, p: string) => r.trace.verdicts.find((v) => v.property === p)!
const events = <T extends TraceEvent['type']>(r: Awaited<ReturnType<typeof run>>, type: T) => r.trace.events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type)

describe('S3 policy-enforcer-escalation', () => {
  it('under policy=mls with the draft\'s policy_enforcer hub, honest clients accept the hub\'s preauth rewrite and eve reads the room', async () => {
    const r = await run(scenario('policy-enforcer-escalation'), { policy: 'mls' }, 'real')
    const v = verdict(r, 'hubLeastPrivilege')
    expect(v.status).toBe('violated')
    const witness = r.trace.events[v.at!]!
    expect(witness).toMatchObject({ type: 'policy.change' })
    expect((witness as Extract<TraceEvent, { type: 'policy.change' }>).used).toContainEqual(['mimi://a.example', 'canChangePreauthorizedUserList'])
    expect(r.trace.events[verdict(r, 'noEavesdropper').at!]).toMatchObject({ type: 'app.receive', actor: 'mimi://a.example/d/eve/1' })
  })

  it('with hubRole=least_privilege every honest client rejects the hub\'s proposal, naming the capability it lacks', async () => {
    const r = await run(scenario('policy-enforcer-escalation'), { policy: 'mls', hubRole: 'least_privilege' }, 'symbolic')
    const rejects = events(r, 'mls.reject')
    expect(rejects.filter((e) => e.what === 'proposal').map((e) => e.actor).sort()).toEqual(['mimi://a.example/d/alice/1', 'mimi://b.example/d/bob/1'])
    for (const e of rejects.filter((x) => x.what === 'proposal')) expect(e.reason).toContain('lacks canChangePreauthorizedUserList')
    expect(events(r, 'app.receive').some((e) => e.actor.includes('/eve/'))).toBe(false)
  })
})

describe('S5 ban-evasion-preauth', () => {
  it('under policy=mls honest clients refuse the banned user\'s external commit although preauth matches him', async () => {
    const r = await run(scenario('ban-evasion-preauth'), { policy: 'mls' }, 'real')
    const rejects = events(r, 'mls.reject').filter((e) => e.sender === 'mimi://b.example/d/bob/1')
    expect(rejects.length).toBeGreaterThanOrEqual(2)
    for (const e of rejects) expect(e.reason).toMatch(/bob is banned|lacks canChangeOwnRole/)
    expect(verdict(r, 'bannedStaysBanned').status).toBe('holds')
  })

  it('under policy=service the colluding hub lists him again and clients take him back', async () => {
    const r = await run(scenario('ban-evasion-preauth'), { policy: 'service' }, 'symbolic')
    expect(events(r, 'attack.admit')).toHaveLength(1)
    expect(verdict(r, 'bannedStaysBanned').status).toBe('violated')
  })
})

describe('S6 removed-client-keeps-talking', () => {
  it('the hub refuses the removed client\'s message (not a member) and its commit (old epoch), under both designs', async () => {
    for (const policy of ['service', 'mls'] as const) {
      const r = await run(scenario('removed-client-keeps-talking'), { policy }, 'symbolic')
      const bob = events(r, 'intent.done').filter((e) => e.actor === 'mimi://b.example/d/bob/1')
      expect(bob.map((e) => [e.action, e.ok])).toEqual([['send', false], ['add', false]])
      expect(bob[0]!.explain).toContain('not a member')
      expect(bob[1]!.explain).toContain('wrongEpoch')
      expect(events(r, 'app.receive').some((e) => e.actor.includes('/bob/'))).toBe(false)
    }
  })
})

describe('S7 leave-vs-external-commit', () => {
  it('a hub that forgets the invalidated leave proposals leaves bob in: leaverEventuallyRemoved is violated (the attack is found)', async () => {
    const r = await run(scenario('leave-vs-external-commit'), { policy: 'mls' }, 'real')
    expect(events(r, 'attack.forget')).toHaveLength(1)
    expect(verdict(r, 'leaverEventuallyRemoved').status).toBe('violated')
  })

  it('an honest hub re-issues them in the new epoch, and bob ends out of the group and off the list', async () => {
    const s = scenario('leave-vs-external-commit')
    const honest = { ...s, providers: s.providers.map((p) => ({ id: p.id })) }
    for (const policy of ['service', 'mls'] as const) {
      for (const engine of ['symbolic', 'real'] as const) {
        const r = await run(honest, { policy }, engine)
        expect(events(r, 'hub.propose').some((e) => e.reissue), `${policy} ${engine}`).toBe(true)
        expect(verdict(r, 'leaverEventuallyRemoved').status, `${policy} ${engine}`).toBe('holds')
      }
    }
  })
})

describe('S9 dm-immutability', () => {
  it('nobody in a DM may lift fixed membership; the hub\'s attempt is refused by clients under policy=mls', async () => {
    const r = await run(scenario('dm-immutability'), { policy: 'mls' }, 'symbolic')
    const hubRefusal = events(r, 'policy.reject').find((e) => e.subject === 'mimi://b.example/d/bob/1')
    expect(hubRefusal?.reason).toContain('lacks canChangeRoomMembershipStyle')
    const clientRefusals = events(r, 'mls.reject').filter((e) => e.sender === 'mimi://a.example')
    expect(clientRefusals.some((e) => e.reason.includes('lacks canChangeRoomMembershipStyle'))).toBe(true)
    expect(verdict(r, 'noEavesdropper').status).toBe('holds')
  })
})

describe('S19 divergent-policy-engines', () => {
  it('two readings of kick fork the group under policy=mls, and one reading for all does not (differential run)', async () => {
    const s = scenario('divergent-policy-engines')
    const divergent = await run(s, { policy: 'mls' }, 'real')
    expect(verdict(divergent, 'noFork').status).toBe('violated')
    expect(events(divergent, 'mls.reject').map((e) => e.actor)).toEqual(['mimi://c.example/d/cathy/1'])
    const uniform = await run({ ...s, users: s.users.map(({ policyEngine: _p, ...u }) => u) }, { policy: 'mls' }, 'real')
    expect(verdict(uniform, 'noFork').status).toBe('holds')
    expect(events(uniform, 'mls.reject')).toEqual([])
  })
})

describe('S20 role-constraints', () => {
  it('each constraint refuses its commit, naming the rule, under both designs', async () => {
    for (const policy of ['service', 'mls'] as const) {
      const r = await run(scenario('role-constraints'), { policy }, 'symbolic')
      const rules = events(r, 'policy.reject').map((e) => e.rule)
      expect(rules, policy).toEqual(['minParticipants', 'maxUsers', 'userTouchedTwice', 'rolesWithParticipantChange'])
      expect(events(r, 'intent.done').filter((e) => !e.ok)).toHaveLength(4)
    }
  })
})
