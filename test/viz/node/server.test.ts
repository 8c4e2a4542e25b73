import { request } from 'node:http'
import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveViewer, type ViewerServer } from '../../../viz/node/server.js'
import { FIXTURE } from '../helpers.js'

interface Answer {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

/** One raw HTTP request: the path is sent as written (no URL normalisation), the Host as given. */
function ask(port: number, path: string, opts: { method?: string; host?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: opts.host ?? `127.0.0.1:${port}` } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

let server: ViewerServer
const tracePath = FIXTURE('s2-service.trace.json')

beforeAll(async () => {
  server = await serveViewer({ tracePath, title: 'S2' })
})
afterAll(() => server.close())

describe('serveViewer', () => {
  it('listens on 127.0.0.1 only, on a free port it picked, and says so in its URL', () => {
    const addr = server.server.address()
    expect(addr).toMatchObject({ address: '127.0.0.1', family: 'IPv4' })
    expect(server.port).toBeGreaterThan(0)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`)
  })

  it('is not reachable on any other interface of this machine', async () => {
    const others = Object.values(networkInterfaces()).flat().filter((n) => n && n.family === 'IPv4' && !n.internal)
    for (const n of others) {
      const reached = await new Promise<boolean>((resolve) => {
        const s = connect({ host: n!.address, port: server.port })
        s.once('connect', () => (s.destroy(), resolve(true)))
        s.once('error', () => resolve(false))
      })
      expect(reached, n!.address).toBe(false)
    }
  })

  it('serves the page at / with its Content-Security-Policy, and the trace file at /trace.json', async () => {
    const page = await ask(server.port, '/')
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['content-security-policy']).toMatch(/script-src 'sha256-/)
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.body).not.toContain('id="mimi-trace"')
    const trace = await ask(server.port, '/trace.json')
    expect(trace.status).toBe(200)
    expect(trace.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(trace.body).toBe(readFileSync(tracePath, 'utf8'))
  })

  it('answers 404 to every other path, including traversal attempts, and never serves a file from them', async () => {
    for (const path of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/trace.json/../../etc/passwd', '//etc/passwd', '/..%2f..%2fetc%2fpasswd', '/favicon.ico', '/viz/app.ts', '/package.json', '/trace.json%00.html']) {
      const r = await ask(server.port, path)
      expect(r.status, path).toBe(404)
      expect(r.body).not.toMatch(/root:|"format"/)
    }
  })

  it('refuses a request addressed to another host name (DNS rebinding) and methods other than GET and HEAD', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, `[::1]:${server.port}`]) expect((await ask(server.port, '/', { host })).status, host).toBe(403)
    expect((await ask(server.port, '/', { host: `localhost:${server.port}` })).status).toBe(200)
    expect((await ask(server.port, '/trace.json', { method: 'POST' })).status).toBe(405)
    const head = await ask(server.port, '/trace.json', { method: 'HEAD' })
    expect([head.status, head.body]).toEqual([200, ''])
  })

  it('picks a different free port for a second server', async () => {
    const second = await serveViewer({ tracePath, title: 'S2' })
    try {
      expect(second.port).not.toBe(server.port)
    } finally {
      await second.close()
    }
  })
})
