import { describe, expect, it } from 'vitest'
import type { TraceActor } from '../../sim/trace/events.js'
import { noEavesdropper } from '../../properties/index.js'
import { A1, B1, CATHY, created, E1, runOf } from './fixtures.js'

describe('noEavesdropper', () => {
  it('holds when only admitted participants decrypt', () => {
    expect(noEavesdropper.holds(runOf([created, { type: 'app.receive', actor: B1, sender: A1, text: 'hi' }])).status).toBe('holds')
  })

  it('is violated when a client outside the agreed policy decrypts, with that event as witness', () => {
    const v = noEavesdropper.holds(runOf([created, { type: 'app.receive', actor: E1, sender: A1, text: 'secret' }]))
    expect(v).toMatchObject({ status: 'violated', at: 1 })
    expect(v.explain).toContain('does not admit eve')
  })

  it('admits a user an honest participant added with a completed intent', () => {
    const C1 = 'mimi://c.example/d/cathy/1'
    const run = runOf([
      created,
      { type: 'intent.begin', actor: B1, action: 'add', target: CATHY, role: 2 },
      { type: 'intent.done', actor: B1, action: 'add', ok: true },
      { type: 'app.receive', actor: C1, sender: A1, text: 'welcome' },
    ])
    ;(run.actors as TraceActor[]).push({ id: C1, label: C1, kind: 'client', provider: 'mimi://c.example', user: CATHY, hubOf: [], malicious: false })
    expect(noEavesdropper.holds(run).status).toBe('holds')
  })

  it('ignores what a provider says: an acl update listing eve does not admit her', () => {
    const run = runOf([created, { type: 'acl.update', actor: A1, participants: [], used: true }, { type: 'app.receive', actor: E1, sender: A1, text: 's' }])
    expect(noEavesdropper.holds(run).status).toBe('violated')
  })

  it('does not count an intent the hub refused', () => {
    const run = runOf([
      created,
      { type: 'intent.begin', actor: B1, action: 'add', target: 'mimi://a.example/u/eve', role: 2 },
      { type: 'intent.done', actor: B1, action: 'add', ok: false },
      { type: 'app.receive', actor: E1, sender: A1, text: 's' },
    ])
    expect(noEavesdropper.holds(run).status).toBe('violated')
  })
})
