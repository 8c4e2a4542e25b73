/**
 * `mimi-sim view` through the real bin/mimi-sim.js: serving on loopback with the URL printed and a
 * clean stop on Ctrl-C, `--html` writing one self-contained page (and never over a user's file),
 * and one-line errors with exit 2 for malformed traces and bad flags.
 */
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE } from '../../viz/helpers.js'
import { BIN, cleanTempDirs, cli, expectUsageError, tempDir } from './cli.js'

let cwd = ''
beforeAll(() => {
  cwd = tempDir()
  copyFileSync(FIXTURE('s2-service.trace.json'), join(cwd, 's2.json'))
  const doc = JSON.parse(readFileSync(join(cwd, 's2.json'), 'utf8'))
  writeFileSync(join(cwd, 'bad-actor.json'), JSON.stringify({ ...doc, events: doc.events.map((e: object, k: number) => (k === 2 ? { ...e, actor: 'mimi://ghost' } : e)) }))
  writeFileSync(join(cwd, 'notes.txt'), 'not a trace\n')
  mkdirSync(join(cwd, 'dir'))
})
afterAll(cleanTempDirs)

describe('mimi-sim view <trace> (serving)', () => {
  it('serves on 127.0.0.1, prints the URL, answers the page and the trace, and exits 0 on Ctrl-C', async () => {
    const child = spawn(process.execPath, [BIN, 'view', 's2.json'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stderr.on('data', (c: Buffer) => (err += c))
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c
        const m = /open (http:\/\/\S+)/.exec(out)
        if (m) resolve(m[1]!)
      })
      child.once('exit', (code) => reject(new Error(`view exited ${code} before printing a URL: ${err}`)))
    })
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const page = await fetch(url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<meta name="generator" content="mimi-sim view">')
    const trace = await fetch(`${url}trace.json`)
    expect(await trace.text()).toBe(readFileSync(join(cwd, 's2.json'), 'utf8'))
    expect((await fetch(`${url}s2.json`)).status).toBe(404)
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve)
      child.kill('SIGINT')
    })
    expect(code).toBe(0)
    expect(err).toBe('')
  })

  it('refuses a --port that is taken, in one line with exit 2', async () => {
    const blocker = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
    const port = (blocker.address() as { port: number }).port
    try {
      expectUsageError(cli(cwd, ['view', 's2.json', '--port', String(port)]), `--port ${port}`, 'in use')
    } finally {
      blocker.close()
    }
  })
})

describe('mimi-sim view <trace> --html FILE', () => {
  it('writes one page with the trace inside, and rewrites a page it wrote before', () => {
    const r = cli(cwd, ['view', 's2.json', '--html', 'pages/s2.html'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^wrote pages\/s2\.html: the viewer with this trace inside \(82 events\)/)
    const html = readFileSync(join(cwd, 'pages/s2.html'), 'utf8')
    expect(html).toContain('<script type="application/json" id="mimi-trace"')
    expect(html).toContain('"scenario":"hub-injects-eavesdropper"')
    expect(cli(cwd, ['view', 's2.json', '--html', 'pages/s2.html']).code).toBe(0)
    expect(readFileSync(join(cwd, 'pages/s2.html'), 'utf8')).toBe(html)
  })

  it('never overwrites a file the user wrote, or a directory', () => {
    expectUsageError(cli(cwd, ['view', 's2.json', '--html', 'notes.txt']), 'refusing to overwrite notes.txt', '--html')
    expect(readFileSync(join(cwd, 'notes.txt'), 'utf8')).toBe('not a trace\n')
    expectUsageError(cli(cwd, ['view', 's2.json', '--html', 'dir']), 'dir is a directory')
  })
})

describe('mimi-sim view errors', () => {
  it('rejects a malformed trace with the reader\'s one line naming the field, exit 2', () => {
    expectUsageError(cli(cwd, ['view', 'bad-actor.json', '--html', 'x.html']), 'bad-actor.json: events[2].actor: "mimi://ghost" is not one of the trace\'s actors')
    expectUsageError(cli(cwd, ['view', 'notes.txt']), 'notes.txt: not JSON')
  })

  it('names what is missing or wrong in the command line', () => {
    expectUsageError(cli(cwd, ['view']), 'give a trace file')
    expectUsageError(cli(cwd, ['view', 'nope.json']), 'nope.json: no such file')
    expectUsageError(cli(cwd, ['view', 'dir']), 'dir is a directory')
    expectUsageError(cli(cwd, ['view', 's2.json', '--html', 'a.html', '--port', '8080']), '--port and --html exclude each other')
    expectUsageError(cli(cwd, ['view', 's2.json', '--port', '70000']), '--port 70000: not a TCP port')
  })
})
