/**
 * The viewer in a real browser (headless Chromium through playwright-core): the S2 attack read
 * from the page alone, step-through by keys and permalinks, a rendering that is not blank, markup
 * in labels shown as text, malformed traces reported in the page, unknown event types drawn
 * generically, the served page, and a 5,000-event trace kept to a small DOM.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveViewer } from '../../../viz/node/server.js'
import { FIXTURE, fixture, tiled, withEventsAt, withMarkup } from '../helpers.js'
import { cleanPages, hasChromium, launch, openPage, pageFile } from './chromium.js'
import { decodePng } from './png.js'

const step = (page: Page) => page.evaluate(() => window.mimiViewer!.step)
const card = (page: Page, client: string) => page.locator(`.panel .card.client[data-client="${client}"]`)

describe.skipIf(!hasChromium)('the viewer in Chromium', () => {
  let browser: Browser
  let s2: string
  const s2trace = fixture('s2-service')
  const witness = s2trace.verdicts.find((v) => v.property === 'noEavesdropper')!.at!

  beforeAll(async () => {
    browser = await launch()
    s2 = await pageFile(s2trace, 's2')
  })
  afterAll(async () => {
    await browser?.close()
    cleanPages()
  })

  it('opens the S2 trace without a script error: one lane per actor, hub and malicious actors marked, a verdict per property', async () => {
    const { page, errors } = await openPage(browser, s2)
    expect(await page.locator('.lanes-head .lane').count()).toBe(s2trace.actors.length)
    expect(await page.locator('.lanes-head .lane.hub .lane-tag').textContent()).toBe('hub · ⚠ malicious')
    expect(await page.locator('.lanes-head .lane.malicious').count()).toBe(2)
    expect(await page.locator('.verdict').count()).toBe(s2trace.verdicts.length)
    expect(await page.locator('.verdict.violated .property').allTextContents()).toEqual(['noEavesdropper'])
    expect(await page.locator('h1').textContent()).toBe('hub-injects-eavesdropper')
    expect(errors).toEqual([])
    await page.close()
  })

  it('follows the violated verdict to its witness, where the panel shows every member holding a policy that lists eve, who nobody honest added', async () => {
    const { page, errors } = await openPage(browser, s2)
    expect(await page.locator('.chip.not-agreed').count()).toBe(0)
    await page.locator('.verdict.violated a.goto').click()
    expect(await step(page)).toBe(witness)
    expect(new URL(page.url()).hash).toBe(`#step=${witness}`)
    expect(await page.locator('.controls .now').textContent()).toContain('eve/1 decrypts "the launch code is 0000"')
    for (const c of ['alice/1', 'bob/1']) {
      await expect.poll(() => card(page, c).locator('.chip.not-agreed').allTextContents()).toEqual(['eve · ordinary_user'])
      expect(await card(page, c).locator('.alert.entry').textContent()).toMatch(/lists eve \(ordinary_user\), but no honest participant added eve — first named by a\.example \(attack\.inject, event 6\)/)
    }
    expect(await page.locator('.panel .agreed .chip').allTextContents()).toEqual(['alice · group_admin', 'bob · ordinary_user'])
    expect(await page.locator('.panel .alert.intruder').textContent()).toContain('eve/1 is in the MLS group')
    expect(await page.locator(`.row.current[data-i="${witness}"]`).count()).toBe(1)
    // The link in the explanation goes back to the hub's move.
    await card(page, 'alice/1').locator('button[data-goto="6"]').click()
    expect(await step(page)).toBe(6)
    expect(await page.locator('.controls .now .type').textContent()).toBe('a.example · attack.inject')
    expect(errors).toEqual([])
    await page.close()
  })

  it('calls out honest clients holding different policies at one epoch, at the policyAgreement witness', async () => {
    const faults = fixture('s2-faults')
    const at = faults.verdicts.find((v) => v.property === 'policyAgreement')!.at!
    const { page, errors } = await openPage(browser, `${await pageFile(faults, 'faults')}#step=${at}`)
    expect(await step(page)).toBe(at)
    expect(await card(page, 'alice/1').getAttribute('class')).toContain('disagrees')
    expect(await card(page, 'alice/1').locator('.alert.disagree').textContent()).toBe('⚠ disagreement: at epoch 2 it holds a different policy than bob/1')
    expect(await card(page, 'bob/1').locator('.alert.disagree').textContent()).toContain('than alice/1')
    await page.keyboard.press('ArrowLeft')
    expect(await page.locator('.alert.disagree').count()).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  })

  it('highlights what changed at the current event and nothing else', async () => {
    const { page } = await openPage(browser, s2)
    const applied = s2trace.events.find((e) => e.type === 'client.state' && e.actor.endsWith('/alice/1') && e.epoch === 2)!.i
    await page.evaluate((i) => window.mimiViewer!.setStep(i), applied)
    const changed = await card(page, 'alice/1').locator('.field.changed .k').allTextContents()
    expect(changed).toEqual(['members', 'policy it holds', 'group digest'])
    expect(await card(page, 'alice/1').locator('.epoch.changed').count()).toBe(1)
    expect(await card(page, 'bob/1').locator('.changed').count()).toBe(0)
    await page.close()
  })

  it('steps with ← and →, jumps with Home, End and Shift+→, plays and pauses with space, and keeps #step=N in the URL', async () => {
    const { page, errors } = await openPage(browser, s2)
    expect(await step(page)).toBe(0)
    for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowRight')
    expect(await step(page)).toBe(3)
    expect(new URL(page.url()).hash).toBe('#step=3')
    await page.keyboard.press('ArrowLeft')
    expect(await step(page)).toBe(2)
    await page.keyboard.press('End')
    expect(await step(page)).toBe(s2trace.events.length - 1)
    await page.keyboard.press('ArrowRight')
    expect(await step(page)).toBe(s2trace.events.length - 1)
    await page.keyboard.press('Home')
    expect(await step(page)).toBe(0)
    await page.keyboard.press('Shift+ArrowRight')
    expect(await step(page)).toBe(s2trace.events.find((e) => e.step === 0)!.i)
    await page.keyboard.press('Shift+ArrowLeft')
    expect(await step(page)).toBe(0)
    await page.keyboard.press(' ')
    await expect.poll(() => step(page), { timeout: 5000 }).toBeGreaterThanOrEqual(2)
    expect(await page.locator('.controls button.play').textContent()).toBe('pause')
    await page.keyboard.press(' ')
    const paused = await step(page)
    await page.waitForTimeout(900)
    expect(await step(page)).toBe(paused)
    expect(await page.locator('.controls button.play').textContent()).toBe('play')
    // The slider moves the cursor too.
    await page.locator('.controls .slider').fill('40')
    expect(await step(page)).toBe(40)
    expect(errors).toEqual([])
    await page.close()
  })

  it('opens at the event a permalink names, follows later hash changes, and offers the permalink of the current event', async () => {
    const { page, errors } = await openPage(browser, `${s2}#step=40`)
    expect(await step(page)).toBe(40)
    expect(await page.locator('.controls .slider').inputValue()).toBe('40')
    expect(await page.locator('.controls a.permalink').getAttribute('href')).toBe('#step=40')
    expect(await page.locator('.panel h2').textContent()).toBe('State after event 40')
    expect(await page.locator('.row.current').getAttribute('data-i')).toBe('40')
    await page.evaluate(() => (location.hash = '#step=12'))
    await expect.poll(() => step(page)).toBe(12)
    await page.evaluate(() => (location.hash = '#step=99999'))
    await expect.poll(() => step(page)).toBe(s2trace.events.length - 1)
    expect(errors).toEqual([])
    await page.close()
  })

  it('renders a screenshot that is not blank: many colours, most of the page drawn on, the violation in red', async () => {
    const { page } = await openPage(browser, `${s2}#step=${witness}`)
    const shot = decodePng(await page.screenshot())
    const colours = new Set<number>()
    let ink = 0
    let red = 0
    for (let k = 0; k < shot.width * shot.height; k++) {
      const [r, g, b] = [shot.rgb[k * 3]!, shot.rgb[k * 3 + 1]!, shot.rgb[k * 3 + 2]!]
      colours.add((r << 16) | (g << 8) | b)
      if (r + g + b < 600) ink++
      if (r > 170 && g < 80 && b < 80) red++
    }
    expect(colours.size).toBeGreaterThan(200)
    expect(ink / (shot.width * shot.height)).toBeGreaterThan(0.02)
    expect(red).toBeGreaterThan(200)
    await page.close()
  })

  it('shows markup in labels, explanations and verdicts as text: no element is created and no handler runs', async () => {
    const markup = '<img src=x onerror="window.__pwned=1">'
    const { page, errors } = await openPage(browser, `${await pageFile(withMarkup(s2trace, markup), 'markup')}#step=${witness}`)
    expect(await page.evaluate(() => document.querySelectorAll('img, iframe, object, embed').length)).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(await page.locator('.lanes-head .lane-label').first().textContent()).toBe(`a.example${markup}`)
    expect(await page.locator('.controls .now .text').textContent()).toContain(markup)
    expect(await page.locator('.verdict.violated .property').textContent()).toBe(`noEavesdropper${markup}`)
    expect(await page.locator('.panel .card.client').first().getAttribute('data-client')).toBe(`alice/1${markup}`)
    expect(await page.title()).toContain(markup)
    expect(errors).toEqual([])
    await page.close()
  })

  it('reports a malformed trace in the page with the reader\'s one-line error, and opens a good one picked afterwards', async () => {
    const bad = { ...JSON.parse(JSON.stringify(s2trace)), events: s2trace.events.map((e, k) => (k === 3 ? { ...e, actor: 'mimi://nobody' } : e)) }
    const { page, errors } = await openPage(browser, await pageFile({ raw: JSON.stringify(bad).replace(/</g, '\\u003c') }, 'bad'))
    expect(await page.locator('.load-error .reason').textContent()).toBe('bad.json: events[3].actor: "mimi://nobody" is not one of the trace\'s actors')
    expect(await page.evaluate(() => window.mimiViewer)).toBeNull()
    await page.locator('header .open input[type=file]').setInputFiles(FIXTURE('s2-service.trace.json'))
    await page.waitForFunction(() => window.mimiViewer != null)
    expect(await page.locator('.load-error').count()).toBe(0)
    expect(await page.locator('h1').textContent()).toBe('hub-injects-eavesdropper')
    const junk = join(tmpdir(), `mimi-junk-${process.pid}.json`)
    writeFileSync(junk, 'this is not json')
    await page.locator('header .open input[type=file]').setInputFiles(junk)
    await page.waitForSelector('.load-error')
    expect(await page.locator('.load-error .reason').textContent()).toMatch(/^mimi-junk-\d+\.json: not JSON: /)
    expect(errors).toEqual([])
    await page.close()
  })

  it('draws events of unknown types as generic marks with their explanation, and lists them in the panel', async () => {
    const room = 'mimi://a.example/r/clubhouse'
    const extra = [
      { step: 0, t: 0, actor: 'mimi://b.example/d/bob/1', room, epoch: 1, explain: 'bob/1 is asked to consent to joining clubhouse', type: 'consent.request', from: 'mimi://a.example/d/alice/1' },
      { step: 0, t: 0, actor: 'mimi://a.example', room, epoch: 1, explain: 'hub quarantines a message', type: 'quarantine', what: 'x' },
    ]
    const edited = withEventsAt(s2trace, 5, extra)
    const { page, errors } = await openPage(browser, `${await pageFile(edited, 'unknown')}#step=6`)
    const row = page.locator('.row[data-type="consent.request"]')
    expect(await row.getAttribute('class')).toContain('unknown')
    expect(await row.locator('.unknown-mark').textContent()).toBe('?')
    expect(await row.locator('.explain').textContent()).toContain('bob/1 is asked to consent to joining clubhouse')
    expect(await card(page, 'bob/1').locator('.field.extra').textContent()).toContain('consent.request')
    expect(await page.locator('.panel .card.provider[data-provider="a.example"] .field.extra').textContent()).toContain('hub quarantines a message')
    expect(errors).toEqual([])
    await page.close()
  })

  it('works offline from file://: the page makes no request beyond its own file', async () => {
    const page = await browser.newPage()
    const requests: string[] = []
    page.on('request', (r) => requests.push(r.url()))
    await page.goto(`${s2}#step=${witness}`)
    await page.waitForFunction(() => window.mimiViewer != null)
    expect(requests.every((u) => u.startsWith('file://'))).toBe(true)
    await page.close()
  })

  it('runs from the view server: the page fetches /trace.json and honours #step=N; a trace file gone since is an error in the page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mimi-served-'))
    const path = join(dir, 's2.json')
    copyFileSync(FIXTURE('s2-service.trace.json'), path)
    const server = await serveViewer({ tracePath: path, title: 'S2' })
    try {
      const { page, errors } = await openPage(browser, `${server.url}#step=${witness}`)
      expect(await step(page)).toBe(witness)
      expect(await card(page, 'alice/1').locator('.chip.not-agreed').count()).toBe(1)
      expect(errors).toEqual([])
      rmSync(path)
      await page.reload()
      await page.waitForSelector('.load-error')
      expect(await page.locator('.load-error .reason').textContent()).toBe('trace.json: the server answered 404: the trace file can no longer be read (ENOENT)')
      await page.close()
    } finally {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('keeps a 5,000-event trace to the rows near the viewport, and brings the cursor\'s row in wherever it goes', async () => {
    const big = tiled(s2trace, 5000)
    const { page, errors } = await openPage(browser, await pageFile(big, 'big'))
    expect(await page.evaluate(() => window.mimiViewer!.events)).toBe(5000)
    expect(await page.locator('.row').count()).toBeLessThan(150)
    await page.keyboard.press('End')
    expect(await page.locator('.row.current').getAttribute('data-i')).toBe('4999')
    expect(await page.locator('.row').count()).toBeLessThan(150)
    await page.evaluate(() => window.mimiViewer!.setStep(2500))
    expect(await page.locator('.row.current').getAttribute('data-i')).toBe('2500')
    // Scrolling by hand brings in the rows that come into view (20 px per row).
    await page.evaluate(() => (document.querySelector('.scroller')!.scrollTop = 1000 * 20))
    await expect.poll(() => page.locator('.row[data-i="1010"]').count()).toBe(1)
    expect(await page.locator('.row[data-i="2500"]').count()).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  })
})
