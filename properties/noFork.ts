/**
 * noFork — no honest member rejects a commit that another honest member applied (or made), so the
 * honest members never split into groups at diverging epochs (digest S19; ISS-X #74: all clients must
 * agree on the policy "also in implementation behaviour. If they don't, the group state may fork";
 * draft-ietf-mls-extensions-09 §4.7).
 */
import { shortName as short } from '../model/ids.js'
import { holds, type Property, violated } from './types.js'

export const noFork: Property = {
  id: 'noFork',
  kind: 'always',
  spec: ['draft-ietf-mls-extensions-09 §4.7', 'draft-ietf-mimi-protocol-06 §7.3'],
  claim: 'no honest member rejects a commit another honest member applied',
  holds(run) {
    const honest = new Set(run.actors.filter((a) => a.kind === 'client' && !a.malicious).map((a) => a.id))
    /** `${room} ${sender} ${epoch it moves from}` → an honest member that took it. */
    const taken = new Map<string, string>()
    const rejected: { key: string; actor: string; i: number; reason: string }[] = []
    for (const e of run.events) {
      if (!e.room || !honest.has(e.actor) || e.epoch === null) continue
      if (e.type === 'mls.apply') taken.set(`${e.room} ${e.sender} ${e.epoch - 1}`, e.actor)
      if (e.type === 'mls.commit') taken.set(`${e.room} ${e.actor} ${e.epoch - 1}`, e.actor)
      if (e.type === 'mls.reject' && e.what === 'commit') rejected.push({ key: `${e.room} ${e.sender} ${e.epoch}`, actor: e.actor, i: e.i, reason: e.reason })
    }
    for (const r of rejected) {
      const other = taken.get(r.key)
      if (other) return violated(r.i, `${short(r.actor)} rejects a commit that ${short(other)} took (${r.reason}): the honest members fork`)
    }
    return holds('no honest member rejected a commit another honest member took')
  },
}
