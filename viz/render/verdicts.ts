/**
 * The verdicts: every property with holds or violated, what the scenario expected, the one-line
 * explanation and the draft sections the property states; a violated one links to the event that
 * witnesses it (`#step=N`, so the link is also a permalink).
 */
import { select } from 'd3'
import type { TraceVerdict } from '../../sim/trace/events.js'

export function drawVerdicts(host: HTMLElement, verdicts: readonly TraceVerdict[], onPick: (i: number) => void): void {
  const box = select(host).append('section').attr('class', 'verdicts').attr('aria-label', 'verdicts')
  if (verdicts.length === 0) {
    box.append('div').attr('class', 'verdict none').text('This trace carries no verdicts.')
    return
  }
  for (const v of verdicts) {
    const row = box.append('div').attr('class', `verdict ${v.status}`).attr('data-property', v.property)
    row.append('span').attr('class', 'status').text(v.status === 'violated' ? '✗ violated' : '✓ holds')
    row.append('span').attr('class', 'property').text(v.property)
    if (v.expected === 'holds' || v.expected === 'violated') {
      row.append('span').attr('class', `expected ${v.expected === v.status ? 'as-expected' : 'unexpected'}`).text(v.expected === v.status ? '(as the scenario expects)' : `(the scenario expects ${v.expected})`)
    }
    if (v.status === 'violated' && typeof v.at === 'number') {
      const at = v.at
      row.append('a').attr('class', 'goto').attr('href', `#step=${at}`).text(`at event ${at} →`).on('click', (ev: MouseEvent) => {
        ev.preventDefault()
        onPick(at)
      })
    }
    row.append('div').attr('class', 'explain').text(v.explain)
    const spec = Array.isArray(v.spec) ? v.spec.filter((s) => typeof s === 'string') : []
    if (spec.length) row.append('div').attr('class', 'spec').text(`draft: ${spec.join(' · ')}`)
  }
}
