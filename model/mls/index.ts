export type {
  EngineName,
  MlsIdentity,
  ExternalSenderIdentity,
  KeyPackage,
  Wire,
  GroupState,
  GroupView,
  ChangeSender,
  IncomingChange,
  Verdict,
  Validator,
  ProcessResult,
  CommitRequest,
  CommitResult,
  JoinResult,
  MlsEngine,
  MlsEngineFactory,
} from './types.js'
export { acceptEverything } from './types.js'
export { sameWire } from './sameWire.js'
export { createRealMls } from './real/realMls.js'
export { createSymbolicMls } from './symbolic/symbolicMls.js'
