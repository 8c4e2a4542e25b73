/**
 * `mimi-sim export --format ascii`: an RFC-style ladder diagram in plain ASCII, in the manner of the
 * figures of draft-ietf-mimi-protocol (lanes as `|` columns under the actor labels, `+---->|`
 * arrows with the message kind above them), so it can be pasted into a draft's `~~~ aasvg` block.
 * Dropped messages end in `X`, copies made by a duplicating network are drawn with `=`, internal
 * events are `*` marks on their lane. Each drawn line carries its event number `[i]` in the right
 * margin, and the numbered step list under the figure gives that event's one-line explanation.
 *
 * Gaps between lanes are sized per pair of neighbours, to fit the headers and the longest label that
 * sits in that gap, so the figure is as narrow as its content allows. Output is a pure function of
 * the trace: same trace, same bytes.
 */
import type { Trace } from '../../sim/trace/events.js'
import { laneTags } from '../layout/lanes.js'
import { arrowLabel, headerLine, itemLine, ladderOf, oneLine } from './items.js'

const MIN_GAP = 8

export function asciiLadder(trace: Trace): string {
  const ladder = ladderOf(trace)
  const lanes = ladder.layout.lanes
  const heads = lanes.map((l) => oneLine(l.label))
  const tags = lanes.map((l) => (laneTags(l) ? `(${laneTags(l)})` : ''))
  const headW = lanes.map((_, k) => Math.max(heads[k]!.length, tags[k]!.length))
  const gap = lanes.slice(1).map((_, k) => Math.max(MIN_GAP, Math.ceil(headW[k]! / 2) + Math.ceil(headW[k + 1]! / 2) + 2))
  for (const item of ladder.items) {
    if (item.kind !== 'arrow') continue
    const g = item.to > item.from ? item.from : item.from - 1
    gap[g] = Math.max(gap[g]!, arrowLabel(item.arrow).length + 4)
  }
  const col: number[] = []
  for (const [k] of lanes.entries()) col.push(k === 0 ? Math.ceil(headW[0]! / 2) : col[k - 1]! + gap[k - 1]!)
  const right = lanes.length ? col[lanes.length - 1]! + Math.ceil(headW[lanes.length - 1]! / 2) : 0
  const noteAt = right + 3

  const blank = (): string[] => {
    const row = Array<string>(noteAt).fill(' ')
    for (const c of col) row[c] = '|'
    return row
  }
  const put = (row: string[], at: number, text: string) => {
    for (const [k, ch] of [...text].entries()) row[at + k] = ch
  }
  const centred = (texts: readonly string[]) => {
    const row = Array<string>(noteAt).fill(' ')
    for (const [k, t] of texts.entries()) put(row, col[k]! - Math.floor(t.length / 2), t)
    return row
  }
  const out: string[][] = [centred(heads)]
  if (tags.some(Boolean)) out.push(centred(tags))
  out.push(blank())

  for (const item of ladder.items) {
    const note = (row: string[], text: string) => {
      const marks = ladder.witness.get(item.i)
      put(row, noteAt, oneLine(`[${item.i}] ${text}${marks ? ` !! ${marks.join(', ')}` : ''}`))
      return row
    }
    if (item.kind === 'mark') {
      if (item.type === 'step.begin' && out.length > 3) out.push(blank())
      const row = blank()
      row[col[item.lane]!] = '*'
      out.push(note(row, item.type))
      continue
    }
    const { from, to, arrow } = item
    const label = arrowLabel(arrow)
    const top = blank()
    put(top, to > from ? col[from]! + 2 : col[from]! - 1 - label.length, label)
    out.push(top)
    const line = blank()
    const [lo, hi] = from < to ? [col[from]!, col[to]!] : [col[to]!, col[from]!]
    for (let c = lo + 1; c < hi; c++) line[c] = arrow.end === 'copy' ? '=' : '-'
    line[col[from]!] = '+'
    if (arrow.end === 'drop') line[col[to]!] = 'X'
    else line[to > from ? col[to]! - 1 : col[to]! + 1] = to > from ? '>' : '<'
    out.push(note(line, `#${arrow.msg ?? '?'}`))
  }
  out.push(blank())

  const figure = out.map((row) => row.join('').trimEnd())
  const steps = ladder.items.map((item) => {
    const marks = ladder.witness.get(item.i)
    return oneLine(`[${item.i}] ${itemLine(item, ladder, trace)}${marks ? `  !! violates ${marks.join(', ')}` : ''}`)
  })
  const pending = ladder.pending.map((a) => oneLine(`- #${a.msg ?? '?'} ${a.kind} ${ladder.name(a.from)} -> ${ladder.name(a.to)}, sent at [${a.sendAt}], never delivered`))
  const verdicts = trace.verdicts.map((v) => oneLine(`- ${v.property}: ${v.status}${typeof v.at === 'number' ? ` at [${v.at}]` : ''}: ${v.explain}`))
  return [
    ...figure,
    '',
    oneLine(headerLine(trace)),
    '',
    ...steps,
    ...(pending.length ? ['', 'in flight when the run ended:', ...pending] : []),
    ...(verdicts.length ? ['', 'verdicts:', ...verdicts] : []),
    '',
  ].join('\n')
}
