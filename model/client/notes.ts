/**
 * The client's observations, phrased for the trace: each note says what happened and why in one line.
 */
import { shortName as short } from '../ids.js'
import { type Note, type NoteBody, noteOf } from '../effects.js'
import type { RoomId } from '../ids.js'
import { groupPolicy } from './validate.js'
import type { ClientContext, ClientRoom } from './context.js'


export { short }

export function note(ctx: ClientContext, room: RoomId, epoch: number | null, body: NoteBody, explain: string): Note {
  return noteOf(body, ctx.self, room, epoch, explain)
}

/** The policy this client acts on: the GroupContext's under policy=mls, its provider's report under service. */
export function heldPolicy(ctx: ClientContext, r: ClientRoom) {
  return ctx.design.policy === 'mls' ? groupPolicy(r.view) : r.acl
}

export function stateNote(ctx: ClientContext, r: ClientRoom): Note | null {
  if (!r.view) return null
  const policy = heldPolicy(ctx, r)
  const who = policy ? policy.participants.map(([u, role]) => `${short(u)}:${role}`).join(' ') : '(none)'
  return note(
    ctx,
    r.room,
    r.view.epoch,
    { type: 'client.state', members: r.view.members, policy, digest: r.view.digest, removed: r.view.removed },
    r.view.removed
      ? `${short(ctx.self)} is no longer a member`
      : `${short(ctx.self)} at epoch ${r.view.epoch}: ${r.view.members.length} member(s); participants it holds: ${who}`,
  )
}
