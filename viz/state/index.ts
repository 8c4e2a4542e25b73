/** The state panel's model: snapshots folded from trace events, their highlights and changes. */
export { foldSnapshots } from './fold.js'
export { flagsOf, intrudersOf, policyKey, type ClientFlags, type EntryFlag } from './checks.js'
export { clientChanges, providerChanges, type ClientField, type ProviderField } from './diff.js'
export { canonical, readPolicy, roleName, roleTables, type RoleTables } from './policy.js'
export { clientKey, type ClientRoomState, type Extra, type Mark, type PolicyView, type Proposal, type ProviderState, type Snapshot } from './types.js'
