/**
 * Policy edits: what a person asks for ("rename the room", "grant role 0 canOpenJoin", "preauthorize
 * eve as ordinary_user"), resolved into AppDataUpdates against the state the actor holds at the moment
 * it acts (draft-ietf-mimi-room-policy-03 §3–§5, §8.2; draft-ietf-mimi-protocol-06 §7.5, §7.6).
 *
 * Edits are relative so that a scenario can say what changes without restating the whole component;
 * the update they produce replaces the component whole, as RoleUpdate/PreAuthUpdate/BaseRoomUpdate do.
 */
import type { UserId } from '../ids.js'
import type { BaseRoomPolicy, RoomMetadata } from './basePolicy.js'
import type { CapabilityName } from './capabilities.js'
import type { PreauthEntry } from './preauth.js'
import type { RoleSet } from './roles.js'
import type { RoomState } from './roomState.js'
import { roleSet } from './templates.js'
import { listUpdate, type PolicyUpdate } from './updates.js'

export interface Grant {
  readonly role: number
  readonly capability: CapabilityName
  /** Also authorize role changes from role 0 to these roles (what canOpenJoin needs, §8.1.1). */
  readonly to?: readonly number[]
}

export type PolicyEdit =
  | {
      readonly component: 'participants'
      readonly add?: readonly (readonly [UserId, number])[]
      readonly remove?: readonly UserId[]
      readonly change?: readonly (readonly [UserId, number])[]
    }
  | { readonly component: 'roles'; readonly template?: string; readonly grant?: readonly Grant[] }
  | { readonly component: 'preauth'; readonly entries: readonly PreauthEntry[] }
  | { readonly component: 'base'; readonly set: Partial<BaseRoomPolicy> }
  | { readonly component: 'metadata'; readonly set: Partial<RoomMetadata> }

function granted(set: RoleSet, grants: readonly Grant[]): RoleSet {
  return {
    name: `${set.name} (edited)`,
    roles: set.roles.map((r) => {
      const gs = grants.filter((g) => g.role === r.index)
      if (!gs.length) return r
      const capabilities = [...new Set([...r.capabilities, ...gs.map((g) => g.capability)])]
      const to = gs.flatMap((g) => g.to ?? [])
      const changes = to.length ? [...r.changes.filter(([f]) => f !== 0), [0, [...new Set([...(r.changes.find(([f]) => f === 0)?.[1] ?? []), ...to])]] as const] : r.changes
      return { ...r, capabilities, changes }
    }),
  }
}

export function editToUpdate(state: RoomState, edit: PolicyEdit): PolicyUpdate {
  switch (edit.component) {
    case 'participants':
      return listUpdate(edit)
    case 'roles': {
      const base = edit.template ? roleSet(edit.template) ?? state.roles : state.roles
      return { component: 'roles', roles: granted(base, edit.grant ?? []) }
    }
    case 'preauth':
      return { component: 'preauth', entries: edit.entries }
    case 'base':
      return { component: 'base', base: { ...state.base, ...edit.set } }
    case 'metadata':
      return { component: 'metadata', metadata: { ...state.metadata, ...edit.set } }
  }
}

export function editsToUpdates(state: RoomState, edits: readonly PolicyEdit[]): PolicyUpdate[] {
  return edits.map((e) => editToUpdate(state, e))
}
