export { check, scenarioOf, type CheckOptions, type CheckResult, type Counterexample } from './search.js'
export { SMALL_WORLD } from './world.js'
export { runArbitrary, stepArbitrary, type GeneratedRun } from './arbitraries.js'
