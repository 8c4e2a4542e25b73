/**
 * The four Appendix A role sets of draft-ietf-mimi-room-policy-03 (model/policy/templates.ts) written
 * out as policy files, so that scenarios/policies/*.json are exports of the one transcription and a
 * test can hold the two equal. A template name given to `--policy` goes through the same validation
 * as a file.
 *
 * The starting participants are this project's choice, not the draft's: an administrator and one
 * plain participant, the least a room needs for its questions to be interesting.
 */
import { roleSet, type Role, templateNames } from '../../model/policy/index.js'
import { type PolicySpec, validatePolicy } from './policyFile.js'

const PARTICIPANTS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  cooperative: [['alice', 'group_admin'], ['bob', 'ordinary_user']],
  strict: [['alice', 'group_admin'], ['bob', 'ordinary_user']],
  moderated: [['alice', 'moderator'], ['bob', 'attendee']],
  'multi-org': [['alice', 'org_a_admin'], ['bob', 'org_b_user']],
}

const ROLE_FILE = (r: Role) => ({
  index: r.index,
  name: r.name,
  ...(r.description ? { description: r.description } : {}),
  capabilities: [...r.capabilities].sort(),
  minParticipants: r.minParticipants,
  maxParticipants: r.maxParticipants,
  minActive: r.minActive,
  maxActive: r.maxActive,
  changes: r.changes.map(([f, t]) => [f, [...t]]),
})

/** The policy-file document for an Appendix A template, or undefined for an unknown name. */
export function templateFile(name: string): Record<string, unknown> | undefined {
  const set = roleSet(name)
  if (!set) return undefined
  return {
    name: set.name,
    description: `draft-ietf-mimi-room-policy-03 Appendix A role set "${set.name}", exported from model/policy/templates.ts`,
    roles: [...set.roles].sort((a, b) => a.index - b.index).map(ROLE_FILE),
    preauth: [{ claims: { kind: 'service', provider: 'hub' }, role: 'policy_enforcer' }],
    base: { fixedMembership: false },
    participants: (PARTICIPANTS[name] ?? []).map(([user, role]) => ({ user, role })),
  }
}

/** Short enough to print on one line: a plain value, or arrays and small objects of them. */
const flat = (v: unknown): boolean =>
  v === null || typeof v !== 'object' || (Array.isArray(v) ? v.every(flat) : Object.keys(v).length <= 3 && Object.values(v).every(flat))

function inline(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`
  if (v !== null && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')} }`
  return JSON.stringify(v)
}

/** JSON with short arrays and objects on one line, so a role reads as a few lines. */
export function formatPolicyFile(doc: unknown, indent = ''): string {
  if (flat(doc)) return inline(doc)
  const inner = indent + '  '
  if (Array.isArray(doc)) return `[\n${doc.map((x) => inner + formatPolicyFile(x, inner)).join(',\n')}\n${indent}]`
  const entries = Object.entries(doc as Record<string, unknown>).map(([k, x]) => `${inner}${JSON.stringify(k)}: ${formatPolicyFile(x, inner)}`)
  return `{\n${entries.join(',\n')}\n${indent}}`
}

/** A template as a validated policy. */
export function templateSpec(name: string): PolicySpec | undefined {
  const doc = templateFile(name)
  if (!doc) return undefined
  const v = validatePolicy(doc)
  if (!v.ok) throw new Error(`template ${name} does not validate as a policy file: ${v.error}`)
  return v.spec
}

export { templateNames }
