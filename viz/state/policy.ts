/**
 * Reading a room policy out of a trace event. Version 1 traces write `{ roles: "<template>",
 * participants }` (docs/trace-format.md); newer builds write the role set itself as `roles`
 * (`{ name, roles: [{ index, name, … }] }`) beside further policy components. The viewer accepts
 * both, shows participants with role names, and compares whole policies by a canonical key, so a
 * difference in any component — not only the participant list — counts as a disagreement.
 */
import type { TraceEvent } from '../../sim/trace/events.js'
import type { PolicyView } from './types.js'

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** JSON with object keys sorted, so two equal policies built in different orders compare equal. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (isObj(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`
  return JSON.stringify(v) ?? 'null'
}

export function participantsOf(v: unknown): [string, number][] | null {
  if (!Array.isArray(v)) return null
  const ok = v.every((p) => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'number')
  return ok ? v.map((p) => [p[0] as string, p[1] as number]) : null
}

function templateOf(roles: unknown): string | null {
  if (typeof roles === 'string') return roles
  if (isObj(roles) && typeof roles.name === 'string') return roles.name
  return null
}

export function readPolicy(v: unknown): PolicyView | null {
  if (!isObj(v)) return null
  const roles = templateOf(v.roles)
  const participants = participantsOf(v.participants)
  return roles !== null && participants ? { roles, participants, key: canonical(v) } : null
}

export type RoleTables = ReadonlyMap<string, ReadonlyMap<number, string>>

const COOPERATIVE = ['no_role', 'banned', 'ordinary_user', 'group_admin', 'super_admin', 'policy_enforcer'] as const

/**
 * Role names per template: from role sets the trace carries, else, for `cooperative`, the indices
 * of draft-ietf-mimi-room-policy-03 Appendix A.1 as docs/trace-format.md lists them.
 */
export function roleTables(events: readonly TraceEvent[]): RoleTables {
  const out = new Map<string, Map<number, string>>([['cooperative', new Map(COOPERATIVE.map((n, k) => [k, n] as const))]])
  const seen = new Set<string>()
  for (const e of events) {
    const p = (e as unknown as Record<string, unknown>).policy
    if (!isObj(p) || !isObj(p.roles) || typeof p.roles.name !== 'string' || !Array.isArray(p.roles.roles) || seen.has(p.roles.name)) continue
    seen.add(p.roles.name)
    const names = new Map<number, string>()
    for (const r of p.roles.roles) if (isObj(r) && typeof r.index === 'number' && typeof r.name === 'string') names.set(r.index, r.name)
    out.set(p.roles.name, names)
  }
  return out
}

export function roleName(tables: RoleTables, template: string, index: number): string {
  return tables.get(template)?.get(index) ?? `role ${index}`
}
