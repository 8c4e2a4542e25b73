/**
 * The drawable items of a ladder, shared by the ASCII and Mermaid exports: one arrow per message
 * delivery, copy or drop (at the event that ends it, since a ladder has no diagonal arrows), and one
 * mark per internal event. `net.send` and `net.duplicate` draw nothing of their own: the arrow that
 * ends the message names them. Messages still in flight at the end are listed, not drawn.
 */
import type { Trace } from '../../sim/trace/events.js'
import { arrowsOf, type Arrow } from '../layout/messages.js'
import { layoutLanes, type LaneLayout } from '../layout/lanes.js'
import { namer, type NameOf } from '../layout/names.js'

export type Item =
  | { readonly kind: 'arrow'; readonly i: number; readonly from: number; readonly to: number; readonly arrow: Arrow }
  | { readonly kind: 'mark'; readonly i: number; readonly lane: number; readonly type: string; readonly explain: string }

export interface Ladder {
  readonly layout: LaneLayout
  readonly items: readonly Item[]
  readonly pending: readonly Arrow[]
  /** Event index → properties it witnesses a violation of. */
  readonly witness: ReadonlyMap<number, readonly string[]>
  readonly name: NameOf
}

export function ladderOf(trace: Trace): Ladder {
  const layout = layoutLanes(trace.actors)
  const arrows = arrowsOf(trace.events)
  const byEnd = new Map(arrows.filter((a) => a.end !== 'pending').map((a) => [a.endAt, a] as const))
  const items: Item[] = []
  for (const e of trace.events) {
    if (e.type === 'net.send' || e.type === 'net.duplicate') continue
    const arrow = byEnd.get(e.i)
    const from = arrow ? layout.indexOf.get(arrow.from) : undefined
    const to = arrow ? layout.indexOf.get(arrow.to) : undefined
    if (arrow && from !== undefined && to !== undefined && from !== to) items.push({ kind: 'arrow', i: e.i, from, to, arrow })
    else items.push({ kind: 'mark', i: e.i, lane: layout.indexOf.get(e.actor) ?? 0, type: e.type, explain: e.explain })
  }
  const witness = new Map<number, string[]>()
  for (const v of trace.verdicts) {
    if (v.status !== 'violated' || typeof v.at !== 'number') continue
    witness.set(v.at, [...(witness.get(v.at) ?? []), v.property])
  }
  return { layout, items, pending: arrows.filter((a) => a.end === 'pending'), witness, name: namer(trace.actors) }
}

/** Control characters (a newline in a label would break every lane) become spaces. */
export const oneLine = (text: string): string => text.replace(/[\u0000-\u001f\u007f]+/g, ' ')

/** The label an arrow carries: its message kind, and how it ended when it was not delivered. */
export function arrowLabel(a: Arrow): string {
  const kind = oneLine(a.kind)
  return a.end === 'drop' ? `${kind} (dropped)` : a.end === 'copy' ? `${kind} (copy)` : kind
}

/** One line for the step list: who did what, in the trace's own words. */
export function itemLine(item: Item, ladder: Ladder, trace: Trace): string {
  if (item.kind === 'arrow') {
    const a = item.arrow
    const sent = a.sendAt === null ? '' : `, sent at [${a.sendAt}]`
    const summary = a.summary && a.summary !== a.kind ? `: ${a.summary}` : ''
    return `${ladder.name(a.from)} -> ${ladder.name(a.to)}: #${a.msg ?? '?'} ${arrowLabel(a)}${sent}${summary}`
  }
  const e = trace.events[item.i]!
  return `${ladder.name(e.actor)} ${item.type}: ${item.explain}`
}

export const headerLine = (trace: Trace): string => {
  const design = Object.entries(trace.meta.design).map(([k, v]) => `${k}=${v}`).join(',')
  return `mimi-sim export: ${trace.meta.scenario}, design ${design || '(default)'}, engine ${trace.meta.engine}, seed ${trace.meta.seed ?? 'none'}`
}
