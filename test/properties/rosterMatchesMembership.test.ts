import { describe, expect, it } from 'vitest'
import type { TraceActor } from '../../sim/trace/events.js'
import { rosterMatchesMembership } from '../../properties/index.js'
import { A1, ACTORS, ALICE, B1, BOB, E1, policy, runOf } from './fixtures.js'

const state = (members: string[], p: ReturnType<typeof policy>) => ({ type: 'client.state', actor: A1, members, policy: p, digest: 'd', removed: false })

describe('rosterMatchesMembership', () => {
  it('holds when every member belongs to a participant and every active participant has all its clients', () => {
    expect(rosterMatchesMembership.holds(runOf([state([A1, B1], policy([ALICE, 3], [BOB, 2]))])).status).toBe('holds')
  })

  it('holds for an inactive participant (listed, no clients)', () => {
    expect(rosterMatchesMembership.holds(runOf([state([A1], policy([ALICE, 3], [BOB, 2]))])).status).toBe('holds')
  })

  it('is violated by a member whose user is not a participant', () => {
    const v = rosterMatchesMembership.holds(runOf([state([A1, B1, E1], policy([ALICE, 3], [BOB, 2]))]))
    expect(v).toMatchObject({ status: 'violated', at: 0 })
    expect(v.explain).toContain('eve/1')
  })

  it('is violated by a participant with only some of its clients in the group', () => {
    const B2 = 'mimi://b.example/d/bob/2'
    const run = runOf([state([A1, B1], policy([ALICE, 3], [BOB, 2]))])
    ;(run.actors as TraceActor[]).push({ ...ACTORS[2]!, id: B2, label: B2 })
    expect(rosterMatchesMembership.holds(run)).toMatchObject({ status: 'violated' })
  })
})
