/**
 * The scenario package: the contract (types.ts), its validation (validate.ts) and loading from disk
 * (load.ts). Front ends import from here.
 */
export * from './types.js'
export { validateScenario, type ScenarioValidation } from './validate.js'
export { listScenarioFiles, loadScenarioFile, parseJson, type ScenarioLoad } from './load.js'
