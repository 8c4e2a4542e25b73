/**
 * The viewer page as one HTML document: stylesheet and script inline, the trace (for `--html`)
 * embedded as a JSON data block, so the file works offline from file:// with no network at all.
 *
 * Safety: the trace is embedded as JSON with every `<` written as `\u003c`, so no label can close the
 * script element; the page's Content-Security-Policy allows only this page's own script (by hash)
 * and style, no network but `trace.json` from its own origin, and no images — a second wall behind
 * the renderer's rule of inserting trace text with `.text()` only.
 */
import { createHash } from 'node:crypto'
import type { ViewerAssets } from './bundle.js'

export const GENERATOR = 'mimi-sim view'

/** JSON text that is safe inside a `<script>` element (and for JavaScript's U+2028/U+2029). */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export interface PageOptions {
  readonly title: string
  /** JSON text of the trace to embed, or null to have the page fetch `trace.json`. */
  readonly embedded: string | null
  /** Where the trace came from, shown in an error message. */
  readonly source: string
}

export function pageCsp(assets: ViewerAssets): string {
  const hash = createHash('sha256').update(assets.js).digest('base64')
  return `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'`
}

export function viewerPage(assets: ViewerAssets, opts: PageOptions): string {
  const data = opts.embedded === null ? '' : `<script type="application/json" id="mimi-trace" data-source="${escapeHtml(opts.source)}">${opts.embedded}</script>\n`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="generator" content="${GENERATOR}">
<meta http-equiv="Content-Security-Policy" content="${pageCsp(assets)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)} — mimi-sim viewer</title>
<style>${assets.css}</style>
</head>
<body>
<div id="app"></div>
${data}<script>${assets.js}</script>
<!--
The viewer bundles d3 (https://d3js.org), under this licence:
${assets.notice.replace(/--/g, '- -').trim()}
-->
</body>
</html>
`
}
