/**
 * Plain-text rendering for the terminal: verdict lines and aligned tables. No colours, so output
 * stays readable in CI logs and when piped.
 */
import type { TraceVerdict } from '../trace/events.js'

export function verdictLines(verdicts: readonly TraceVerdict[]): string[] {
  const w = Math.max(...verdicts.map((v) => v.property.length))
  return verdicts.map((v) => {
    const mark = v.expected === null ? ' ' : v.expected === v.status ? '✓' : '✗'
    const exp = v.expected === null ? '' : v.expected === v.status ? ' (as expected)' : ` (EXPECTED ${v.expected})`
    const at = v.at === null ? '' : ` at event ${v.at}`
    return `${mark} ${v.property.padEnd(w)}  ${v.status}${exp}${at}${v.status === 'violated' ? `: ${v.explain}` : ''}`
  })
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)))
  const line = (cells: readonly string[]) => cells.map((c, k) => c.padEnd(widths[k]!)).join('  ').trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}
