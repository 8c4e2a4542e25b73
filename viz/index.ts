/**
 * The trace viewer (design.md "viz"): trace JSON in, sequence diagram, state panel and verdicts out,
 * in the browser (viz/app.ts, bundled) or as text exports. Depends on sim/trace only.
 */
export * from './layout/index.js'
export * from './state/index.js'
export * from './export/index.js'
export * from './node/index.js'
