import { makeRoomState } from '../../model/policy/roomState.js'
import { initialTransition, transition } from 'xstate'
import { describe, expect, it } from 'vitest'
import { clientMachine } from '../../model/client/machine.js'
import type { Effect } from '../../model/effects.js'
import { clientId, providerId, roomId } from '../../model/ids.js'
import { createSymbolicMls } from '../../model/mls/index.js'
import { hubMachine } from '../../model/provider/machines.js'
import { runMls } from '../../sim/runtime.js'
import { Recorder } from '../../sim/trace/recorder.js'
import { resolveWorld } from '../../sim/world/resolve.js'
import { setupWorld } from '../../sim/world/setup.js'
import { scenario } from '../helpers.js'

async function world(policy: 'service' | 'mls') {
  const engine = createSymbolicMls('t')
  const setup = await setupWorld(resolveWorld(scenario('hub-injects-eavesdropper')), { policy }, engine, new Recorder())
  return { engine, setup }
}

const room = roomId('a.example', 'clubhouse')
const alice = clientId('a.example', 'alice', '1')

describe('client machine', () => {
  it('goes busy on an intent, asks for MLS work, and returns to idle when the hub answers', async () => {
    const { engine, setup } = await world('mls')
    let [s] = initialTransition(clientMachine, setup.clients.get(alice)!)
    expect(s.value).toBe('idle')
    ;[s] = transition(clientMachine, s, { type: 'intent', intent: { action: 'send', room, text: 'hi' } })
    expect(s.value).toBe('busy')
    const op = (s.context.outbox as Effect[]).find((e) => e.kind === 'mls')!
    expect(op).toMatchObject({ kind: 'mls', op: { op: 'protect' } })
    if (op.kind !== 'mls') throw new Error('unreachable')
    ;[s] = transition(clientMachine, s, { type: 'mls.result', room, tag: op.tag, outcome: await runMls(engine, op.op) })
    expect(s.context.outbox).toContainEqual(expect.objectContaining({ kind: 'send', msg: expect.objectContaining({ type: 'submitMessage' }) }))
    ;[s] = transition(clientMachine, s, { type: 'deliver', from: providerId('a.example'), msg: { type: 'submitMessageResponse', origin: alice, room, status: 'accepted', reason: '' } })
    expect(s.value).toBe('idle')
    expect(s.context.outbox).toContainEqual(expect.objectContaining({ kind: 'note', note: expect.objectContaining({ type: 'intent.done', ok: true }) }))
  })

  it('refuses a second intent while busy, but keeps taking network messages', async () => {
    const { setup } = await world('mls')
    let [s] = initialTransition(clientMachine, setup.clients.get(alice)!)
    ;[s] = transition(clientMachine, s, { type: 'intent', intent: { action: 'commit', room } })
    expect(s.can({ type: 'intent', intent: { action: 'commit', room } })).toBe(false)
    expect(s.can({ type: 'deliver', from: providerId('a.example'), msg: { type: 'acl', room, roster: makeRoomState('cooperative', []) } })).toBe(true)
  })

  it('a client that is not a member cannot send, and says so', async () => {
    const { setup } = await world('service')
    const eve = clientId('a.example', 'eve', '1')
    let [s] = initialTransition(clientMachine, setup.clients.get(eve)!)
    ;[s] = transition(clientMachine, s, { type: 'intent', intent: { action: 'send', room, text: 'x' } })
    expect(s.value).toBe('idle')
    expect(s.context.outbox).toContainEqual(expect.objectContaining({ kind: 'note', note: expect.objectContaining({ type: 'intent.done', ok: false }) }))
  })
})

describe('hub machine', () => {
  it('enables adversary moves only on a malicious hub', async () => {
    const { setup } = await world('service')
    const input = setup.providers.get(providerId('a.example'))!.input
    const move = { type: 'adversary' as const, act: { action: 'injectAdd' as const, room, target: 'mimi://a.example/u/eve' as never } }
    expect(initialTransition(hubMachine, input)[0].can(move)).toBe(true)
    expect(initialTransition(hubMachine, { ...input, malice: null })[0].can(move)).toBe(false)
  })
})
