import { describe, expect, it } from 'vitest'
import { allDesigns, designLabel } from '../../model/design.js'
import { catalogue, run, scenario } from '../helpers.js'

describe('the scenario catalogue', () => {
  for (const s of catalogue()) {
    for (const design of allDesigns()) {
      for (const engine of ['symbolic', 'real'] as const) {
        it(`${s.name} meets its expectations under ${designLabel(design)} with ${engine} MLS`, async () => {
          const r = await run(s, design, engine)
          const unmet = r.trace.verdicts.filter((v) => v.expected !== null && v.expected !== v.status)
          expect(unmet).toEqual([])
          expect(r.expectationsMet).toBe(true)
        })
      }
    }
  }
})

describe('S2 hub-injects-eavesdropper', () => {
  it('under policy=service the injected eavesdropper decrypts the room (the attack is found)', async () => {
    const r = await run(scenario('hub-injects-eavesdropper'), { policy: 'service' }, 'real')
    const v = r.trace.verdicts.find((x) => x.property === 'noEavesdropper')!
    expect(v.status).toBe('violated')
    const witness = r.trace.events[v.at!]!
    expect(witness).toMatchObject({ type: 'app.receive', actor: 'mimi://a.example/d/eve/1' })
  })

  it('under policy=mls every honest client rejects the injected Add and the external join, naming the policy rule', async () => {
    const r = await run(scenario('hub-injects-eavesdropper'), { policy: 'mls' }, 'real')
    const rejects = r.trace.events.filter((e) => e.type === 'mls.reject')
    expect(rejects.map((e) => e.actor).sort()).toEqual([
      'mimi://a.example/d/alice/1',
      'mimi://a.example/d/alice/1',
      'mimi://b.example/d/bob/1',
      'mimi://b.example/d/bob/1',
    ])
    for (const e of rejects) expect(e.explain).toContain('not in the participant list')
  })

  it('under policy=mls with real MLS the forged member\'s decryption fails with ts-mls\'s own error', async () => {
    const r = await run(scenario('hub-injects-eavesdropper'), { policy: 'mls' }, 'real')
    const fail = r.trace.events.find((e) => e.type === 'mls.fail' && e.actor === 'mimi://a.example/d/eve/1')
    expect(fail).toBeDefined()
    expect(fail).toMatchObject({ what: 'application' })
    expect((fail as { error: string }).error).toMatch(/^(ValidationError|CryptoError|CryptoVerificationError): /)
    expect(r.trace.events.some((e) => e.type === 'app.receive' && e.actor.includes('/eve/'))).toBe(false)
  })
})

describe('S1 baseline-add', () => {
  it('adds both of cathy\'s clients in one commit, and removes them again, under both designs', async () => {
    for (const design of allDesigns()) {
      const r = await run(scenario('baseline-add'), design, 'symbolic')
      const commits = r.trace.events.filter((e) => e.type === 'mls.commit' && e.step >= 0)
      expect(commits[0]).toMatchObject({ adds: ['mimi://c.example/d/cathy/1', 'mimi://c.example/d/cathy/2'] })
      expect(commits.some((e) => e.type === 'mls.commit' && e.removes.length === 2)).toBe(true)
      const last = [...r.trace.events].reverse().find((e) => e.type === 'client.state' && e.actor.includes('/bob/'))
      expect(last).toMatchObject({ members: ['mimi://a.example/d/alice/1', 'mimi://b.example/d/bob/1'] })
    }
  })
})
