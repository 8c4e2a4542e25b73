/**
 * `mimi-sim export --format mermaid`: a Mermaid `sequenceDiagram` that GitHub renders in Markdown.
 * Participants are grouped in one `box` per provider (tinted for a malicious provider), arrows are
 * drawn at the event that ends the message (`->>` delivered, `-->>` a network copy, `-x` dropped),
 * internal events are `Note over` their actor, and the event that witnesses a violation is set in
 * a red `rect`. Every piece of trace text goes through `mermaidText`, which turns line breaks into
 * spaces and the characters Mermaid would parse (`;` ends a statement, `#` starts an entity, `%%` a
 * comment, `<>` markup) into `#code;` entities, so labels cannot break the diagram or inject markup.
 */
import type { Trace } from '../../sim/trace/events.js'
import { laneTags } from '../layout/lanes.js'
import { arrowLabel, headerLine, ladderOf } from './items.js'

const ENTITY = /[#;<>"&%{}\\`|]/g

export function mermaidText(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(ENTITY, (ch) => `#${ch.charCodeAt(0)};`)
}

export function mermaidSequence(trace: Trace): string {
  const ladder = ladderOf(trace)
  const id = (lane: number) => `A${lane}`
  const lines = ['sequenceDiagram', `%% ${mermaidText(headerLine(trace))}`]
  for (const group of ladder.layout.groups) {
    const tags = laneTags(group)
    // Mermaid reads a box's colour greedily up to the last `)`, so parentheses in the title are entities.
    const title = mermaidText(group.label + (tags ? ` (${tags})` : '')).replace(/[()]/g, (ch) => `#${ch.charCodeAt(0)};`)
    lines.push(`  box ${group.malicious ? 'rgb(255,228,228)' : 'transparent'} ${title}`)
    for (const lane of group.lanes) {
      const t = lane.kind === 'client' && lane.malicious ? ' (malicious)' : ''
      lines.push(`    participant ${id(lane.index)} as ${mermaidText(lane.label + t)}`)
    }
    lines.push('  end')
  }
  for (const item of ladder.items) {
    const marks = ladder.witness.get(item.i)
    const flag = marks ? ` !! violates ${marks.join(', ')}` : ''
    if (marks) lines.push('  rect rgb(255,214,214)')
    const pad = marks ? '    ' : '  '
    if (item.kind === 'mark') {
      lines.push(`${pad}Note over ${id(item.lane)}: ${mermaidText(`[${item.i}] ${item.explain}${flag}`)}`)
    } else {
      const a = item.arrow
      const arrow = a.end === 'drop' ? '-x' : a.end === 'copy' ? '-->>' : '->>'
      lines.push(`${pad}${id(item.from)}${arrow}${id(item.to)}: ${mermaidText(`[${item.i}] ${arrowLabel(a)} (msg ${a.msg ?? '?'})${flag}`)}`)
    }
    if (marks) lines.push('  end')
  }
  for (const a of ladder.pending) {
    const from = ladder.layout.indexOf.get(a.from)
    const to = ladder.layout.indexOf.get(a.to)
    if (from === undefined || to === undefined || from === to) continue
    lines.push(`  ${id(from)}-)${id(to)}: ${mermaidText(`${a.kind} (msg ${a.msg ?? '?'}, never delivered)`)}`)
  }
  return lines.join('\n') + '\n'
}
