/**
 * The sequence diagram: a sticky header of lanes grouped by provider (hub and malicious actors
 * marked), and a body with one row per event — a mark on the actor's lane for an internal event,
 * an arrow from send row to delivery row for a message (a cross for a drop, dashed for a network
 * copy or a message still in flight at the end), and the event's one-line explanation.
 *
 * Only the rows near the viewport are in the DOM (virtual scrolling), so a 5,000-event trace opens
 * as fast as a 50-event one; moving the cursor touches only the visible rows. All trace text goes
 * in with `.text()`, never as markup: labels come from a file the user may not have written.
 */
import { select, type Selection } from 'd3'
import type { TraceEvent } from '../../sim/trace/events.js'
import type { Arrow } from '../layout/messages.js'
import { categoryOf, isKnownType } from '../layout/kinds.js'
import { laneTags } from '../layout/lanes.js'
import { HEAD_H, ROW_H, visibleRows } from './geometry.js'
import type { ViewModel } from './model.js'

type G = Selection<SVGGElement, unknown, null, undefined>

export interface Diagram {
  /** Move the cursor; scrolls it into view and re-marks past, in-flight and future. */
  setCursor(i: number): void
}

export function drawDiagram(host: HTMLElement, vm: ViewModel, onPick: (i: number) => void): Diagram {
  const { geo, layout, trace } = vm
  const root = select(host).append('section').attr('class', 'diagram')
  legend(root.append('div').attr('class', 'legend'))
  const scroller = root.append('div').attr('class', 'scroller').attr('tabindex', '-1')
  const head = scroller.append('svg').attr('class', 'lanes-head').attr('width', geo.width).attr('height', HEAD_H)
  const body = scroller.append('svg').attr('class', 'lanes-body').attr('width', geo.width).attr('height', geo.height)
  markers(body.append('defs'))

  // Static: provider boxes and lane lines span the whole height.
  for (const [g, group] of layout.groups.entries()) {
    const box = geo.groupBox[g]!
    const cls = `group${group.malicious ? ' malicious' : ''}${group.hub ? ' hub' : ''}`
    head.append('rect').attr('class', cls).attr('x', box.x0).attr('y', 2).attr('width', box.x1 - box.x0).attr('height', HEAD_H - 4).attr('rx', 6)
    head.append('text').attr('class', 'group-label').attr('x', (box.x0 + box.x1) / 2).attr('y', 16).text(`${group.label}${laneTags(group) ? ` · ${laneTags(group)}` : ''}`)
    body.append('rect').attr('class', cls).attr('x', box.x0).attr('y', 0).attr('width', box.x1 - box.x0).attr('height', geo.height)
  }
  for (const lane of layout.lanes) {
    const x = geo.laneX[lane.index]!
    const cls = `lane ${lane.kind}${lane.malicious ? ' malicious' : ''}${lane.hub ? ' hub' : ''}`
    const h = head.append('g').attr('class', cls).attr('transform', `translate(${x},0)`)
    h.append('text').attr('class', 'lane-label').attr('y', 38).text(lane.label)
    const tags = [lane.hub ? 'hub' : '', lane.malicious ? '⚠ malicious' : ''].filter(Boolean).join(' · ')
    if (tags) h.append('text').attr('class', 'lane-tag').attr('y', 53).text(tags)
    h.append('title').text(`${lane.id}${tags ? ` (${tags})` : ''}`)
    body.append('line').attr('class', cls).attr('x1', x).attr('x2', x).attr('y1', 0).attr('y2', geo.height)
  }
  head.append('text').attr('class', 'col-head').attr('x', 6).attr('y', 53).text('event  t')
  head.append('text').attr('class', 'col-head').attr('x', geo.textX).attr('y', 53).text('what happened')

  const cursor = body.append('rect').attr('class', 'cursor').attr('x', 0).attr('width', geo.width).attr('height', ROW_H)
  const arrowLayer = body.append('g').attr('class', 'arrows')
  const rowLayer = body.append('g').attr('class', 'rows')
  rowLayer.on('click', (ev: MouseEvent) => {
    const row = (ev.target as Element).closest('g.row')
    const i = row ? Number(row.getAttribute('data-i')) : Number.NaN
    if (Number.isInteger(i)) onPick(i)
  })

  let cur = 0
  let shown: readonly [number, number] = [-1, -1]
  const node = scroller.node()!
  // Geometry of the viewport, cached: reading it after a DOM change would force a layout per step.
  let top = 0
  let viewH = node.clientHeight
  window.addEventListener('resize', () => {
    viewH = node.clientHeight
    render()
  })

  const render = () => {
    const win = visibleRows(top, viewH, trace.events.length)
    if (win[0] !== shown[0] || win[1] !== shown[1]) {
      shown = win
      drawRows(rowLayer, vm, trace.events.slice(win[0], win[1] + 1))
      drawArrows(arrowLayer, vm, vm.arrows.filter((a) => Math.min(a.sendAt ?? a.endAt, a.endAt) <= win[1] && a.endAt >= win[0]))
    }
    mark()
  }
  const mark = () => {
    rowLayer.selectAll<SVGGElement, TraceEvent>('g.row').classed('future', (e) => e.i > cur).classed('current', (e) => e.i === cur)
    arrowLayer
      .selectAll<SVGGElement, Arrow>('g.arrow')
      .classed('future', (a) => (a.sendAt ?? a.endAt) > cur)
      .classed('inflight', (a) => (a.sendAt ?? a.endAt) <= cur && cur < a.endAt)
      .classed('ending', (a) => a.endAt === cur)
  }
  let pending = false
  node.addEventListener('scroll', () => {
    if (pending) return
    pending = true
    requestAnimationFrame(() => {
      pending = false
      top = node.scrollTop
      render()
    })
  })

  const diagram: Diagram = {
    setCursor(i) {
      cur = i
      cursor.attr('y', i * ROW_H + 4)
      const y = i * ROW_H
      const view = viewH - HEAD_H
      if (y < top || y + ROW_H * 2 > top + view) {
        top = Math.max(0, Math.min(y - view / 2, vm.geo.height + HEAD_H - viewH))
        node.scrollTop = top
      }
      render()
    },
  }
  return diagram
}

