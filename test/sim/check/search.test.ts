import { describe, expect, it } from 'vitest'
import { noEavesdropper, policyAgreement, rosterMatchesMembership } from '../../../properties/index.js'
import { check, SMALL_WORLD } from '../../../sim/check/index.js'

const search = (property: typeof noEavesdropper, policy: 'service' | 'mls', runs = 500, seed = 1) =>
  check({ world: SMALL_WORLD, design: { policy }, property, runs, seed, maxSteps: 8 })

describe('property search over the small world', () => {
  it('finds the S2 eavesdropper under policy=service and shrinks it to 2 steps: eve is let in (her external join, or the hub\'s injected Add), then a member sends', async () => {
    const r = await search(noEavesdropper, 'service')
    expect(r.violation).not.toBeNull()
    expect(r.violation!.length).toBe(2)
    const [first, second] = r.violation!.steps
    expect([{ actor: 'eve', do: 'externalJoin', room: 'clubhouse' }, { actor: 'a.example', do: 'injectAdd', room: 'clubhouse', target: 'eve' }]).toContainEqual(first)
    expect(second).toMatchObject({ do: 'send', room: 'clubhouse' })
  })

  it('replays the symbolic counterexample with real MLS and confirms it', async () => {
    const r = await search(noEavesdropper, 'service', 200)
    expect(r.violation!.confirmed).toBe(true)
    expect(r.violation!.realTrace!.meta.engine).toBe('real')
    expect(r.violation!.realTrace!.verdicts[0]!.status).toBe('violated')
  })

  it('finds the same shortest counterexample length from other seeds', async () => {
    for (const seed of [2, 3, 4]) expect((await search(noEavesdropper, 'service', 300, seed)).violation?.length).toBe(2)
  })

  it('finds a forged ACL under policy=service in 1 step: policyAgreement breaks', async () => {
    const r = await search(policyAgreement, 'service')
    expect(r.violation!.length).toBe(1)
    expect(r.violation!.steps[0]).toMatchObject({ do: 'forgeAcl' })
  })

  it('finds no violation of any property under policy=mls within the default budget', async () => {
    for (const p of [noEavesdropper, policyAgreement, rosterMatchesMembership]) expect((await search(p, 'mls')).violation).toBeNull()
  })

  it('is deterministic: the same fast-check seed finds the same counterexample', async () => {
    const a = await search(noEavesdropper, 'service', 200, 9)
    const b = await search(noEavesdropper, 'service', 200, 9)
    expect(b.violation!.steps).toEqual(a.violation!.steps)
    expect(b.violation!.choices).toEqual(a.violation!.choices)
  })
})
