/**
 * bannedStaysBanned — once the honest participants have banned a user, none of that user's clients
 * is a member in an honest client's view, and none decrypts a message, until they unban it
 * (digest S5; draft-ietf-mimi-room-policy-03 §4: preauth is not consulted for a listed user, "it
 * prevents an explicitly banned user from rejoining"; §8.1.3 canBan, canUnBan). Judged per event
 * against the agreed-policy oracle (`bannedWitness`, shared with the explorer's monitor).
 */
import { shortName as short, userOfClient } from '../model/ids.js'
import { BANNED } from '../model/policy/roles.js'
import { roleIndexOf, type RoomState } from '../model/policy/roomState.js'
import type { ClientId, UserId } from '../model/ids.js'
import { foldAgreedPolicy, type OracleEvent, oracleWorld, type OracleWorld } from './agreedPolicy.js'
import { holds, type Property, type PropertyVerdict, violated } from './types.js'

/**
 * The one judgement (shared with the explorer's monitor): why `e` violates the property, given the
 * agreed policy of its room just before it, or null. All the memory it needs is that policy.
 */
export function bannedWitness(e: OracleEvent, policy: RoomState | undefined, w: OracleWorld): string | null {
  if (!e.room || !policy) return null
  const banned = (u: UserId | undefined) => u !== undefined && roleIndexOf(policy, u) === BANNED
  if (e.type === 'app.receive' && banned(w.userOf(e.actor))) {
    return `${short(e.actor)} decrypted "${e.text as string}" although the participants banned ${short(w.userOf(e.actor)!)}`
  }
  if (e.type === 'client.state' && w.honest(e.actor) && !e.removed) {
    const m = (e.members as readonly ClientId[]).find((c) => banned(userOfClient(c)))
    if (m) return `${short(e.actor)} at epoch ${e.epoch as number} has ${short(m)} as a member, although the participants banned ${short(userOfClient(m))}`
  }
  return null
}

export const bannedStaysBanned: Property = {
  id: 'bannedStaysBanned',
  kind: 'always',
  spec: ['draft-ietf-mimi-room-policy-03 §4', 'draft-ietf-mimi-room-policy-03 §8.1.3'],
  claim: 'a banned user has no client in the group and reads nothing until it is unbanned',
  holds(run) {
    const w = oracleWorld(run)
    let verdict: PropertyVerdict = holds('no banned user had a client in the group or read a message')
    foldAgreedPolicy(run, (e, agreed) => {
      const why = bannedWitness(e as unknown as OracleEvent, e.room ? agreed.get(e.room) : undefined, w)
      if (why === null) return
      verdict = violated(e.i, why)
      return true
    })
    return verdict
  },
}
