/**
 * One provider's message dispatch: hub duties for rooms it hosts, follower duties otherwise.
 * draft-ietf-mimi-protocol-06 §5 (endpoint by endpoint), ARCH §3 (exactly one hub per room).
 */
import { providerOf } from '../ids.js'
import type { Message } from '../protocol/messages.js'
import type { ProviderContext } from './context.js'
import { hubGroupInfo, hubSubmit, hubUpdate } from './hub.js'
import { hubLeave } from './hubProposals.js'
import { answerKeyMaterial, deliverFanout, type Handler, isOwnClient, route, type Step, towardsOrigin } from './relay.js'

function keyMaterial(ctx: ProviderContext, from: string, msg: Extract<Message, { type: 'keyMaterial' }>): Step {
  const hosted = ctx.hosted[msg.room]
  const targetHere = providerOf(msg.target) === ctx.self
  if (hosted) {
    if (!targetHere) return route(ctx, providerOf(msg.target), msg, handle)
    const { ctx: next, reply } = answerKeyMaterial(ctx, msg)
    return handle(next, ctx.self, reply)
  }
  if (isOwnClient(ctx, from)) return route(ctx, providerOf(msg.room), msg, handle)
  if (!targetHere) return { ctx, effects: [] }
  const { ctx: next, reply } = answerKeyMaterial(ctx, msg)
  return route(next, providerOf(msg.room), reply, handle)
}

export const handle: Handler = (ctx, from, msg) => {
  const hosted = ctx.hosted[msg.room]
  switch (msg.type) {
    case 'keyMaterial':
      return keyMaterial(ctx, from, msg)
    case 'keyMaterialResponse': {
      if (!hosted) return towardsOrigin(ctx, msg, handle)
      const kpRoutes = { ...hosted.kpRoutes }
      for (const kp of msg.keyPackages) kpRoutes[kp.ref] = kp.client
      const next = { ...ctx, hosted: { ...ctx.hosted, [msg.room]: { ...hosted, kpRoutes } } }
      return towardsOrigin(next, msg, handle)
    }
    case 'update':
    case 'submitMessage':
    case 'groupInfo':
    case 'leave':
      if (!hosted) return isOwnClient(ctx, from) ? route(ctx, providerOf(msg.room), msg, handle) : { ctx, effects: [] }
      if (msg.type === 'update') return hubUpdate(ctx, msg, handle)
      if (msg.type === 'submitMessage') return hubSubmit(ctx, msg, handle)
      if (msg.type === 'leave') return hubLeave(ctx, msg, handle)
      return hubGroupInfo(ctx, msg, handle)
    case 'updateResponse':
    case 'submitMessageResponse':
    case 'groupInfoResponse':
    case 'leaveResponse':
      return towardsOrigin(ctx, msg, handle)
    case 'notify':
      return deliverFanout(ctx, msg.room, msg.seq, msg.item, msg.roster)
    case 'acl':
      return { ctx, effects: [] }
  }
}
