/**
 * Regenerates the README's viewer screenshots (docs/img/) from the S2 traces, in headless Chromium:
 *   npx tsx viz/node/screenshots.ts [s2 policy=service trace] [s2 policy=mls trace]
 * Defaults are the S2 fixtures under test/viz/fixtures/ (what `npm start` writes for S2). A dev tool
 * like the bench: it needs /usr/bin/chromium and playwright-core, and is never run by tests.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { readTrace } from '../../sim/trace/read.js'
import { viewerAssets } from './bundle.js'
import { scriptSafeJson, viewerPage } from './page.js'

const root = (rel: string) => fileURLToPath(new URL(`../../${rel}`, import.meta.url))
const [service = root('test/viz/fixtures/s2-service.trace.json'), mls = root('test/viz/fixtures/s2-mls.trace.json')] = process.argv.slice(2)

const shots = [
  { trace: service, file: 's2-service-violation.png', at: (t: import('../../sim/trace/events.js').Trace) => t.verdicts.find((v) => v.status === 'violated')?.at ?? 0 },
  { trace: mls, file: 's2-mls-rejected.png', at: (t: import('../../sim/trace/events.js').Trace) => t.events.find((e) => e.type === 'mls.fail')?.i ?? 0 },
]

const out = root('docs/img')
mkdirSync(out, { recursive: true })
const dir = mkdtempSync(join(tmpdir(), 'mimi-shots-'))
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] })
try {
  const assets = await viewerAssets()
  for (const shot of shots) {
    const read = readTrace(readFileSync(shot.trace, 'utf8'))
    if (!read.ok) throw new Error(`${shot.trace}: ${read.error}`)
    const html = join(dir, `${shot.file}.html`)
    writeFileSync(html, viewerPage(assets, { title: read.trace.meta.scenario, embedded: scriptSafeJson(read.trace), source: shot.trace }))
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 })
    await page.goto(`${pathToFileURL(html).href}#step=${shot.at(read.trace)}`)
    await page.waitForFunction(() => window.mimiViewer != null)
    await page.waitForTimeout(300)
    await page.screenshot({ path: join(out, shot.file) })
    await page.close()
    console.log(`wrote docs/img/${shot.file} (event ${shot.at(read.trace)} of ${shot.trace})`)
  }
} finally {
  await browser.close()
  rmSync(dir, { recursive: true, force: true })
}
