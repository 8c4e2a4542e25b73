/**
 * The `mimi-sim view` server: loopback only, two fixed routes — `/` (the viewer page) and
 * `/trace.json` (the trace file, re-read on each request so a reload shows a re-run) — and 404 for
 * anything else, so no path the client sends ever reaches the file system (no traversal to guard).
 * Requests whose Host is not this loopback address are refused (403): a web page the user visits
 * cannot reach the viewer by DNS rebinding. Only GET and HEAD are answered.
 */
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { viewerAssets } from './bundle.js'
import { pageCsp, viewerPage } from './page.js'

export const LOOPBACK = '127.0.0.1'

export interface ViewerServer {
  readonly url: string
  readonly port: number
  readonly server: Server
  close(): Promise<void>
}

export interface ServeOptions {
  /** The trace file to serve; read on every request to `/trace.json`. */
  readonly tracePath: string
  readonly title: string
  /** 0 (the default) picks a free port. */
  readonly port?: number
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
} as const

export async function serveViewer(opts: ServeOptions): Promise<ViewerServer> {
  const assets = await viewerAssets()
  const page = viewerPage(assets, { title: opts.title, embedded: null, source: 'trace.json' })
  const csp = pageCsp(assets)
  let port = 0
  const server = createServer((req, res) => void answer(req, res))

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, type: string, body: string, extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...SECURITY_HEADERS, ...extra })
      res.end(req.method === 'HEAD' ? undefined : body)
    }
    const host = req.headers.host ?? ''
    if (host !== `${LOOPBACK}:${port}` && host !== `localhost:${port}`) return send(403, 'text/plain; charset=utf-8', 'forbidden: the viewer answers only requests addressed to its loopback URL\n')
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'method not allowed\n', { Allow: 'GET, HEAD' })
    const path = (req.url ?? '').split('?')[0]
    if (path === '/' || path === '/index.html') return send(200, 'text/html; charset=utf-8', page, { 'Content-Security-Policy': csp })
    if (path === '/trace.json') {
      try {
        return send(200, 'application/json; charset=utf-8', await readFile(opts.tracePath, 'utf8'))
      } catch (err) {
        return send(404, 'text/plain; charset=utf-8', `the trace file can no longer be read (${(err as NodeJS.ErrnoException).code ?? 'error'})\n`)
      }
    }
    return send(404, 'text/plain; charset=utf-8', 'not found: this server has only / and /trace.json\n')
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, LOOPBACK, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://${LOOPBACK}:${port}/`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
