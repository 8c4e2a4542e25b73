/**
 * One trace on the page: header, verdicts, controls, diagram and state panel, kept on one cursor.
 * The cursor is an event index; it is mirrored in the URL as `#step=N` (replaceState, so stepping
 * does not flood the history) and read back on load and on `hashchange`, which makes every
 * position a permalink, also from `file://`.
 */
import type { Trace } from '../../sim/trace/events.js'
import { drawControls } from './controls.js'
import { drawDiagram } from './diagram.js'
import { drawHeader } from './header.js'
import { viewModel } from './model.js'
import { drawPanel } from './panel.js'
import { drawVerdicts } from './verdicts.js'

export interface Viewer {
  readonly events: number
  readonly step: number
  setStep(i: number): void
  toggle(): void
  dispose(): void
}

const PLAY_MS = 350

export function stepFromHash(hash: string, events: number): number | null {
  const m = /(?:^#|&)step=(\d+)(?:&|$)/.exec(hash)
  if (!m) return null
  return Math.min(Number(m[1]), Math.max(0, events - 1))
}

export function mountViewer(host: HTMLElement, trace: Trace, onOpen: (text: string, name: string) => void): Viewer {
  const vm = viewModel(trace)
  const last = trace.events.length - 1
  let cur = -1
  let timer: ReturnType<typeof setInterval> | null = null
  drawHeader(host, trace, onOpen)
  drawVerdicts(host, trace.verdicts, (i) => go(i))
  const controls = drawControls(host, vm, { go: (i) => go(i), toggle: () => toggle() })
  const main = host.appendChild(document.createElement('div'))
  main.className = 'main'
  const diagram = drawDiagram(main, vm, (i) => go(i))
  const panel = drawPanel(main, vm, (i) => go(i))

  function go(i: number): void {
    const next = Math.max(0, Math.min(last, Math.trunc(i)))
    if (next === cur || last < 0) return
    cur = next
    // The diagram first: it positions the scroller while the layout is still clean.
    diagram.setCursor(cur)
    controls.show(cur)
    panel.show(cur)
    if (stepFromHash(location.hash, trace.events.length) !== cur) history.replaceState(null, '', `#step=${cur}`)
  }
  function stop(): void {
    if (timer !== null) clearInterval(timer)
    timer = null
    controls.setPlaying(false)
  }
  function toggle(): void {
    if (timer !== null) return stop()
    if (cur >= last) go(0)
    controls.setPlaying(true)
    timer = setInterval(() => (cur >= last ? stop() : go(cur + 1)), PLAY_MS)
  }
  const stepStart = (dir: 1 | -1) => {
    const starts = vm.stepStarts
    const target = dir > 0 ? starts.find((s) => s > cur) : [...starts].reverse().find((s) => s < cur)
    go(target ?? (dir > 0 ? last : 0))
  }
  const onKey = (ev: KeyboardEvent) => {
    const t = ev.target as HTMLElement | null
    if (t && (t.tagName === 'INPUT' && (t as HTMLInputElement).type !== 'range')) return
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return
    const keys: Record<string, () => void> = {
      ArrowRight: () => (ev.shiftKey ? stepStart(1) : go(cur + 1)),
      ArrowLeft: () => (ev.shiftKey ? stepStart(-1) : go(cur - 1)),
      Home: () => go(0),
      End: () => go(last),
      ' ': () => toggle(),
    }
    const f = keys[ev.key]
    if (!f) return
    ev.preventDefault()
    if (ev.key !== ' ' && timer !== null) stop()
    f()
  }
  // A focused button would also "click" on the space key's keyup; the key is ours.
  const onKeyUp = (ev: KeyboardEvent) => {
    if (ev.key === ' ') ev.preventDefault()
  }
  const onHash = () => {
    const i = stepFromHash(location.hash, trace.events.length)
    if (i !== null) go(i)
  }
  document.addEventListener('keydown', onKey)
  document.addEventListener('keyup', onKeyUp)
  window.addEventListener('hashchange', onHash)
  go(stepFromHash(location.hash, trace.events.length) ?? 0)

  return {
    events: trace.events.length,
    get step() {
      return cur
    },
    setStep: go,
    toggle,
    dispose() {
      stop()
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('keyup', onKeyUp)
      window.removeEventListener('hashchange', onHash)
    },
  }
}
