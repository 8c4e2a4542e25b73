import { describe, expect, it } from 'vitest'
import { canonical, readPolicy, roleName, roleTables } from '../../../viz/state/policy.js'
import { clientChanges } from '../../../viz/state/diff.js'
import { foldSnapshots } from '../../../viz/state/fold.js'
import { clientKey } from '../../../viz/state/types.js'
import { fixture } from '../helpers.js'

describe('readPolicy', () => {
  it('reads both policy shapes: a template name, or the role set itself', () => {
    const p = [['mimi://a.example/u/alice', 3]]
    expect(readPolicy({ roles: 'cooperative', participants: p })).toMatchObject({ roles: 'cooperative', participants: p })
    expect(readPolicy({ roles: { name: 'cooperative', roles: [] }, participants: p, preauth: [] })).toMatchObject({ roles: 'cooperative', participants: p })
    expect(readPolicy({ roles: 3, participants: p })).toBeNull()
    expect(readPolicy({ roles: 'x', participants: [['u', 'admin']] })).toBeNull()
  })

  it('compares whole policies regardless of key order, and tells apart any differing component', () => {
    expect(canonical({ b: [1, { y: 2, x: 1 }], a: null })).toBe(canonical({ a: null, b: [1, { x: 1, y: 2 }] }))
    const p = { roles: 'cooperative', participants: [['u', 2]] }
    expect(readPolicy({ ...p, preauth: [] })!.key).not.toBe(readPolicy({ ...p, preauth: ['u'] })!.key)
  })

  it('names roles from the role sets a trace carries, and from the cooperative template otherwise', () => {
    const tables = roleTables(fixture('s2-mls').events)
    expect([2, 3, 5].map((k) => roleName(tables, 'cooperative', k))).toEqual(['ordinary_user', 'group_admin', 'policy_enforcer'])
    const v1 = roleTables(fixture('s2-service').events)
    expect(roleName(v1, 'cooperative', 3)).toBe('group_admin')
    expect(roleName(v1, 'custom', 3)).toBe('role 3')
  })
})

describe('clientChanges', () => {
  it('lists exactly the fields that changed at an event', () => {
    const t = fixture('s2-service')
    const snaps = foldSnapshots(t)
    const key = clientKey('mimi://a.example/r/clubhouse', 'mimi://a.example/d/alice/1')
    const applied = t.events.find((e) => e.type === 'mls.apply')!.i
    expect(t.events[applied + 1]!.type).toBe('client.state')
    expect(clientChanges(snaps[applied - 1]!.clients[key], snaps[applied]!.clients[key]!).size).toBe(0)
    expect([...clientChanges(snaps[applied]!.clients[key], snaps[applied + 1]!.clients[key]!)]).toEqual(['epoch', 'members', 'policy', 'digest', 'pending'])
    const received = t.events.find((e) => e.type === 'app.receive' && e.actor === 'mimi://b.example/d/bob/1')!.i
    const bob = clientKey('mimi://a.example/r/clubhouse', 'mimi://b.example/d/bob/1')
    expect([...clientChanges(snaps[received - 1]!.clients[bob], snaps[received]!.clients[bob]!)]).toEqual(['received'])
  })
})
