/**
 * The in-page error for a file that is not a trace this viewer can read: the one line readTrace
 * gives (naming the field, e.g. `events[3].actor: …`), and where traces come from.
 */
import { select } from 'd3'

export function drawError(host: HTMLElement, error: string, source: string): void {
  const box = select(host).append('div').attr('class', 'load-error').attr('role', 'alert')
  box.append('h2').text('This file cannot be shown')
  box.append('p').attr('class', 'reason').text(`${source}: ${error}`)
  box.append('p').text('The viewer reads mimi-sim traces (docs/trace-format.md), the files that mimi-sim run, check and start write under out/.')
}
