/**
 * The hub's checks (draft-ietf-mimi-protocol-06 §5.3, §5.4, §5.6), seen through whole runs: an
 * honest hub refuses what the room policy forbids under either design, so the only way past it is
 * a hub that is itself the adversary.
 */
import { describe, expect, it } from 'vitest'
import { allDesigns, designLabel } from '../../../model/design.js'
import type { Scenario, StepAction } from '../../../sim/scenario/types.js'
import { run, scenario } from '../../helpers.js'

const withSteps = (base: Scenario, steps: StepAction[]): Scenario => ({ ...base, steps, expect: {} })

describe('an honest hub', () => {
  for (const design of allDesigns()) {
    it(`refuses with notAllowed an add the policy forbids (ordinary user adds a group_admin) under ${designLabel(design)}`, async () => {
      const s = withSteps(scenario('baseline-add'), [{ actor: 'bob', do: 'add', room: 'clubhouse', target: 'cathy', role: 'group_admin' }])
      const r = await run(s, design, 'symbolic')
      const refusal = r.trace.events.find((e) => e.type === 'policy.reject')
      expect(refusal).toMatchObject({ actor: 'mimi://a.example', subject: 'mimi://b.example/d/bob/1' })
      expect((refusal as { reason: string }).reason).toContain('authorized_role_changes')
      expect(r.trace.events.some((e) => e.type === 'intent.done' && !e.ok && e.explain.includes('notAllowed'))).toBe(true)
      expect(r.trace.events.some((e) => e.type === 'mls.join' && e.step >= 0)).toBe(false)
    })

    it(`refuses GroupInfo to a user the policy does not admit (notAuthorized) under ${designLabel(design)}`, async () => {
      const s = withSteps(scenario('baseline-add'), [{ actor: 'cathy', do: 'externalJoin', room: 'clubhouse' }])
      const r = await run(s, design, 'symbolic')
      expect(r.trace.events.find((e) => e.type === 'intent.done')).toMatchObject({ ok: false, explain: expect.stringContaining('notAuthorized') })
    })

    it(`a removed member's message reaches no one under ${designLabel(design)}`, async () => {
      const s = withSteps(scenario('baseline-add'), [
        { actor: 'alice', do: 'add', room: 'clubhouse', target: 'cathy' },
        { actor: 'alice', do: 'remove', room: 'clubhouse', target: 'cathy' },
        { actor: 'cathy', do: 'send', room: 'clubhouse', text: 'still here?' },
      ])
      const r = await run(s, design, 'symbolic')
      const last = r.trace.events.filter((e) => e.type === 'intent.done').at(-1)
      expect(last).toMatchObject({ ok: false, actor: 'mimi://c.example/d/cathy/1' })
      expect(r.trace.events.some((e) => e.type === 'app.receive' && e.text === 'still here?')).toBe(false)
    })
  }
})
