/**
 * What a client does when the answer to its request never comes (a lossy network): resend the same
 * request, a bounded number of times, then give up on the intent.
 *
 * draft-ietf-mimi-protocol-06 §5.5: the hub must expect duplicates and a success answer commits it to
 * distributing the message, so resending the very same request is safe — the hub answers a
 * byte-identical commit or message again instead of sequencing it twice.
 *
 * Simplified: no backoff or wall-clock timeout; the simulator fires the timer only when nothing else
 * can happen, which is the one moment a real client could not tell "slow" from "lost".
 */
import type { Effect } from '../effects.js'
import { type ClientContext, roomOf } from './context.js'
import { done } from './intents.js'
import { note, short } from './notes.js'

export const MAX_RETRIES = 2

export function retry(ctx: ClientContext): ClientContext {
  const { inflight, lastRequest } = ctx
  if (!inflight || !lastRequest) return { ...ctx, outbox: [] }
  const r = ctx.rooms[inflight.room]
  const epoch = r?.view?.epoch ?? null
  if (ctx.retries >= MAX_RETRIES) {
    const gave = done(ctx, roomOf(ctx, inflight.room), inflight.action, false, `no answer to ${lastRequest.type} after ${MAX_RETRIES} retries; ${short(ctx.self)} gives up`)
    return { ...gave.ctx, outbox: gave.effects, lastRequest: null, retries: 0 }
  }
  const attempt = ctx.retries + 1
  const n = note(ctx, inflight.room, epoch, { type: 'intent.retry', action: inflight.action, attempt, request: lastRequest.type },
    `${short(ctx.self)} has no answer to its ${lastRequest.type}; resends it (retry ${attempt} of ${MAX_RETRIES})`)
  const effects: Effect[] = [{ kind: 'note', note: n }, { kind: 'send', to: ctx.provider, msg: lastRequest }]
  return { ...ctx, retries: attempt, outbox: effects }
}