function drawRows(layer: G, vm: ViewModel, events: readonly TraceEvent[]): void {
  const { geo, layout } = vm
  layer
    .selectAll<SVGGElement, TraceEvent>('g.row')
    .data(events, (e) => String(e.i))
    .join((enter) =>
      enter.append('g').each(function (e) {
        const g = select(this)
        const cat = categoryOf(e.type)
        const y = geo.rowY(e.i)
        const witness = vm.witness.get(e.i)
        g.attr('class', `row cat-${cat}${witness ? ' witness' : ''}${isKnownType(e.type) ? '' : ' unknown'}`)
          .attr('data-i', e.i)
          .attr('data-type', e.type)
        g.append('rect').attr('class', 'hit').attr('x', 0).attr('y', y - ROW_H / 2).attr('width', geo.width).attr('height', ROW_H)
        const prev = vm.trace.events[e.i - 1]
        if (!prev || prev.step !== e.step) {
          g.append('line').attr('class', 'step-sep').attr('x1', 0).attr('x2', geo.width).attr('y1', y - ROW_H / 2).attr('y2', y - ROW_H / 2)
          g.append('text').attr('class', 'step-label').attr('x', geo.textX - 10).attr('y', y - ROW_H / 2 + 9).text(e.step < 0 ? 'setup' : `step ${e.step}`)
        }
        const gutter = g.append('text').attr('class', 'gutter').attr('x', 6).attr('y', y + 4)
        gutter.append('tspan').text(String(e.i))
        gutter.append('tspan').attr('x', 44).text(String(e.t))
        const lane = layout.indexOf.get(e.actor)
        if (lane !== undefined && e.type !== 'net.deliver' && e.type !== 'net.drop') glyph(g, e.type, cat, geo.laneX[lane]!, y)
        const line = g.append('text').attr('class', 'explain').attr('x', geo.textX).attr('y', y + 4)
        line.append('tspan').attr('class', 'type').text(e.type)
        line.append('tspan').attr('dx', 8).text(e.explain)
        if (witness) line.append('tspan').attr('class', 'violation').attr('dx', 8).text(`!! violates ${witness.map((v) => v.property).join(', ')}`)
        g.append('title').text(`event ${e.i} · step ${e.step} · t=${e.t} · ${e.type}${isKnownType(e.type) ? '' : ' (type unknown to this viewer)'}\n${e.explain}`)
      }),
    )
}

function glyph(g: G, type: string, cat: string, x: number, y: number): void {
  const m = g.append('g').attr('class', `glyph g-${cat}`).attr('transform', `translate(${x},${y})`)
  if (type === 'net.send') m.append('circle').attr('r', 2.5)
  else if (type === 'net.duplicate') m.append('text').attr('class', 'dup').attr('y', 4).text('×2')
  else if (cat === 'attack') m.append('path').attr('d', 'M0,-7L7,0L0,7L-7,0Z')
  else if (cat === 'reject' || cat === 'fail') m.append('path').attr('d', 'M-5,-5L5,5M5,-5L-5,5')
  else if (cat === 'state') m.append('rect').attr('x', -4).attr('y', -4).attr('width', 8).attr('height', 8)
  else if (cat === 'step') m.append('path').attr('d', 'M-6,-5L6,0L-6,5Z')
  else if (cat === 'intent') m.append('path').attr('d', 'M-4,-4L4,0L-4,4')
  else m.append('circle').attr('r', cat === 'app' || cat === 'commit' ? 5 : 4)
  if (!isKnownType(type)) m.append('text').attr('class', 'unknown-mark').attr('y', 3.5).text('?')
}

