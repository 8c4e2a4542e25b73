/**
 * The client as an XState v5 machine (draft-ietf-mimi-arch-02 §2; draft-ietf-mimi-protocol-06 §3).
 *
 * States: `idle` (free to start what its user asks) and `busy` (an intent is in flight: waiting for
 * KeyPackages, an MLS result, or the hub's answer). Network messages are handled in both states —
 * fanout does not wait for the user. Every transition runs one pure reducer and stores the effects
 * it asks for in `context.outbox`; the simulator reads them after `transition()`.
 */
import { assign, setup } from 'xstate'
import type { DeliverEvent, Effect, MlsResultEvent } from '../effects.js'
import type { ClientContext, ClientInput, ClientIntent } from './context.js'
import { startIntent } from './intents.js'
import { onMlsResult, receive } from './receive.js'

export type ClientEvent = { readonly type: 'intent'; readonly intent: ClientIntent } | DeliverEvent | MlsResultEvent

const apply = (step: { ctx: ClientContext; effects: readonly Effect[] }): ClientContext => ({ ...step.ctx, outbox: step.effects })

export const clientMachine = setup({
  types: { context: {} as ClientContext, events: {} as ClientEvent, input: {} as ClientInput },
  guards: {
    inflight: ({ context }) => context.inflight !== null,
    settled: ({ context }) => context.inflight === null,
  },
  actions: {
    startIntent: assign(({ context, event }) => (event.type === 'intent' ? apply(startIntent(context, event.intent)) : context)),
    receive: assign(({ context, event }) => (event.type === 'deliver' ? apply(receive(context, event.msg)) : context)),
    mlsResult: assign(({ context, event }) => (event.type === 'mls.result' ? apply(onMlsResult(context, event)) : context)),
  },
}).createMachine({
  id: 'client',
  context: ({ input }) => ({ ...input, inflight: null, outbox: [] }),
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
        deliver: { actions: 'receive' },
        'mls.result': { actions: 'mlsResult' },
      },
    },
  },
})
