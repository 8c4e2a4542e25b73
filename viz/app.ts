/**
 * The browser entry of the viewer (bundled by viz/node/bundle.ts). It takes the trace embedded in
 * the page (`--html`, works from file://) or fetches `trace.json` from the `view` server, checks it
 * with the same readTrace the CLI uses, and mounts the viewer — or shows readTrace's one-line error
 * in the page. `window.mimiViewer` exposes the cursor for scripts and the benchmark.
 */
import { select } from 'd3'
import { readTrace } from '../sim/trace/read.js'
import { drawError } from './render/error.js'
import { drawHeader } from './render/header.js'
import { mountViewer, type Viewer } from './render/viewer.js'

declare global {
  interface Window {
    mimiViewer?: Viewer | null
    mimiViewerError?: string | null
  }
}

const reopen = (text: string, name: string) => show(text, name)

function clear(): HTMLElement {
  const host = document.getElementById('app')!
  window.mimiViewer?.dispose()
  window.mimiViewer = null
  select(host).selectAll('*').remove()
  return host
}

function fail(error: string, source: string): void {
  const host = clear()
  window.mimiViewerError = error
  drawHeader(host, null, reopen)
  drawError(host, error, source)
  performance.mark('mimi:rendered')
}

function show(text: string, source: string): void {
  const read = readTrace(text)
  if (!read.ok) return fail(read.error, source)
  const host = clear()
  window.mimiViewerError = null
  window.mimiViewer = mountViewer(host, read.trace, reopen)
  document.title = `${read.trace.meta.scenario} — mimi-sim viewer`
  performance.mark('mimi:rendered')
}

async function boot(): Promise<void> {
  const embedded = document.getElementById('mimi-trace')
  if (embedded?.textContent?.trim()) return show(embedded.textContent, embedded.getAttribute('data-source') ?? 'embedded trace')
  try {
    const res = await fetch('trace.json', { cache: 'no-store' })
    const text = await res.text()
    if (res.ok) show(text, 'trace.json')
    else fail(`the server answered ${res.status}: ${text.trim()}`, 'trace.json')
  } catch (err) {
    fail(`could not load it (${(err as Error).message}); is mimi-sim view still running?`, 'trace.json')
  }
}

void boot()
