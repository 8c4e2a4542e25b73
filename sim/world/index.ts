export { resolveWorld, stepActor, type World, type WorldProvider, type WorldRoom, type WorldUser } from './resolve.js'
export { setupWorld, KEY_PACKAGES_PER_CLIENT, type Setup } from './setup.js'
