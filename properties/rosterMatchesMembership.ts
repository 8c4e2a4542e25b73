/**
 * rosterMatchesMembership — a client is a member only if its user is a participant, and a
 * participant with clients in the group has all of them (digest S1; draft-ietf-mimi-arch-02 §4.2,
 * §4.3; draft-ietf-mimi-protocol-06 §5.3: the list change is committed before or with the MLS one).
 * Checked on the state each honest member is in when a step has settled, against the policy that
 * member holds: within a step, an external joiner is briefly a member before its next commit lists it
 * (an external commit cannot carry the list change, RFC 9420 §12.4.3.2; model/policy/membership.ts).
 */
import { shortName as short } from '../model/ids.js'
import { type ClientId, userOfClient } from '../model/ids.js'
import { holds, type Property, violated } from './types.js'


export const rosterMatchesMembership: Property = {
  id: 'rosterMatchesMembership',
  kind: 'always',
  spec: ['draft-ietf-mimi-arch-02 §4.2', 'draft-ietf-mimi-arch-02 §4.3', 'draft-ietf-mimi-protocol-06 §5.3'],
  claim: 'every member belongs to a participant, and every active participant has all its clients in the group',
  holds(run) {
    const honest = new Set(run.actors.filter((a) => !a.malicious).map((a) => a.id))
    const devices = new Map<string, ClientId[]>()
    for (const a of run.actors) if (a.kind === 'client' && a.user) devices.set(a.user, [...(devices.get(a.user) ?? []), a.id as ClientId])
    // The last state of each member in each step: the one it is in once the step has settled.
    const settled = new Set<number>()
    const seen = new Set<string>()
    for (let k = run.events.length - 1; k >= 0; k--) {
      const e = run.events[k]!
      if (e.type !== 'client.state') continue
      const key = `${e.actor} ${e.room} ${e.step}`
      if (!seen.has(key)) settled.add(e.i)
      seen.add(key)
    }
    for (const e of run.events) {
      if (e.type !== 'client.state' || !settled.has(e.i) || e.removed || !e.policy || !honest.has(e.actor)) continue
      const listed = new Set(e.policy.participants.filter(([, r]) => r > 1).map(([u]) => u as string))
      for (const m of e.members) {
        if (!listed.has(userOfClient(m))) return violated(e.i, `${short(e.actor)} at epoch ${e.epoch}: member ${short(m)} belongs to ${short(userOfClient(m))}, who is not a participant`)
      }
      for (const user of [...listed].sort()) {
        const mine = devices.get(user) ?? []
        const inGroup = mine.filter((c) => e.members.includes(c))
        if (inGroup.length > 0 && inGroup.length < mine.length) {
          return violated(e.i, `${short(e.actor)} at epoch ${e.epoch}: ${short(user)} is active with ${inGroup.length} of ${mine.length} clients`)
        }
      }
    }
    return holds('every state an honest member reached matched its participant list')
  },
}
