/**
 * The capabilities a set of policy updates needs, read off the components they touch
 * (draft-ietf-mimi-room-policy-03 §8.1–§8.6). Used to describe a change that was *forced* — applied by
 * a hub that did not pass its own authorization — so a property can still say what power it took.
 */
import type { CapabilityName } from './capabilities.js'
import { METADATA_CAPABILITY, type RoomMetadata } from './basePolicy.js'
import type { RoomState } from './roomState.js'
import type { PolicyUpdate } from './updates.js'

export function capabilitiesNeeded(before: RoomState, updates: readonly PolicyUpdate[]): CapabilityName[] {
  const out = new Set<CapabilityName>()
  for (const u of updates) {
    switch (u.component) {
      case 'participants':
        if (u.add.length) out.add('canAddParticipant')
        if (u.remove.length) out.add('canRemoveParticipant')
        for (const [, r] of u.change) out.add(r === 1 ? 'canBan' : 'canChangeUserRole')
        break
      case 'roles':
        out.add('canChangeRoleDefinitions')
        break
      case 'preauth':
        out.add('canChangePreauthorizedUserList')
        break
      case 'base':
        out.add('canChangeRoomMembershipStyle')
        break
      case 'metadata':
        for (const f of Object.keys(METADATA_CAPABILITY) as (keyof RoomMetadata)[]) if (u.metadata[f] !== before.metadata[f]) out.add(METADATA_CAPABILITY[f])
        break
    }
  }
  return [...out].sort()
}
