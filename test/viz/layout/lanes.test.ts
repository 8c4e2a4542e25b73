import { describe, expect, it } from 'vitest'
import { layoutLanes, laneTags } from '../../../viz/layout/lanes.js'
import { fixture } from '../helpers.js'

describe('layoutLanes', () => {
  const s2 = fixture('s2-service')
  const layout = layoutLanes(s2.actors)

  it('groups lanes by provider, each provider first and then its clients, in trace order', () => {
    expect(layout.groups.map((g) => [g.label, g.lanes.map((l) => l.label)])).toEqual([
      ['a.example', ['a.example', 'alice/1', 'eve/1']],
      ['b.example', ['b.example', 'bob/1']],
    ])
    expect(layout.lanes.map((l) => l.index)).toEqual([0, 1, 2, 3, 4])
    for (const a of s2.actors) expect(layout.lanes[layout.indexOf.get(a.id)!]!.id).toBe(a.id)
  })

  it('marks the hub and every malicious actor, as the trace declares them', () => {
    const tags = Object.fromEntries(layout.lanes.map((l) => [l.label, laneTags(l)]))
    expect(tags).toEqual({ 'a.example': 'hub, malicious', 'alice/1': '', 'eve/1': 'malicious', 'b.example': '', 'bob/1': '' })
    expect(layout.groups.map((g) => [g.hub, g.malicious])).toEqual([[true, true], [false, false]])
  })

  it('gives a client whose provider is not an actor a group of its own, named after the provider', () => {
    const lone = { id: 'mimi://z.example/d/zed/1', label: 'zed/1', kind: 'client' as const, provider: 'mimi://z.example', user: 'mimi://z.example/u/zed', hubOf: [], malicious: false }
    const l = layoutLanes([...s2.actors, lone])
    expect(l.groups.at(-1)).toMatchObject({ label: 'z.example', hub: false, lanes: [{ label: 'zed/1', index: 5 }] })
  })
})
