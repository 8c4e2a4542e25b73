/** Keeps the catalogue honest: a property added to PROPERTIES without its own unit-test file fails here. */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { PROPERTIES } from '../../properties/index.js'

const here = fileURLToPath(new URL('.', import.meta.url))

describe('the property catalogue', () => {
  it.each(PROPERTIES.map((p) => p.id))('%s has its own test file, named after it, that describes and runs it', (id) => {
    const file = `${here}${id}.test.ts`
    expect(existsSync(file), `test/properties/${id}.test.ts is missing`).toBe(true)
    const text = readFileSync(file, 'utf8')
    expect(text).toContain(`describe('${id}'`)
    expect(text).toContain(`${id}.holds(`)
  })
})
