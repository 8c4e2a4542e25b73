/**
 * leaverEventuallyRemoved — a participant whose leave the hub accepted ends the run with no client in
 * the group and off the participant list, in every honest member's view (digest S7;
 * draft-ietf-mimi-protocol-06 §3.5 three-step leave, §5.5 and ISS-P #128: the hub must re-issue
 * proposals an external commit invalidated; draft-ietf-mimi-room-policy-03 §8.1.2 canRemoveSelf).
 * An "eventually" property: judged on the last state of each honest member, under the one fairness
 * the protocol relies on — members commit what the hub proposes. So a leaver still in at the end is a
 * violation only if the hub sequenced an honest member's commit after its last proposal in the room: the hub
 * had its chance to (re-)issue the removal and did not. A run that simply ends before anyone commits
 * proves nothing either way. A leaver that is let back in later (a client of it joins again) has
 * not stayed: it came back.
 */
import { shortName as short, userOfClient, type UserId } from '../model/ids.js'
import { roleIndexOf } from '../model/policy/roomState.js'
import type { TraceEvent } from '../sim/trace/events.js'
import { holds, type Property, violated } from './types.js'

type State = Extract<TraceEvent, { type: 'client.state' }>

export const leaverEventuallyRemoved: Property = {
  id: 'leaverEventuallyRemoved',
  kind: 'eventually',
  spec: ['draft-ietf-mimi-protocol-06 §3.5', 'draft-ietf-mimi-protocol-06 §5.5', 'draft-ietf-mimi-room-policy-03 §8.1.2'],
  claim: 'a participant that left ends with no client in the group and off the participant list',
  holds(run) {
    const honest = new Set(run.actors.filter((a) => a.kind === 'client' && !a.malicious).map((a) => a.id))
    const userOf = (id: string) => run.actors.find((a) => a.id === id)?.user as UserId | undefined
    const leavers: { room: string; user: UserId; i: number }[] = []
    const last = new Map<string, State>()
    const lastPropose = new Map<string, number>()
    const commits: { room: string; i: number }[] = []
    for (const e of run.events) {
      if (e.type === 'hub.propose' && e.room) lastPropose.set(e.room, e.i)
      // A commit counts where the hub sequenced it (the order every member sees), not where its committer hears back.
      if (e.type === 'hub.accept' && e.what === 'commit' && e.room && honest.has(e.subject)) commits.push({ room: e.room, i: e.i })
      if (e.type === 'intent.done' && e.action === 'leave' && e.ok && e.room) {
        const u = userOf(e.actor)
        if (u) leavers.push({ room: e.room, user: u, i: e.i })
      }
      if (e.type === 'client.state' && e.room && honest.has(e.actor)) last.set(`${e.room} ${e.actor}`, e)
    }
    const end = run.events.length ? run.events[run.events.length - 1]!.i : 0
    // A leaver let back in afterwards (one of its clients joins again) is no longer a leaver.
    const rejoined = (l: { room: string; user: UserId; i: number }) =>
      run.events.some((e) => e.i > l.i && e.type === 'mls.join' && e.room === l.room && userOf(e.actor) === l.user)
    for (const l of leavers) {
      if (rejoined(l)) continue
      const since = Math.max(l.i, lastPropose.get(l.room) ?? -1)
      if (!commits.some((c) => c.room === l.room && c.i > since)) continue // the hub's proposals still await a commit
      for (const key of [...last.keys()].sort()) {
        const s = last.get(key)!
        if (s.room !== l.room || s.removed || userOf(s.actor) === l.user) continue
        const client = s.members.find((c) => userOfClient(c) === l.user)
        if (client) return violated(end, `${short(l.user)} asked to leave, yet at the end ${short(s.actor)} still has ${short(client)} in the group (epoch ${s.epoch})`)
        if (s.policy && roleIndexOf(s.policy, l.user) !== 0) return violated(end, `${short(l.user)} asked to leave, yet at the end ${short(s.actor)} still lists it as a participant`)
      }
    }
    return holds(leavers.length ? 'every leaver ended out of the group and off the list' : 'nobody left')
  },
}
