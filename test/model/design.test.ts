import { describe, expect, it } from 'vitest'
import { allDesigns, applyDesign, DEFAULT_DESIGN, designLabel } from '../../model/design.js'

describe('design knobs', () => {
  it('applies a valid override', () => {
    expect(applyDesign(DEFAULT_DESIGN, { policy: 'service' })).toEqual({ ok: true, design: { policy: 'service' } })
  })

  it('names an unknown key and lists the valid ones', () => {
    expect(applyDesign(DEFAULT_DESIGN, { hubRole: 'x' })).toEqual({ ok: false, error: 'unknown design key "hubRole" (valid: policy)' })
  })

  it('names an unknown value and lists the valid ones', () => {
    expect(applyDesign(DEFAULT_DESIGN, { policy: 'hub' })).toEqual({ ok: false, error: 'design policy: unknown value "hub" (valid: service, mls)' })
  })

  it('enumerates every complete design in a stable order', () => {
    expect(allDesigns().map(designLabel)).toEqual(['policy=service', 'policy=mls'])
  })
})