function drawArrows(layer: G, vm: ViewModel, arrows: readonly Arrow[]): void {
  const { geo, layout } = vm
  layer
    .selectAll<SVGGElement, Arrow>('g.arrow')
    .data(arrows, (a) => `${a.msg}:${a.endAt}:${a.end}`)
    .join((enter) =>
      enter.append('g').each(function (a) {
        const from = layout.indexOf.get(a.from)
        const to = layout.indexOf.get(a.to)
        const g = select(this)
        const group = /Response$/.test(a.kind) ? 'response' : a.kind === 'notify' ? 'notify' : a.kind === 'acl' ? 'acl' : 'request'
        g.attr('class', `arrow end-${a.end} k-${group}${a.overtaken ? ' overtaken' : ''}`)
        if (from === undefined || to === undefined) return
        const x1 = geo.laneX[from]!
        const x2 = geo.laneX[to]!
        const y1 = geo.rowY(a.sendAt ?? a.endAt)
        const y2 = geo.rowY(a.endAt)
        const dir = Math.sign(x2 - x1) || 1
        const xe = a.end === 'drop' ? x2 : x2 - dir * 3
        g.append('line').attr('x1', x1).attr('y1', y1).attr('x2', xe).attr('y2', y2).attr('marker-end', a.end === 'drop' || a.end === 'pending' ? null : `url(#head-${group})`)
        if (a.end === 'drop') g.append('path').attr('class', 'cross').attr('d', `M${x2 - 6},${y2 - 6}L${x2 + 6},${y2 + 6}M${x2 + 6},${y2 - 6}L${x2 - 6},${y2 + 6}`)
        const label = `${a.kind}${a.end === 'copy' ? ' (copy)' : a.end === 'drop' ? ' (dropped)' : a.end === 'pending' ? ' (in flight)' : ''}`
        const lx = x1 + (x2 - x1) * 0.5
        const ly = y1 + (y2 - y1) * 0.5 - 3
        g.append('text').attr('class', 'arrow-label').attr('x', lx).attr('y', ly).text(label)
        const delay = a.sendAt === null ? '' : `, sent at event ${a.sendAt}, ${a.end === 'pending' ? 'never delivered' : `${a.end === 'drop' ? 'dropped' : 'delivered'} at event ${a.endAt}`} (Δt ${a.delay})`
        g.append('title').text(`#${a.msg ?? '?'} ${a.kind} ${vm.name(a.from)} → ${vm.name(a.to)}${delay}${a.overtaken ? '; overtaken by a later message' : ''}${a.summary ? `\n${a.summary}` : ''}`)
      }),
    )
}

function markers(defs: Selection<SVGDefsElement, unknown, null, undefined>): void {
  for (const k of ['request', 'response', 'notify', 'acl']) {
    defs
      .append('marker')
      .attr('id', `head-${k}`)
      .attr('class', `head k-${k}`)
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 9)
      .attr('refY', 5)
      .attr('markerWidth', 7)
      .attr('markerHeight', 7)
      .attr('orient', 'auto-start-reverse')
      .append('path')
      .attr('d', 'M0,0L10,5L0,10Z')
  }
}

function legend(box: Selection<HTMLDivElement, unknown, null, undefined>): void {
  const items: [string, string][] = [
    ['attack.inject', 'adversary move'],
    ['mls.commit', 'commit / join'],
    ['mls.reject', 'rejection / failure'],
    ['client.state', 'client state'],
    ['app.receive', 'message sent / decrypted'],
    ['step.begin', 'scenario step'],
  ]
  for (const [type, text] of items) {
    const item = box.append('span').attr('class', 'legend-item')
    glyph(item.append('svg').attr('width', 16).attr('height', 16).append('g'), type, categoryOf(type), 8, 8)
    item.append('span').text(text)
  }
  for (const [cls, text] of [['k-request', 'request'], ['k-notify', 'notify fanout'], ['k-acl', 'provider ACL'], ['end-drop', 'dropped ✕'], ['end-copy', 'network copy'], ['overtaken', 'overtaken']] as const) {
    const item = box.append('span').attr('class', `legend-item arrow ${cls}`)
    item.append('svg').attr('width', 26).attr('height', 10).append('line').attr('x1', 1).attr('x2', 25).attr('y1', 5).attr('y2', 5)
    item.append('span').text(text)
  }
  box.append('span').attr('class', 'legend-item hint').text('? = event type this viewer does not know · click a row to jump')
}

