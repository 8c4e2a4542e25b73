export { hubMachine, followerMachine, type ProviderEvent } from './machines.js'
export type { ProviderContext, ProviderInput, HostedRoom, FollowedRoom, Malice } from './context.js'
export { PROVIDER_PASS_THROUGH } from './context.js'
