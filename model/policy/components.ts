/**
 * Changes to the policy components other than the participant list (digest §2.9):
 * roles_list needs canChangeRoleDefinitions (POL §8.6) and must stay a usable role set (POL §3);
 * preauth_list needs canChangePreauthorizedUserList (§8.6) and may only name defined non-zero roles;
 * base_room_policy needs canChangeRoomMembershipStyle (§8.6); room_metadata needs, per changed field,
 * canChangeRoomName/Description/Avatar/Subject/Mood (§8.2).
 */
import type { CapabilityName } from './capabilities.js'
import { type Judged, type Rejection, rejected } from './authorize.js'
import { METADATA_CAPABILITY, type RoomMetadata } from './basePolicy.js'
import { describePrincipal, principalRole, type Principal } from './principal.js'
import { findRole, has, roleSetProblems } from './roles.js'

function need(j: Judged, by: Principal, capability: CapabilityName, what: string, section: string): Rejection | null {
  if (has(principalRole(j.before, by), capability)) return (j.used.push({ by, capability }), null)
  return rejected(capability, `${describePrincipal(j.before, by)} lacks ${capability} to change ${what} (POL ${section})`)
}

export function componentRules(j: Judged): Rejection | null {
  for (const p of j.list.parts) {
    if (p.kind !== 'update') continue
    const u = p.update
    switch (u.component) {
      case 'roles': {
        const r = need(j, p.by, 'canChangeRoleDefinitions', 'the role definitions', '§8.6')
        if (r) return r
        const problems = roleSetProblems(u.roles, 'roles_list')
        if (problems.length) return rejected('roleSetValid', `the new roles_list is invalid: ${problems[0]} (POL §3)`)
        break
      }
      case 'preauth': {
        const r = need(j, p.by, 'canChangePreauthorizedUserList', 'the preauthorized users', '§8.6')
        if (r) return r
        const bad = u.entries.find((e) => e.role === 0 || !findRole(j.before.roles, e.role))
        if (bad) return rejected('roleExists', `a preauth entry names role ${bad.role}, which is not a defined non-zero role (POL §4)`)
        break
      }
      case 'base': {
        const r = need(j, p.by, 'canChangeRoomMembershipStyle', 'the base room policy', '§8.6')
        if (r) return r
        break
      }
      case 'metadata': {
        const fields = (Object.keys(METADATA_CAPABILITY) as (keyof RoomMetadata)[]).filter((f) => u.metadata[f] !== j.before.metadata[f])
        for (const f of fields) {
          const r = need(j, p.by, METADATA_CAPABILITY[f], `the room ${f}`, '§8.2')
          if (r) return r
        }
        break
      }
      case 'participants':
        break
    }
  }
  return null
}
