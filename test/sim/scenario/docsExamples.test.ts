/**
 * The JSON examples of docs/scenario-format.md are true: every complete scenario validates and meets
 * the expectations it states under every design; every room, step, edit list and expect fragment
 * validates in place in a scenario that declares the names it uses (test/sim/scenario/fixtures.ts).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { allDesigns, designLabel } from '../../../model/design.js'
import { PROPERTIES } from '../../../properties/index.js'
import { runScenario } from '../../../sim/runner.js'
import { validateScenario } from '../../../sim/scenario/index.js'
import { ROOT } from '../../helpers.js'
import { policyScenario } from './fixtures.js'

const NAMES = PROPERTIES.map((p) => p.id)
const DOC = readFileSync(join(ROOT, 'docs', 'scenario-format.md'), 'utf8')

/** The top-level JSON texts in a code block: one document, a fragment of keys, or objects one after another. */
function values(block: string): unknown[] {
  for (const text of [block, `{${block}}`]) {
    try {
      return [JSON.parse(text)]
    } catch {
      // not one value: try the next reading
    }
  }
  const out: unknown[] = []
  let depth = 0
  let start = -1
  let inString = false
  for (let k = 0; k < block.length; k++) {
    const ch = block[k]!
    if (inString) {
      if (ch === '\\') k++
      else if (ch === '"') inString = false
    } else if (ch === '"') inString = true
    else if (ch === '{') (depth++ === 0 ? (start = k) : 0)
    else if (ch === '}' && --depth === 0) out.push(JSON.parse(block.slice(start, k + 1)))
  }
  return out
}

const examples = [...DOC.matchAll(/```json\n([\s\S]*?)```/g)].flatMap((m) => values(m[1]!)) as Record<string, any>[]
const scenarios = examples.filter((e) => 'name' in e)
const steps = examples.filter((e) => 'do' in e)
const rooms = examples.filter((e) => 'hub' in e && 'kind' in e)
const fragments = examples.filter((e) => !('name' in e) && !('do' in e) && ('edits' in e || 'expect' in e))

const accepted = (s: unknown) => {
  const r = validateScenario(s, NAMES)
  return r.ok ? 'ok' : r.error
}

describe('docs/scenario-format.md examples', () => {
  it('has the examples this test checks: complete scenarios, steps, rooms and fragments', () => {
    expect(examples).toHaveLength(scenarios.length + steps.length + rooms.length + fragments.length)
    expect(scenarios.length).toBeGreaterThanOrEqual(4)
    expect(steps.length).toBeGreaterThanOrEqual(8)
    expect(rooms.length).toBeGreaterThanOrEqual(5)
    expect(fragments.length).toBeGreaterThanOrEqual(2)
  })

  for (const s of scenarios) {
    it(`the complete scenario "${s.name}" validates and meets its expectations under every design`, async () => {
      expect(accepted(s)).toBe('ok')
      for (const design of allDesigns()) {
        const r = await runScenario(s as never, { design, engine: 'symbolic', seed: 0, properties: PROPERTIES })
        const unmet = r.trace.verdicts.filter((v) => v.expected !== null && v.expected !== v.status).map((v) => `${designLabel(design)} ${v.property}: ${v.status}`)
        expect(unmet).toEqual([])
      }
    })
  }

  it('every step example validates as a step of a room that has its users', () => {
    for (const step of steps) {
      const s = policyScenario()
      s.steps = [step]
      expect([JSON.stringify(step), accepted(s)]).toEqual([JSON.stringify(step), 'ok'])
    }
  })

  it('every room example validates as the only room of a world that declares its users', () => {
    for (const room of rooms) {
      const s = policyScenario()
      s.rooms = [room]
      s.steps = []
      expect([room.id, accepted(s)]).toEqual([room.id, 'ok'])
    }
  })

  it('every edits and expect fragment validates in place', () => {
    for (const f of fragments) {
      const s = policyScenario()
      if (f.edits) s.steps = [{ actor: 'alice', do: 'edit', room: 'clubhouse', edits: f.edits }]
      if (f.expect) s.expect = f.expect
      expect(accepted(s)).toBe('ok')
    }
  })
})
