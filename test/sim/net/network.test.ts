import { describe, expect, it } from 'vitest'
import type { ActorId } from '../../../model/effects.js'
import type { Message } from '../../../model/protocol/messages.js'
import { Network, optionLabel } from '../../../sim/net/network.js'

const msg = (room: string) => ({ type: 'groupInfo', origin: 'mimi://a.example/d/x/1', room }) as unknown as Message
const A = 'mimi://a.example' as ActorId
const B = 'mimi://b.example' as ActorId
const C = 'mimi://c.example' as ActorId

describe('Network', () => {
  it('per-link ordering offers only the head of each link, oldest first', () => {
    const n = new Network({ ordering: 'per-link' })
    n.enqueueMutable(A, B, msg('1'))
    n.enqueueMutable(A, B, msg('2'))
    n.enqueueMutable(A, C, msg('3'))
    expect(n.options().map(optionLabel)).toEqual(['deliver #1 groupInfo', 'deliver #3 groupInfo'])
  })

  it('unordered delivery offers every pending message', () => {
    const n = new Network({ ordering: 'unordered' })
    n.enqueueMutable(A, B, msg('1'))
    n.enqueueMutable(A, B, msg('2'))
    expect(n.options().map((o) => o.env.id)).toEqual([1, 2])
  })

  it('offers drops and duplicates only when the scenario allows them, within maxFaults', () => {
    const n = new Network({ ordering: 'per-link', loss: true, duplication: true, maxFaults: 1 })
    n.enqueueMutable(A, B, msg('1'))
    expect(n.options().map((o) => o.kind)).toEqual(['deliver', 'drop', 'duplicate'])
    const dup = n.takeMutable(n.options()[2]!)
    expect(dup.copy).toBe(1)
    expect(n.size).toBe(1) // the original stays pending
    expect(n.options().map((o) => o.kind)).toEqual(['deliver']) // fault budget spent
  })

  it('option 0 is always "deliver the oldest", so choosing 0 everywhere is the quiet run', () => {
    const n = new Network({ ordering: 'unordered', loss: true })
    n.enqueueMutable(B, A, msg('1'))
    n.enqueueMutable(A, B, msg('2'))
    expect(n.options()[0]).toMatchObject({ kind: 'deliver', env: { id: 1 } })
  })
})
