import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { viewerAssets } from '../../../viz/node/bundle.js'
import { GENERATOR, scriptSafeJson, viewerPage } from '../../../viz/node/page.js'
import { fixture, withMarkup } from '../helpers.js'

describe('viewerPage', () => {
  it('is one self-contained document: inline script and style, no external resource of any kind', async () => {
    const assets = await viewerAssets()
    const html = viewerPage(assets, { title: 'S2', embedded: scriptSafeJson(fixture('s2-service')), source: 'out/s2.json' })
    const markup = html.replace(/<script>[\s\S]*?<\/script>/, '<script></script>').replace(/<script type="application\/json"[\s\S]*?<\/script>/, '')
    expect(markup).not.toMatch(/\ssrc=|\shref=|<link\b|<img\b|<iframe\b|@import|url\(/i)
    // The only URLs in the code are XML namespace names and the in-document marker references.
    const code = html.slice(0, html.indexOf('<!--\nThe viewer bundles d3'))
    expect(code).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)/)
    const refs = [...assets.js.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!)
    expect(refs.length).toBeGreaterThan(0)
    expect(refs.every((r) => r.startsWith('#'))).toBe(true)
    expect(html).toContain(`<meta name="generator" content="${GENERATOR}">`)
  })

  it('allows, by its Content-Security-Policy, exactly its own inline script and no images or remote connections', async () => {
    const assets = await viewerAssets()
    const html = viewerPage(assets, { title: 'S2', embedded: null, source: 'trace.json' })
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!
    const hash = createHash('sha256').update(/<script>([\s\S]*?)<\/script>/.exec(html)![1]!).digest('base64')
    expect(csp).toContain(`script-src 'sha256-${hash}'`)
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("img-src 'none'")
    expect(csp).toContain("connect-src 'self'")
  })

  it('embeds a trace whose labels close script elements without letting them close the data block', async () => {
    const assets = await viewerAssets()
    const evil = withMarkup(fixture('s2-service'), '</script><img src=x onerror="window.pwned=1"><!--')
    const html = viewerPage(assets, { title: evil.meta.scenario, embedded: scriptSafeJson(evil), source: 'evil.json' })
    expect(html.match(/<\/script>/g)).toHaveLength(2)
    expect(html).not.toContain('<img')
    const data = /<script type="application\/json" id="mimi-trace" data-source="evil.json">([\s\S]*?)<\/script>/.exec(html)![1]!
    expect(JSON.parse(data)).toEqual(JSON.parse(JSON.stringify(evil)))
    expect(html).toContain('<title>hub-injects-eavesdropper &#60;/script&#62;&#60;img src=x onerror=&#34;window.pwned=1&#34;&#62;&#60;!- - — mimi-sim viewer</title>'.replace('- -', '--'))
  })

  it('is the same bytes for the same trace', async () => {
    const a = viewerPage(await viewerAssets(), { title: 't', embedded: scriptSafeJson(fixture('s2-faults')), source: 's' })
    const b = viewerPage(await viewerAssets(), { title: 't', embedded: scriptSafeJson(fixture('s2-faults')), source: 's' })
    expect(a).toBe(b)
  })
})
