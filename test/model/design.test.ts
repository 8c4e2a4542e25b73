import { describe, expect, it } from 'vitest'
import { allDesigns, applyDesign, DEFAULT_DESIGN, designLabel } from '../../model/design.js'

describe('design knobs', () => {
  it('applies a valid override and keeps the other knobs', () => {
    expect(applyDesign(DEFAULT_DESIGN, { policy: 'service' })).toEqual({ ok: true, design: { hubRole: 'policy_enforcer', policy: 'service' } })
    expect(applyDesign(DEFAULT_DESIGN, { hubRole: 'least_privilege' })).toEqual({ ok: true, design: { hubRole: 'least_privilege', policy: 'mls' } })
  })

  it('names an unknown key and lists the valid ones', () => {
    expect(applyDesign(DEFAULT_DESIGN, { consent: 'x' })).toEqual({ ok: false, error: 'unknown design key "consent" (valid: hubRole, policy)' })
  })

  it('names an unknown value and lists the valid ones', () => {
    expect(applyDesign(DEFAULT_DESIGN, { policy: 'hub' })).toEqual({ ok: false, error: 'design policy: unknown value "hub" (valid: service, mls)' })
    expect(applyDesign(DEFAULT_DESIGN, { hubRole: 'admin' })).toEqual({ ok: false, error: 'design hubRole: unknown value "admin" (valid: policy_enforcer, least_privilege)' })
  })

  it('enumerates every complete design in a stable order', () => {
    expect(allDesigns().map(designLabel)).toEqual([
      'hubRole=policy_enforcer,policy=service',
      'hubRole=policy_enforcer,policy=mls',
      'hubRole=least_privilege,policy=service',
      'hubRole=least_privilege,policy=mls',
    ])
  })
})
