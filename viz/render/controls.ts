/**
 * Step-through controls: first / previous / play-pause / next / last, a slider over every event,
 * the position (event, scenario step, virtual time), the current event's one-line explanation and a
 * permalink (`#step=N`). Keys: ← → one event, Shift+← → one scenario step, Home / End, space to
 * play or pause. The animation timer lives here and only here (style.md: only the viewer owns one).
 */
import { select } from 'd3'
import type { ViewModel } from './model.js'

export interface Controls {
  show(i: number): void
  setPlaying(on: boolean): void
}

export interface ControlActions {
  go(i: number): void
  toggle(): void
}

export function drawControls(host: HTMLElement, vm: ViewModel, act: ControlActions): Controls {
  const last = vm.trace.events.length - 1
  const bar = select(host).append('section').attr('class', 'controls').attr('aria-label', 'step through the trace')
  const buttons = bar.append('div').attr('class', 'buttons')
  const cur = { i: 0 }
  const button = (label: string, title: string, cls: string, f: () => void) =>
    buttons.append('button').attr('type', 'button').attr('class', cls).attr('title', title).attr('aria-label', title).text(label).on('click', function () {
      f()
      ;(this as HTMLButtonElement).blur()
    })
  button('|◀', 'first event (Home)', 'first', () => act.go(0))
  button('◀', 'previous event (←)', 'prev', () => act.go(cur.i - 1))
  const play = button('play', 'play / pause (space)', 'play', () => act.toggle())
  button('▶', 'next event (→)', 'next', () => act.go(cur.i + 1))
  button('▶|', 'last event (End)', 'last', () => act.go(last))
  const slider = bar
    .append('input')
    .attr('type', 'range')
    .attr('class', 'slider')
    .attr('min', 0)
    .attr('max', Math.max(0, last))
    .attr('step', 1)
    .attr('aria-label', 'event')
    .on('input', function () {
      act.go(Number((this as HTMLInputElement).value))
    })
  const pos = bar.append('span').attr('class', 'position')
  const permalink = bar.append('a').attr('class', 'permalink').attr('title', 'link to this event').text('permalink')
  const now = bar.append('div').attr('class', 'now')
  const nowType = now.append('span').attr('class', 'type')
  const nowText = now.append('span').attr('class', 'text')
  return {
    show(i) {
      cur.i = i
      const e = vm.trace.events[i]
      ;(slider.node() as HTMLInputElement).value = String(i)
      pos.text(e ? `event ${i} / ${last} · ${e.step < 0 ? 'setup' : `step ${e.step}`} · t=${e.t}` : 'no events')
      permalink.attr('href', `#step=${i}`)
      nowType.text(e ? `${vm.name(e.actor)} · ${e.type}` : '')
      nowText.text(e ? e.explain : '')
      now.classed('witness', vm.witness.has(i))
    },
    setPlaying(on) {
      play.text(on ? 'pause' : 'play').classed('on', on)
    },
  }
}
