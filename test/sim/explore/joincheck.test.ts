/**
 * The joiner's check (model/client/joinCheck.ts, POL §1) closes the counterexample `explore` found in
 * S2's world under policy=mls (docs/findings.md, finding 6): the hub lists eve in its own view, admits
 * her by external commit, and hands its GroupInfo to bob, whom alice removed; bob rejoined without
 * looking at the members and sent, and eve read it. That needed 5 steps (34 transitions); the
 * bound here is the one it was found under. Under policy=service nothing changes: the catalogue's S2
 * and test/model/client/joinCheck.test.ts hold that side.
 */
import { describe, expect, it } from 'vitest'
import { noEavesdropper } from '../../../properties/index.js'
import { buildModel, explore } from '../../../sim/explore/index.js'
import type { Scenario } from '../../../sim/scenario/types.js'
import { run } from '../../helpers.js'
import { S2_WORLD } from './worlds.js'

/** The counterexample's steps; delivered in the quiet order (every choice 0), as it was found. */
const REJOIN: Scenario = {
  ...S2_WORLD,
  name: 'rejoin-from-hub-groupinfo',
  expect: {},
  steps: [
    { actor: 'a.example', do: 'injectAdd', room: 'clubhouse', target: 'eve' },
    { actor: 'alice', do: 'remove', room: 'clubhouse', target: 'bob' },
    { actor: 'eve', do: 'externalJoin', room: 'clubhouse' },
    { actor: 'bob', do: 'externalJoin', room: 'clubhouse' },
    { actor: 'bob', do: 'send', room: 'clubhouse', text: 'secret from bob' },
  ],
} as Scenario

describe('an honest joiner checks the group it joins (policy=mls)', () => {
  // 5 steps is the least bound at which the eavesdrop existed without the check (the peer benchmark
  // exhausts 6 steps, 461,426 states, in bench/peers).
  it('in S2\'s world under policy=mls no eavesdropper exists within 5 steps: the state space is exhausted', async () => {
    const m = await buildModel(S2_WORLD, { design: { policy: 'mls' }, properties: [noEavesdropper], maxSteps: 5 })
    const r = explore(m, { depth: 200 })
    expect(r.found).toEqual([])
    expect(r.stopped).toBe('exhausted')
  })

  for (const engine of ['symbolic', 'real'] as const) {
    it(`the counterexample's steps no longer let eve read: bob refuses the hub's GroupInfo that shows her (${engine} MLS)`, async () => {
      const r = await run(REJOIN, { policy: 'mls' }, engine)
      const verdict = r.trace.verdicts.find((v) => v.property === 'noEavesdropper')
      expect(verdict?.status).toBe('holds')
      const ev = r.trace.events
      expect(ev.find((e) => e.type === 'mls.refuseJoin')).toMatchObject({ actor: 'mimi://b.example/d/bob/1', via: 'external', member: 'mimi://a.example/d/eve/1' })
      expect(ev.some((e) => e.type === 'app.receive' && e.actor === 'mimi://a.example/d/eve/1')).toBe(false)
    })
  }
})
