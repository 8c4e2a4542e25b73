/**
 * policyAgreement — honest members at the same epoch hold the same policy (draft-ietf-mimi-arch-02
 * §4.4: "all of the clients and servers have the same view of the room's policy", read per epoch as
 * in mimi-arch issue #2; draft-ietf-mimi-protocol-06 §7.3: the GroupContext is agreed by all members).
 *
 * "The policy a member holds" is what it acts on: the GroupContext's under policy=mls, its own
 * provider's report under policy=service.
 */
import { shortName as short } from '../model/ids.js'
import { encodeRoomState } from '../model/policy/roomState.js'
import { holds, type Property, type PropertyVerdict, violated } from './types.js'


export const policyAgreement: Property = {
  id: 'policyAgreement',
  kind: 'always',
  spec: ['draft-ietf-mimi-arch-02 §4.4', 'draft-ietf-mimi-protocol-06 §7.3'],
  claim: 'honest members at the same epoch hold the same policy',
  holds(run) {
    const honest = new Set(run.actors.filter((a) => !a.malicious).map((a) => a.id))
    const held = new Map<string, Map<string, string>>()
    for (const e of run.events) {
      if (e.type !== 'client.state' || e.removed || !e.policy || !honest.has(e.actor)) continue
      const key = `${e.room} ${e.epoch}`
      const at = held.get(key) ?? new Map<string, string>()
      held.set(key, at)
      const mine = encodeRoomState(e.policy)
      at.set(e.actor, mine)
      for (const [other, theirs] of [...at.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (theirs !== mine) {
          return violated(e.i, `at epoch ${e.epoch}, ${short(e.actor)} holds participants [${e.policy.participants.map(([u]) => short(u)).join(', ')}] but ${short(other)} holds a different list`)
        }
      }
    }
    return holds('every epoch, every honest member held the same policy')
  },
} satisfies Property & { spec: readonly string[] } as Property

export type { PropertyVerdict }
