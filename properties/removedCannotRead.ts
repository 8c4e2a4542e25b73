/**
 * removedCannotRead — after the honest participants remove, ban or kick a user, none of that user's
 * clients decrypts a message sent afterwards, unless it is let back in (digest S6;
 * draft-ietf-mimi-protocol-06 §5.3: the hub "MUST prevent any of its clients from sending or receiving
 * any additional application messages"; RFC 9420: a removed member holds no later epoch's keys).
 */
import { shortName as short, type UserId } from '../model/ids.js'
import type { TraceEvent } from '../sim/trace/events.js'
import { holds, type Property, violated } from './types.js'

type Begin = Extract<TraceEvent, { type: 'intent.begin' }>

export const removedCannotRead: Property = {
  id: 'removedCannotRead',
  kind: 'always',
  spec: ['draft-ietf-mimi-protocol-06 §5.3', 'draft-ietf-mimi-room-policy-03 §8.1.2'],
  claim: 'a removed, banned or kicked user reads no message sent after its removal',
  holds(run) {
    const honest = new Set(run.actors.filter((a) => !a.malicious).map((a) => a.id))
    const userOf = (id: string) => run.actors.find((a) => a.id === id)?.user as UserId | undefined
    /** room → user → index of the event from which the user is out. */
    const out = new Map<string, Map<UserId, number>>()
    const open = new Map<string, Begin>()
    const sent: { i: number; actor: string; text: string }[] = []
    for (const e of run.events) {
      if (!e.room) continue
      if (e.type === 'app.send') sent.push({ i: e.i, actor: e.actor, text: e.text })
      if (e.type === 'intent.begin' && honest.has(e.actor)) open.set(e.actor, e)
      if (e.type === 'intent.done' && honest.has(e.actor)) {
        const b = open.get(e.actor)
        open.delete(e.actor)
        if (!e.ok || !b?.target) continue
        const room = out.get(e.room) ?? new Map<UserId, number>()
        out.set(e.room, room)
        if (b.action === 'remove' || b.action === 'ban' || b.action === 'kick') room.set(b.target, e.i)
        if (b.action === 'add' || (b.action === 'changeRole' && b.target !== userOf(e.actor))) room.delete(b.target)
      }
      if (e.type === 'mls.join') {
        const u = userOf(e.actor)
        if (u) out.get(e.room)?.delete(u)
      }
      if (e.type !== 'app.receive') continue
      const user = userOf(e.actor)
      const since = user ? out.get(e.room)?.get(user) : undefined
      if (since === undefined) continue
      const send = [...sent].reverse().find((s) => s.actor === e.sender && s.text === e.text)
      if (send && send.i > since) {
        return violated(e.i, `${short(e.actor)} decrypted "${e.text}", sent by ${short(e.sender)} after ${short(user!)} was removed`)
      }
    }
    return holds('no removed, banned or kicked user read a message sent after its removal')
  },
}
