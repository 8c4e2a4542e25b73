/**
 * Swim lanes for the sequence diagram and the ladder exports: one lane per actor, grouped by
 * provider (the provider's own lane first, then its clients), so the reader sees who answers to
 * whom (draft-ietf-mimi-arch-02 §2: clients talk to their own provider, providers to the hub).
 * Order follows the trace's actor list (providers in scenario order, then clients user by user),
 * which is deterministic; nothing is sorted by name, so the hub stays where the scenario put it.
 */
import type { TraceActor } from '../../sim/trace/events.js'

export interface Lane {
  readonly id: string
  readonly label: string
  readonly kind: 'client' | 'provider'
  /** Position left to right, 0-based, over all lanes. */
  readonly index: number
  /** Index of the provider group the lane belongs to. */
  readonly group: number
  readonly hub: boolean
  readonly malicious: boolean
}

export interface LaneGroup {
  readonly provider: string
  readonly label: string
  readonly hub: boolean
  readonly malicious: boolean
  readonly lanes: readonly Lane[]
}

export interface LaneLayout {
  readonly groups: readonly LaneGroup[]
  readonly lanes: readonly Lane[]
  /** Lane index by actor id. */
  readonly indexOf: ReadonlyMap<string, number>
}

export function layoutLanes(actors: readonly TraceActor[]): LaneLayout {
  const order: string[] = []
  const members = new Map<string, TraceActor[]>()
  for (const a of actors) {
    if (!members.has(a.provider)) {
      order.push(a.provider)
      members.set(a.provider, [])
    }
    members.get(a.provider)!.push(a)
  }
  const groups: LaneGroup[] = []
  const lanes: Lane[] = []
  for (const [g, provider] of order.entries()) {
    const list = members.get(provider)!
    const own = list.find((a) => a.id === provider)
    const inGroup = own ? [own, ...list.filter((a) => a !== own)] : list
    const groupLanes = inGroup.map((a) => {
      const lane: Lane = { id: a.id, label: a.label, kind: a.kind, index: lanes.length, group: g, hub: a.hubOf.length > 0, malicious: a.malicious }
      lanes.push(lane)
      return lane
    })
    groups.push({
      provider,
      label: own?.label ?? provider.replace(/^mimi:\/\//, ''),
      hub: own ? own.hubOf.length > 0 : false,
      malicious: own?.malicious ?? false,
      lanes: groupLanes,
    })
  }
  return { groups, lanes, indexOf: new Map(lanes.map((l) => [l.id, l.index])) }
}

/** "hub", "malicious", "hub, malicious" or "" — the tags a lane header carries. */
export function laneTags(lane: Pick<Lane, 'hub' | 'malicious'>): string {
  return [lane.hub ? 'hub' : '', lane.malicious ? 'malicious' : ''].filter(Boolean).join(', ')
}
