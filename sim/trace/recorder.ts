/**
 * Collects trace events in order, stamping each with its sequence number, scenario step and virtual
 * time. The virtual clock advances by one tick per network delivery, drop or duplication, and by
 * TIMEOUT_TICKS when a client's timer fires on a quiet network: time in
 * the simulator is "how many things the network has done", which is all a trace needs to order
 * events and all a property may rely on (no wall clock anywhere).
 */
import type { Note } from '../../model/effects.js'
import type { TraceEvent } from './events.js'

type Body = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 'i' | 'step' | 't' | 'actor' | 'room' | 'epoch' | 'explain'> : never) : never

export class Recorder {
  readonly events: TraceEvent[] = []
  step = -1
  t = 0

  tickMutable(): void {
    this.t += 1
  }

  /** A timer fired: the network has been quiet for `ticks`. */
  advanceMutable(ticks: number): void {
    this.t += ticks
  }

  add(actor: string, room: string | null, epoch: number | null, body: Body, explain: string): TraceEvent {
    const event = { i: this.events.length, step: this.step, t: this.t, actor, room, epoch, explain, ...body } as TraceEvent
    this.events.push(event)
    return event
  }

  note(n: Note): TraceEvent {
    const { actor, room, epoch, explain, ...body } = n
    return this.add(actor, room, epoch, body as Body, explain)
  }
}
