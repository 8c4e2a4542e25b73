/**
 * The client as an XState v5 machine (draft-ietf-mimi-arch-02 §2; draft-ietf-mimi-protocol-06 §3).
 *
 * States: `idle` (free to start what its user asks) and `busy` (an intent is in flight: waiting for
 * KeyPackages, an MLS result, or the hub's answer). Network messages are handled in both states —
 * fanout does not wait for the user. In `busy`, a `timeout` (the network went quiet with the answer
 * still missing) resends the last request, a bounded number of times. Every transition runs one pure reducer and stores the effects
 * it asks for in `context.outbox`; the simulator reads them after `transition()`.
 */
import { assign, setup } from 'xstate'
import type { DeliverEvent, Effect, MlsResultEvent } from '../effects.js'
import type { ClientContext, ClientInput, ClientIntent } from './context.js'
import { startIntent } from './intents.js'
import { onMlsResult, receive } from './receive.js'
import { retry } from './retry.js'
import { patched } from '../patched.js'

export type ClientEvent =
  | { readonly type: 'intent'; readonly intent: ClientIntent }
  | DeliverEvent
  | MlsResultEvent
  /** The virtual timer: the network went quiet while this client still waits for an answer. */
  | { readonly type: 'timeout' }

/** Store the step's effects, and remember the request an unfinished intent now waits on. */
function apply(step: { ctx: ClientContext; effects: readonly Effect[] }): ClientContext {
  const { ctx, effects } = step
  if (ctx.inflight === null) return patched(ctx, { outbox: effects, lastRequest: null, retries: 0 })
  const sent = effects.filter((e) => e.kind === 'send' && e.to === ctx.provider)
  const request = sent.length ? (sent[sent.length - 1] as Extract<Effect, { kind: 'send' }>).msg : null
  return patched(ctx, request ? { outbox: effects, lastRequest: request, retries: 0 } : { outbox: effects })
}

export const clientMachine = setup({
  types: { context: {} as ClientContext, events: {} as ClientEvent, input: {} as ClientInput },
  guards: {
    inflight: ({ context }) => context.inflight !== null,
    settled: ({ context }) => context.inflight === null,
    waiting: ({ context }) => context.lastRequest !== null,
  },
  actions: {
    startIntent: assign(({ context, event }) => (event.type === 'intent' ? apply(startIntent(context, event.intent)) : context)),
    receive: assign(({ context, event }) => (event.type === 'deliver' ? apply(receive(context, event.msg)) : context)),
    mlsResult: assign(({ context, event }) => (event.type === 'mls.result' ? apply(onMlsResult(context, event)) : context)),
    retry: assign(({ context }) => retry(context)),
  },
}).createMachine({
  id: 'client',
  context: ({ input }) => ({ ...input, inflight: null, lastRequest: null, retries: 0, outbox: [] }),
  initial: 'idle',
  states: {
    idle: {
      always: { guard: 'inflight', target: 'busy' },
      on: {
        intent: { actions: 'startIntent' },
        deliver: { actions: 'receive' },
        'mls.result': { actions: 'mlsResult' },
      },
    },
    busy: {
      always: { guard: 'settled', target: 'idle' },
      on: {
        timeout: { guard: 'waiting', actions: 'retry' },
        deliver: { actions: 'receive' },
        'mls.result': { actions: 'mlsResult' },
      },
    },
  },
})
