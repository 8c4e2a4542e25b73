/**
 * noEavesdropper — no client whose user the honest members' agreed policy does not admit can
 * decrypt an application message (digest S2; seed minutes: a malicious provider could hand a client
 * an ACL that admits an eavesdropper; draft-ietf-mimi-protocol-06 §9; draft-ietf-mimi-room-policy-03
 * §8.3 canReceiveMessage).
 */
import { shortName as short } from '../model/ids.js'
import { admits } from '../model/policy/roomState.js'
import type { UserId } from '../model/ids.js'
import { foldAgreedPolicy } from './agreedPolicy.js'
import { holds, type Property, type PropertyVerdict, violated } from './types.js'


export const noEavesdropper: Property = {
  id: 'noEavesdropper',
  kind: 'always',
  spec: ['draft-ietf-mimi-protocol-06 §9', 'draft-ietf-mimi-room-policy-03 §8.3', 'interim 2023-05-03 ACL decision'],
  claim: 'no client outside the agreed policy can decrypt an application message',
  holds(run) {
    let verdict: PropertyVerdict = holds('every decryption was by a client of an admitted participant')
    foldAgreedPolicy(run, (e, agreed) => {
      if (e.type !== 'app.receive' || !e.room) return
      const user = run.actors.find((a) => a.id === e.actor)?.user as UserId | undefined
      const policy = agreed.get(e.room)
      if (!user || !policy || admits(policy, user)) return
      verdict = violated(e.i, `${short(e.actor)} decrypted "${e.text}" from ${short(e.sender)} at epoch ${e.epoch}, but the policy the honest participants agreed to does not admit ${short(user)}`)
      return true
    })
    return verdict
  },
}
