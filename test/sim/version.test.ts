import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TOOL_VERSION } from '../../sim/version.js'
import { ROOT } from '../helpers.js'

describe('tool version', () => {
  it('the version written into every trace is package.json\'s', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string }
    expect(TOOL_VERSION).toBe(`${pkg.name} ${pkg.version}`)
  })
})
