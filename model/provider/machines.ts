/**
 * The hub provider and the follower provider as XState v5 machines (draft-ietf-mimi-arch-02 §2–3;
 * draft-ietf-mimi-protocol-06 §5).
 *
 * A follower only relays, so it has one state. A hub also hosts rooms, proposes changes as external
 * sender (`admin`: its own acts within its preauthorized role; a leaver's removal), and, when malicious,
 * acts as an adversary; its `adversary` event is only enabled while the machine is marked malicious
 * (guard `malicious`), which keeps an honest hub's statechart free of attack transitions.
 * Both run pure reducers and leave their effects in `context.outbox` for the simulator.
 */
import { assign, setup } from 'xstate'
import { type AdversaryAction, adversaryAct, onInjected } from '../adversary/actions.js'
import type { DeliverEvent, Effect, MlsResultEvent } from '../effects.js'
import type { ProviderContext, ProviderInput } from './context.js'
import { handle } from './handle.js'
import { type HubAdmin, hubAdmin, isHubProposal, onProposed } from './hubProposals.js'
import { patched } from '../patched.js'

export type ProviderEvent =
  | DeliverEvent
  | MlsResultEvent
  | { readonly type: 'adversary'; readonly act: AdversaryAction }
  /** The hub's own administrative act, as external sender within its preauthorized role (POL §4). */
  | { readonly type: 'admin'; readonly act: HubAdmin }

const apply = (step: { ctx: ProviderContext; effects: readonly Effect[] }): ProviderContext => patched(step.ctx, { outbox: step.effects })

const provider = setup({
  types: { context: {} as ProviderContext, events: {} as ProviderEvent, input: {} as ProviderInput },
  guards: {
    malicious: ({ context }) => context.malice !== null,
    /** An injected Add of the adversary's, as opposed to a proposal the hub makes in its own name. */
    injection: ({ context, event }) => context.malice !== null && event.type === 'mls.result' && !isHubProposal(event.tag),
  },
  actions: {
    receive: assign(({ context, event }) => (event.type === 'deliver' ? apply(handle(context, event.from, event.msg)) : context)),
    act: assign(({ context, event }) => (event.type === 'adversary' ? apply(adversaryAct(context, event.act)) : context)),
    injected: assign(({ context, event }) => (event.type === 'mls.result' ? apply(onInjected(context, event)) : context)),
    proposed: assign(({ context, event }) => (event.type === 'mls.result' ? apply(onProposed(context, event, handle)) : context)),
    admin: assign(({ context, event }) => (event.type === 'admin' ? apply(hubAdmin(context, event.act)) : context)),
  },
})

export const followerMachine = provider.createMachine({
  id: 'follower',
  context: ({ input }) => ({ ...input, outbox: [] }),
  initial: 'serving',
  states: {
    serving: {
      on: {
        deliver: { actions: 'receive' },
        adversary: { guard: 'malicious', actions: 'act' },
      },
    },
  },
})

export const hubMachine = provider.createMachine({
  id: 'hub',
  context: ({ input }) => ({ ...input, outbox: [] }),
  initial: 'serving',
  states: {
    serving: {
      on: {
        deliver: { actions: 'receive' },
        adversary: { guard: 'malicious', actions: 'act' },
        admin: { actions: 'admin' },
        'mls.result': [{ guard: 'injection', actions: 'injected' }, { actions: 'proposed' }],
      },
    },
  },
})
