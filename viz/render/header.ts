/**
 * The page header: what was run (scenario, its description, design, engine, seed, tool) and a file
 * picker to open another trace without restarting the viewer.
 */
import { select } from 'd3'
import type { Trace } from '../../sim/trace/events.js'

export function drawHeader(host: HTMLElement, trace: Trace | null, onOpen: (text: string, name: string) => void): void {
  const head = select(host).append('header').attr('class', 'top')
  const title = head.append('div').attr('class', 'title')
  title.append('h1').text(trace ? trace.meta.scenario : 'mimi-sim trace viewer')
  if (trace) {
    const design = Object.entries(trace.meta.design).map(([k, v]) => `${k}=${v}`).join(', ')
    title.append('div').attr('class', 'meta').text(`design ${design || '(default)'} · engine ${trace.meta.engine} · seed ${trace.meta.seed ?? '—'} · ${trace.events.length} events · ${trace.meta.tool}`)
    title.append('p').attr('class', 'description').text(trace.meta.description)
  }
  const open = head.append('label').attr('class', 'open')
  open.append('span').text('open another trace… ')
  open
    .append('input')
    .attr('type', 'file')
    .attr('accept', '.json,application/json')
    .on('change', function () {
      const file = (this as HTMLInputElement).files?.[0]
      if (file) void file.text().then((text) => onOpen(text, file.name))
    })
}
