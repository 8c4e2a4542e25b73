import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { categoryOf, isKnownType } from '../../../viz/layout/kinds.js'
import { ROOT } from '../../helpers.js'

/** The event types docs/trace-format.md documents, one table row each. */
const documented = [...readFileSync(join(ROOT, 'docs', 'trace-format.md'), 'utf8').matchAll(/^\| `([a-z]+\.[A-Za-z]+)` \|/gm)].map((m) => m[1]!)

describe('event kinds in the viewer', () => {
  it('knows every event type docs/trace-format.md documents, none drawn as a generic mark', () => {
    expect(documented.length).toBeGreaterThanOrEqual(30)
    expect(documented.filter((t) => !isKnownType(t) || categoryOf(t) === 'other')).toEqual([])
  })

  it('draws a joiner refusing a group as a rejection', () => {
    expect(categoryOf('mls.refuseJoin')).toBe('reject')
  })
})
