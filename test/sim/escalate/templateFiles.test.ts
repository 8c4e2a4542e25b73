/**
 * scenarios/policies/*.json are exports of the Appendix A transcription in model/policy/templates.ts
 * (draft-ietf-mimi-room-policy-03 Appendix A): each loads to exactly its template, and its text is
 * what sim/escalate/exportTemplates.ts writes (rerun it after changing a template).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { roleSet, templateNames } from '../../../model/policy/index.js'
import { canonicalRoles } from '../../../model/policy/roomState.js'
import { HUB, validatePolicy } from '../../../sim/escalate/index.js'
import { POLICY_DIR, policyFileText } from '../../../sim/escalate/exportTemplates.js'

describe('scenarios/policies', () => {
  it('has one file per Appendix A template', () => {
    expect(templateNames()).toEqual(['cooperative', 'moderated', 'multi-org', 'strict'])
  })

  for (const name of templateNames()) {
    it(`${name}.json loads to exactly the ${name} template, with the hub preauthorized as policy_enforcer`, () => {
      const text = readFileSync(join(POLICY_DIR, `${name}.json`), 'utf8')
      const v = validatePolicy(JSON.parse(text))
      expect(v.ok).toBe(true)
      if (!v.ok) return
      const template = canonicalRoles(roleSet(name)!)
      expect(v.spec.roles).toEqual(template)
      const enforcer = template.roles.find((r) => r.name === 'policy_enforcer')!.index
      expect(v.spec.preauth).toEqual([{ claims: { kind: 'service', provider: HUB }, role: enforcer }])
    })

    it(`${name}.json is byte for byte what exportTemplates writes (npx tsx sim/escalate/exportTemplates.ts)`, () => {
      expect(readFileSync(join(POLICY_DIR, `${name}.json`), 'utf8')).toBe(policyFileText(name))
    })
  }
})
