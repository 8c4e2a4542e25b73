/**
 * Resolving the policy parts of a scenario — preauth entries, base policy, join codes, policy edits —
 * from short names to MIMI URIs and role indexes, once, at the boundary (style.md). The scenario
 * validator has already checked every name, so a miss here is a bug, reported as such.
 */
import { providerId, type UserId } from '../../model/ids.js'
import { capabilityNamed } from '../../model/policy/capabilities.js'
import type { BaseRoomPolicy, JoinCode } from '../../model/policy/basePolicy.js'
import type { PolicyEdit } from '../../model/policy/edits.js'
import type { PreauthEntry } from '../../model/policy/preauth.js'
import { roleByName, type RoleSet } from '../../model/policy/roles.js'
import type { BaseSpec, EditSpec, PreauthSpec } from '../scenario/types.js'

export interface Names {
  readonly user: (name: string) => UserId
  readonly roles: RoleSet
}

export function roleIndex(n: Names, name: string): number {
  const r = roleByName(n.roles, name)
  if (!r) throw new TypeError(`unknown role "${name}" in ${n.roles.name} (the scenario validator should have caught this)`)
  return r.index
}

export function resolvePreauth(n: Names, p: PreauthSpec): PreauthEntry {
  const claims = {
    ...(p.kind ? { kind: p.kind } : {}),
    ...(p.provider ? { provider: providerId(p.provider) } : {}),
    ...(p.user ? { user: n.user(p.user) } : {}),
  }
  return { claims, role: roleIndex(n, p.role) }
}

export function resolveBase(b: BaseSpec | undefined): Partial<BaseRoomPolicy> {
  if (!b) return {}
  return {
    ...(b.fixedMembership !== undefined ? { fixedMembership: b.fixedMembership } : {}),
    ...(b.multiDevice !== undefined ? { multiDevice: b.multiDevice } : {}),
    ...(b.maxUsers !== undefined ? { maxUsers: b.maxUsers } : {}),
    ...(b.maxClients !== undefined ? { maxClients: b.maxClients } : {}),
  }
}

export function resolveJoinCodes(n: Names, codes: readonly { code: string; role: string }[] | undefined): JoinCode[] {
  return (codes ?? []).map((c) => ({ code: c.code, role: roleIndex(n, c.role) }))
}

export function resolveEdit(n: Names, e: EditSpec): PolicyEdit {
  switch (e.component) {
    case 'participants':
      return {
        component: 'participants',
        add: (e.add ?? []).map((p) => [n.user(p.user), roleIndex(n, p.role)] as const),
        remove: (e.remove ?? []).map((u) => n.user(u)),
        change: (e.change ?? []).map((p) => [n.user(p.user), roleIndex(n, p.role)] as const),
      }
    case 'roles':
      return {
        component: 'roles',
        ...(e.template ? { template: e.template } : {}),
        grant: (e.grant ?? []).map((g) => ({
          role: roleIndex(n, g.role),
          capability: capabilityNamed(g.capability)!,
          ...(g.to ? { to: g.to.map((t) => roleIndex(n, t)) } : {}),
        })),
      }
    case 'preauth':
      return { component: 'preauth', entries: e.entries.map((p) => resolvePreauth(n, p)) }
    case 'base':
      return { component: 'base', set: resolveBase(e) }
    case 'metadata': {
      const { component: _c, ...set } = e
      return { component: 'metadata', set }
    }
  }
}
