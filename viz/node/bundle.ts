/**
 * Bundling the browser side of the viewer: viz/app.ts and d3 into one minified IIFE with esbuild
 * (pinned, the version tsx already brings), and the stylesheet read as text. Done once per process
 * and cached: about a tenth of a second, cheaper than keeping a build artefact in sync with sources.
 * esbuild's output is a function of its input, so the page stays byte-for-byte reproducible.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

export interface ViewerAssets {
  readonly js: string
  readonly css: string
  /** d3's ISC licence, which asks that its notice travel with copies of the code. */
  readonly notice: string
}

const here = (rel: string) => fileURLToPath(new URL(rel, import.meta.url))

let cached: Promise<ViewerAssets> | null = null

export function viewerAssets(): Promise<ViewerAssets> {
  cached ??= (async () => {
    const out = await build({
      entryPoints: [here('../app.ts')],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
    })
    const js = out.outputFiles[0]!.text
    const css = readFileSync(here('../style.css'), 'utf8')
    const notice = readFileSync(fileURLToPath(new URL('../LICENSE', import.meta.resolve('d3'))), 'utf8')
    return { js, css, notice }
  })()
  return cached
}
