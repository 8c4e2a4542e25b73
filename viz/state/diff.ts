/**
 * Which fields changed between two snapshots, for the panel's "changed since the previous step"
 * highlight. Snapshots share unchanged records, so an untouched actor costs one reference compare.
 */
import type { ClientRoomState, ProviderState } from './types.js'

export type ClientField = 'epoch' | 'members' | 'policy' | 'digest' | 'removed' | 'pending' | 'intent' | 'reported' | 'received' | 'problem' | 'extras'
export type ProviderField = 'hosts' | 'epochs' | 'pending' | 'moves' | 'problem' | 'extras'

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b)

const CLIENT_FIELDS: readonly ClientField[] = ['epoch', 'members', 'policy', 'digest', 'removed', 'pending', 'intent', 'reported', 'received', 'problem', 'extras']
const PROVIDER_FIELDS: readonly ProviderField[] = ['hosts', 'epochs', 'pending', 'moves', 'problem', 'extras']

/** Fields of `now` that differ from `before`; every set field when the record is new. */
export function clientChanges(before: ClientRoomState | undefined, now: ClientRoomState): ReadonlySet<ClientField> {
  if (before === now) return new Set()
  return new Set(CLIENT_FIELDS.filter((f) => !before || !same(before[f], now[f])))
}

export function providerChanges(before: ProviderState | undefined, now: ProviderState): ReadonlySet<ProviderField> {
  if (before === now) return new Set()
  return new Set(PROVIDER_FIELDS.filter((f) => !before || !same(before[f], now[f])))
}
