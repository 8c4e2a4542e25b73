export {
  TRACE_FORMAT,
  TRACE_VERSION,
  type Trace,
  type TraceActor,
  type TraceBase,
  type TraceEvent,
  type TraceEventType,
  type TraceMeta,
  type TraceVerdict,
  type NetEvent,
  type SimEvent,
} from './events.js'
export { Recorder } from './recorder.js'
export { readTrace, type TraceRead } from './read.js'
