/**
 * noFork — no honest member rejects a commit that another honest member applied (or made), so the
 * honest members never split into groups at diverging epochs (digest S19; ISS-X #74: all clients must
 * agree on the policy "also in implementation behaviour. If they don't, the group state may fork";
 * draft-ietf-mls-extensions-09 §4.7).
 *
 * What each event says about a commit (`forkMark`) is shared with the explorer's monitor; the
 * property pairs the marks over the whole run, the monitor as they come.
 */
import { shortName as short } from '../model/ids.js'
import type { TraceActor } from '../sim/trace/events.js'
import { holds, type Property, violated } from './types.js'

/** A commit is named `${room} ${sender} ${the epoch it moves from}`; an honest member took it, or rejected it. */
export type ForkMark =
  | { readonly took: string; readonly actor: string }
  | { readonly rejected: string; readonly actor: string; readonly reason: string }

type ForkEvent = { readonly type: string; readonly actor: string; readonly room: string | null; readonly epoch: number | null } & Record<string, unknown>

/** Honest members: clients that are not malicious. */
export function forkHonest(actors: readonly TraceActor[]): (actor: string) => boolean {
  const honest = new Set(actors.filter((a) => a.kind === 'client' && !a.malicious).map((a) => a.id))
  return (a) => honest.has(a)
}

/** What `e` says about a commit, or null when it says nothing the property reads. */
export function forkMark(e: ForkEvent, honest: (actor: string) => boolean): ForkMark | null {
  if (!e.room || !honest(e.actor) || e.epoch === null) return null
  if (e.type === 'mls.apply') return { took: `${e.room} ${e.sender as string} ${e.epoch - 1}`, actor: e.actor }
  if (e.type === 'mls.commit') return { took: `${e.room} ${e.actor} ${e.epoch - 1}`, actor: e.actor }
  if (e.type === 'mls.reject' && e.what === 'commit') return { rejected: `${e.room} ${e.sender as string} ${e.epoch}`, actor: e.actor, reason: e.reason as string }
  return null
}

export const noFork: Property = {
  id: 'noFork',
  kind: 'always',
  spec: ['draft-ietf-mls-extensions-09 §4.7', 'draft-ietf-mimi-protocol-06 §7.3'],
  claim: 'no honest member rejects a commit another honest member applied',
  holds(run) {
    const honest = forkHonest(run.actors)
    /** commit → an honest member that took it. */
    const taken = new Map<string, string>()
    const rejected: { key: string; actor: string; i: number; reason: string }[] = []
    for (const e of run.events) {
      const m = forkMark(e as unknown as ForkEvent, honest)
      if (!m) continue
      if ('took' in m) taken.set(m.took, m.actor)
      else rejected.push({ key: m.rejected, actor: m.actor, i: e.i, reason: m.reason })
    }
    for (const r of rejected) {
      const other = taken.get(r.key)
      if (other) return violated(r.i, `${short(r.actor)} rejects a commit that ${short(other)} took (${r.reason}): the honest members fork`)
    }
    return holds('no honest member rejected a commit another honest member took')
  },
}
