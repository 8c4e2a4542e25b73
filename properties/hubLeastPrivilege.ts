/**
 * hubLeastPrivilege — the hub never exercises a capability beyond the least privilege a hub needs:
 * removing, banning and re-roling participants and running the MLS group, but never adding anyone or
 * redefining the room (digest S3; draft-ietf-mimi-room-policy-03 §4: "a preauthorized role could allow
 * the Hub to remove participants and to ban them, but not to add any users or devices"; §8.6).
 *
 * Judged on what enforcers took as effective (`policy.change`): under policy=mls an honest client
 * applying a change the hub proposed; under policy=service the hub's own record, which is the policy
 * there. A change the hub forced past its own role counts with the capabilities it needed.
 */
import { shortName as short } from '../model/ids.js'
import { holds, type Property, type PropertyVerdict, violated } from './types.js'

/** What a hub may do in a room: Appendix A's policy_enforcer without the definition-changing capabilities. */
export const HUB_LEAST_PRIVILEGE: readonly string[] = [
  'canRemoveParticipant', 'canChangeUserRole', 'canBan', 'canUnBan', 'canKick',
  'canChangeMlsOperationalPolicies', 'canDestroyRoom', 'canSendMLSReinitProposal',
]

export const hubLeastPrivilege: Property = {
  id: 'hubLeastPrivilege',
  kind: 'always',
  spec: ['draft-ietf-mimi-room-policy-03 §4', 'draft-ietf-mimi-room-policy-03 §8.6', 'draft-ietf-mimi-room-policy-03 Appendix A'],
  claim: 'no enforcer ever accepts a change by which the hub exercised more than least privilege',
  holds(run) {
    const providers = new Set(run.actors.filter((a) => a.kind === 'provider').map((a) => a.id))
    const honestClients = new Set(run.actors.filter((a) => a.kind === 'client' && !a.malicious).map((a) => a.id))
    const service = (run.meta.design as Record<string, string> | undefined)?.policy === 'service'
    for (const e of run.events) {
      if (e.type !== 'policy.change') continue
      const enforcer = honestClients.has(e.actor) || (service && providers.has(e.actor))
      if (!enforcer) continue
      const beyond = e.used.find(([who, cap]) => providers.has(who) && !HUB_LEAST_PRIVILEGE.includes(cap))
      if (beyond) {
        const [who, cap] = beyond
        return violated(e.i, `${short(e.actor)} ${e.forced ? 'records' : 'accepts'} a change by which hub ${short(who)} exercised ${cap} (${e.updates.join('; ')}), beyond a hub's least privilege`)
      }
    }
    return holds('the hub never exercised a capability beyond least privilege in an accepted change') as PropertyVerdict
  },
}
