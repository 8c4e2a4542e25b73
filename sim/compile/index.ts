export { compileMachine, CompileError, type Candidate, type CompiledMachine, type Snap } from './compileMachine.js'
export { MODEL_MACHINES, type ActorKind } from './machines.js'
