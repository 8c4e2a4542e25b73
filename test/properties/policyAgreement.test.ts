import { describe, expect, it } from 'vitest'
import { policyAgreement } from '../../properties/index.js'
import { A1, ALICE, B1, BOB, E1, EVE, policy, runOf } from './fixtures.js'

const state = (actor: string, epoch: number, p: ReturnType<typeof policy>) => ({ type: 'client.state', actor, epoch, members: [A1, B1], policy: p, digest: 'd', removed: false })

describe('policyAgreement', () => {
  it('holds when honest members at each epoch hold the same policy', () => {
    const p = policy([ALICE, 3], [BOB, 2])
    expect(policyAgreement.holds(runOf([state(A1, 1, p), state(B1, 1, p)])).status).toBe('holds')
  })

  it('is violated when two honest members hold different participant lists at the same epoch', () => {
    const run = runOf([state(A1, 1, policy([ALICE, 3], [BOB, 2])), state(B1, 1, policy([ALICE, 3], [BOB, 2], [EVE, 2]))])
    expect(policyAgreement.holds(run)).toMatchObject({ status: 'violated', at: 1 })
  })

  it('allows different policies at different epochs', () => {
    const run = runOf([state(A1, 1, policy([ALICE, 3], [BOB, 2])), state(B1, 2, policy([ALICE, 3]))])
    expect(policyAgreement.holds(run).status).toBe('holds')
  })

  it('ignores malicious clients', () => {
    const run = runOf([state(A1, 1, policy([ALICE, 3], [BOB, 2])), state(E1, 1, policy([EVE, 4]))])
    expect(policyAgreement.holds(run).status).toBe('holds')
  })
})
