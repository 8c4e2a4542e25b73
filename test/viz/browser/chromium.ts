/**
 * One headless Chromium per browser test file (CI has 2 cores), driven by playwright-core against
 * Debian's /usr/bin/chromium, which .ci/run installs. Without that binary the tests skip with the
 * reason — except under CI, where a missing browser fails the file loudly instead of passing quietly.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { Trace } from '../../../sim/trace/events.js'
import { viewerAssets } from '../../../viz/node/bundle.js'
import { scriptSafeJson, viewerPage } from '../../../viz/node/page.js'

export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

if (!hasChromium) {
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium, and CI must run the browser tests`)
  console.warn(`skipping browser tests: ${CHROMIUM} not found (apt-get install -y chromium)`)
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

const dirs: string[] = []

/** Writes the self-contained page for `trace` (or for raw `text`) and returns its file:// URL. */
export async function pageFile(content: Trace | { readonly raw: string }, name = 'trace'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'mimi-viz-'))
  dirs.push(dir)
  const embedded = 'raw' in content ? content.raw : scriptSafeJson(content)
  const file = join(dir, `${name}.html`)
  writeFileSync(file, viewerPage(await viewerAssets(), { title: name, embedded, source: `${name}.json` }))
  return pathToFileURL(file).href
}

export function cleanPages(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
}

/** A new page that records script errors and console errors, so every test can insist on none. */
export async function openPage(browser: Browser, url: string, size = { width: 1400, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: size })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`)
  })
  await page.goto(url)
  await page.waitForFunction(() => window.mimiViewer != null || window.mimiViewerError != null)
  return { page, errors }
}
