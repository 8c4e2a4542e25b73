/**
 * What an honest joiner checks of the group it is about to join, under policy=mls: that the room
 * policy carried in that very group admits every other member's user.
 *
 * draft-ietf-mimi-room-policy-03 §1: the policy travels in the GroupContext, so a joiner receives it
 * inside the Welcome or the GroupInfo and can check the room "before or immediately on joining";
 * digest S4: the joiner's view of policy and membership must equal the group's. The draft says a
 * joiner *can* check; without the check, a client rejoining from a colluding hub's GroupInfo adopts
 * whatever membership it shows (docs/findings.md, finding 6). Under policy=service a client has only
 * its provider's word to check against, so this check is not made there (PROTO §9).
 *
 * A member whose user is unlisted is still accepted while it is mid self-join: an external commit
 * cannot carry its listing (RFC 9420 §12.4.3.2), so it lists itself in its next commit, and another
 * client may join in between. It is accepted when the policy would allow its external join now
 * (the rule every member applies to an external commit, model/policy/membership.ts), that is, when
 * a self-join path admits it and the listing it leads to is allowed.
 *
 * Simplified: the joiner does not judge itself. Like every committer here (intents.ts), it checks
 * nothing of its own change before making it; the members judge that.
 */
import { type ClientId, shortName as short, userOfClient } from '../ids.js'
import { authorize } from '../policy/authorize.js'
import type { PolicyVariant } from '../policy/proposals.js'
import { admits, roleIndexOf, type RoomState } from '../policy/roomState.js'

export type JoinCheck = { readonly ok: true } | { readonly ok: false; readonly member: ClientId | null; readonly reason: string }

/** An unlisted member whose external join the policy allows: it is on its way to being listed. */
function midSelfJoin(policy: RoomState, members: readonly ClientId[], client: ClientId, variant: PolicyVariant): boolean {
  const user = userOfClient(client)
  if (roleIndexOf(policy, user) !== 0) return false
  const joiner = { kind: 'joiner' as const, user, client }
  const others = members.filter((c) => c !== client)
  return authorize(policy, { committer: joiner, parts: [{ kind: 'join', by: joiner }], members: others }, variant).kind === 'allowed'
}

/**
 * Does the group's own policy admit every member other than `self`? Members are read in their
 * sorted order, so the member named on refusal is the same in every run.
 */
export function checkJoin(policy: RoomState | null, members: readonly ClientId[], self: ClientId, variant: PolicyVariant = 'draft'): JoinCheck {
  if (!policy) return { ok: false, member: null, reason: 'the GroupContext carries no room policy to check the members against (POL §1)' }
  for (const client of [...members].sort()) {
    if (client === self) continue
    const user = userOfClient(client)
    if (admits(policy, user) || midSelfJoin(policy, members, client, variant)) continue
    const listed = roleIndexOf(policy, user)
    const why = listed === 0 ? `${short(user)} is not in its participant list and no self-join path admits it` : `${short(user)}'s role ${listed} lacks canReceiveMessage`
    return { ok: false, member: client, reason: `member ${short(client)} is not admitted by the room policy the group carries: ${why} (POL §1, §8.3)` }
  }
  return { ok: true }
}
