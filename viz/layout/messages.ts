/**
 * Messages as arrows: each `net.send` paired with the event that ends it — a `net.deliver`, a
 * `net.drop` (the arrow ends in a cross), or nothing (still in flight when the trace ends). A
 * `net.duplicate` is followed at once by a delivery of the copy (docs/trace-format.md "net."); that
 * delivery is its own arrow, marked as a copy, while the original goes on to its own end.
 *
 * An arrow is "overtaken" when a message sent later to the same receiver arrived first: the
 * reordering that draft-ietf-mimi-protocol-06 §5.5 makes the hub's sequence numbers absorb. Event
 * fields are read defensively: readTrace checks only the common fields, so a hand-edited trace may
 * lack `msg` or `kind`; such events still get an arrow, anchored where they occur.
 */
import type { TraceEvent } from '../../sim/trace/events.js'

export type ArrowEnd = 'deliver' | 'copy' | 'drop' | 'pending'

export interface Arrow {
  readonly msg: number | null
  readonly from: string
  readonly to: string
  readonly kind: string
  readonly summary: string
  /** Event index of the send, or null when the trace has no send for this message. */
  readonly sendAt: number | null
  /** Event index where the arrow ends; for 'pending', the last event of the trace. */
  readonly endAt: number
  readonly end: ArrowEnd
  /** Virtual time between send and end (0 when the send is unknown). */
  readonly delay: number
  readonly overtaken: boolean
}

type Loose = TraceEvent & Record<string, unknown>

const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback)
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

export function arrowsOf(events: readonly TraceEvent[]): Arrow[] {
  const sends = new Map<number, Loose>()
  const ended = new Set<number>()
  const copyPending = new Set<number>()
  const out: Omit<Arrow, 'overtaken'>[] = []
  const push = (e: Loose, send: Loose | undefined, end: ArrowEnd, from: string, to: string) => {
    out.push({
      msg: num(e.msg),
      from,
      to,
      kind: str(e.kind, str(send?.kind, 'message')),
      summary: str(send?.summary, str(e.kind, '')),
      sendAt: send ? send.i : null,
      endAt: e.i,
      end,
      delay: send ? e.t - send.t : 0,
    })
  }
  for (const ev of events) {
    const e = ev as Loose
    const msg = num(e.msg)
    if (e.type === 'net.send') {
      if (msg !== null) sends.set(msg, e)
    } else if (e.type === 'net.duplicate') {
      if (msg !== null) copyPending.add(msg)
    } else if (e.type === 'net.deliver' || e.type === 'net.drop') {
      const send = msg === null ? undefined : sends.get(msg)
      const from = str(e.from, str(send?.actor, e.actor))
      const to = e.type === 'net.drop' ? str(e.to, e.actor) : e.actor
      let end: ArrowEnd = e.type === 'net.drop' ? 'drop' : 'deliver'
      if (end === 'deliver' && msg !== null && copyPending.has(msg)) {
        copyPending.delete(msg)
        end = 'copy'
      } else if (msg !== null) ended.add(msg)
      push(e, send, end, from, to)
    }
  }
  const last = events.length - 1
  for (const [msg, send] of [...sends.entries()].sort(([a], [b]) => a - b)) {
    if (ended.has(msg)) continue
    out.push({
      msg,
      from: send.actor,
      to: str(send.to, send.actor),
      kind: str(send.kind, 'message'),
      summary: str(send.summary, ''),
      sendAt: send.i,
      endAt: last,
      end: 'pending',
      delay: (events[last]?.t ?? send.t) - send.t,
    })
  }
  return markOvertaken(out)
}

/** Per receiver, walk arrows from the latest send back, remembering the earliest end seen. */
function markOvertaken(arrows: readonly Omit<Arrow, 'overtaken'>[]): Arrow[] {
  const overtaken = new Set<number>()
  const byReceiver = new Map<string, number[]>()
  for (const [k, a] of arrows.entries()) {
    if (a.sendAt === null || a.end === 'copy') continue
    const list = byReceiver.get(a.to) ?? []
    list.push(k)
    byReceiver.set(a.to, list)
  }
  for (const list of byReceiver.values()) {
    list.sort((x, y) => arrows[y]!.sendAt! - arrows[x]!.sendAt!)
    let earliestEnd = Number.POSITIVE_INFINITY
    for (const k of list) {
      const a = arrows[k]!
      if (earliestEnd < a.endAt) overtaken.add(k)
      earliestEnd = Math.min(earliestEnd, a.endAt)
    }
  }
  return arrows.map((a, k) => ({ ...a, overtaken: overtaken.has(k) }))
}
