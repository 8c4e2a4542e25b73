/**
 * The trace contract (design.md "Trace"; documented in docs/trace-format.md): the one TraceEvent
 * union, defined here and imported by properties/ and viz/.
 *
 * Every event has its sequence number `i`, the scenario `step` it belongs to (-1 for setup), the
 * virtual time `t`, the acting actor, the room and epoch when known, and a one-line `explain`.
 * Model observations (notes) keep their own tags; the simulator adds network and step events.
 */
import type { Note } from '../../model/effects.js'
import type { MessageType } from '../../model/protocol/messages.js'
import type { StepAction } from '../scenario/types.js'
import type { RoomState } from '../../model/policy/roomState.js'

export const TRACE_FORMAT = 'mimi-sim/trace'
export const TRACE_VERSION = 2

export interface TraceBase {
  readonly i: number
  readonly step: number
  readonly t: number
  readonly actor: string
  readonly room: string | null
  readonly epoch: number | null
  readonly explain: string
}

export type NetEvent =
  | { readonly type: 'net.send'; readonly msg: number; readonly to: string; readonly kind: MessageType; readonly summary: string }
  | { readonly type: 'net.deliver'; readonly msg: number; readonly from: string; readonly kind: MessageType }
  | { readonly type: 'net.drop'; readonly msg: number; readonly from: string; readonly to: string; readonly kind: MessageType }
  | { readonly type: 'net.duplicate'; readonly msg: number; readonly copy: number; readonly from: string; readonly to: string; readonly kind: MessageType }

export type SimEvent =
  | { readonly type: 'room.create'; readonly kind: string; readonly roles: string; readonly participants: readonly (readonly [string, number])[]; readonly policy: RoomState }
  | { readonly type: 'step.begin'; readonly action: StepAction }
  | { readonly type: 'step.skip'; readonly action: StepAction; readonly reason: string }

type Body<N> = N extends unknown ? Omit<N, 'actor' | 'room' | 'epoch' | 'explain'> : never

export type TraceEvent = TraceBase & (Body<Note> | NetEvent | SimEvent)
export type TraceEventType = TraceEvent['type']

export interface TraceActor {
  readonly id: string
  readonly label: string
  readonly kind: 'client' | 'provider'
  readonly provider: string
  readonly user: string | null
  /** Rooms this provider hosts (hub), empty for clients and followers. */
  readonly hubOf: readonly string[]
  readonly malicious: boolean
}

export interface TraceVerdict {
  readonly property: string
  readonly status: 'holds' | 'violated'
  readonly expected: 'holds' | 'violated' | null
  readonly spec: readonly string[]
  /** Index of the event that witnesses the violation, or null. */
  readonly at: number | null
  readonly explain: string
}

export interface TraceMeta {
  readonly scenario: string
  readonly description: string
  readonly spec: readonly string[]
  readonly design: Readonly<Record<string, string>>
  readonly seed: number | null
  /** The choice list that replays this run exactly (`mimi-sim run --choices`). */
  readonly choices: readonly number[]
  readonly engine: 'real' | 'symbolic'
  readonly tool: string
}

export interface Trace {
  readonly format: typeof TRACE_FORMAT
  readonly version: typeof TRACE_VERSION
  readonly meta: TraceMeta
  readonly actors: readonly TraceActor[]
  readonly events: readonly TraceEvent[]
  readonly verdicts: readonly TraceVerdict[]
}
