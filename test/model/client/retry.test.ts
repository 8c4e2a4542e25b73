import { initialTransition, transition } from 'xstate'
import { describe, expect, it } from 'vitest'
import { clientMachine } from '../../../model/client/machine.js'
import { MAX_RETRIES } from '../../../model/client/retry.js'
import type { Effect } from '../../../model/effects.js'
import { clientId, roomId, userId } from '../../../model/ids.js'
import { createSymbolicMls } from '../../../model/mls/index.js'
import { Recorder } from '../../../sim/trace/recorder.js'
import { resolveWorld } from '../../../sim/world/resolve.js'
import { setupWorld } from '../../../sim/world/setup.js'
import { run, scenario } from '../../helpers.js'

const room = roomId('a.example', 'clubhouse')

describe('a client whose answer never comes', () => {
  it(`resends the same request ${MAX_RETRIES} times, then gives up on the intent`, async () => {
    const setup = await setupWorld(resolveWorld(scenario('baseline-add')), { policy: 'mls' }, createSymbolicMls('t'), new Recorder())
    let [s] = initialTransition(clientMachine, setup.clients.get(clientId('b.example', 'bob', '1'))!)
    ;[s] = transition(clientMachine, s, { type: 'intent', intent: { action: 'add', room, target: userId('c.example', 'cathy'), role: 2 } })
    const request = (s.context.outbox as Effect[]).find((e) => e.kind === 'send')
    expect(request).toMatchObject({ msg: { type: 'keyMaterial' } })
    for (let k = 1; k <= MAX_RETRIES; k++) {
      ;[s] = transition(clientMachine, s, { type: 'timeout' })
      expect(s.context.outbox).toContainEqual(expect.objectContaining({ kind: 'send', msg: (request as Extract<Effect, { kind: 'send' }>).msg }))
      expect(s.context.outbox).toContainEqual(expect.objectContaining({ note: expect.objectContaining({ type: 'intent.retry', attempt: k }) }))
    }
    ;[s] = transition(clientMachine, s, { type: 'timeout' })
    expect(s.value).toBe('idle')
    expect(s.context.outbox).toContainEqual(expect.objectContaining({ note: expect.objectContaining({ type: 'intent.done', ok: false }) }))
    expect(s.can({ type: 'timeout' })).toBe(false)
  })

  it('recovers from a lost update answer: the retried update is answered again and the commit applies', async () => {
    for (const policy of ['service', 'mls'] as const) {
      const s = { ...scenario('baseline-add'), network: { ordering: 'per-link' as const, loss: true, maxFaults: 1 } }
      const quiet = await run(s, { policy }, 'symbolic', 0, [])
      const deliveries = quiet.trace.events.filter((e) => e.type === 'net.deliver')
      const k = deliveries.findIndex((e) => e.type === 'net.deliver' && e.kind === 'updateResponse' && e.actor.includes('/bob/'))
      const lossy = await run(s, { policy }, 'symbolic', 0, [...new Array(k).fill(0), 1])
      const ev = lossy.trace.events
      expect(ev.some((e) => e.type === 'net.drop' && e.kind === 'updateResponse')).toBe(true)
      expect(ev.find((e) => e.type === 'intent.retry')).toMatchObject({ actor: 'mimi://b.example/d/bob/1', request: 'update', attempt: 1 })
      expect(ev.find((e) => e.type === 'intent.done' && e.actor.includes('/bob/'))).toMatchObject({ ok: true })
      expect(lossy.expectationsMet).toBe(true)
    }
  })
})
