/**
 * bannedStaysBanned — once the honest participants have banned a user, none of that user's clients
 * is a member in an honest client's view, and none decrypts a message, until they unban it
 * (digest S5; draft-ietf-mimi-room-policy-03 §4: preauth is not consulted for a listed user, "it
 * prevents an explicitly banned user from rejoining"; §8.1.3 canBan, canUnBan).
 */
import { shortName as short, userOfClient } from '../model/ids.js'
import { BANNED } from '../model/policy/roles.js'
import { roleIndexOf } from '../model/policy/roomState.js'
import type { UserId } from '../model/ids.js'
import { foldAgreedPolicy } from './agreedPolicy.js'
import { holds, type Property, type PropertyVerdict, violated } from './types.js'

export const bannedStaysBanned: Property = {
  id: 'bannedStaysBanned',
  kind: 'always',
  spec: ['draft-ietf-mimi-room-policy-03 §4', 'draft-ietf-mimi-room-policy-03 §8.1.3'],
  claim: 'a banned user has no client in the group and reads nothing until it is unbanned',
  holds(run) {
    const honest = new Set(run.actors.filter((a) => !a.malicious).map((a) => a.id))
    const userOf = (id: string) => run.actors.find((a) => a.id === id)?.user as UserId | undefined
    let verdict: PropertyVerdict = holds('no banned user had a client in the group or read a message')
    foldAgreedPolicy(run, (e, agreed) => {
      if (!e.room) return
      const policy = agreed.get(e.room)
      if (!policy) return
      const banned = (u: UserId | undefined) => u !== undefined && roleIndexOf(policy, u) === BANNED
      if (e.type === 'app.receive' && banned(userOf(e.actor))) {
        verdict = violated(e.i, `${short(e.actor)} decrypted "${e.text}" although the participants banned ${short(userOf(e.actor)!)}`)
        return true
      }
      if (e.type === 'client.state' && honest.has(e.actor) && !e.removed) {
        const m = e.members.find((c) => banned(userOfClient(c)))
        if (m) {
          verdict = violated(e.i, `${short(e.actor)} at epoch ${e.epoch} has ${short(m)} as a member, although the participants banned ${short(userOfClient(m))}`)
          return true
        }
      }
    })
    return verdict
  },
}
