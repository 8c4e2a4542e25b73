/** The Node side of the viewer: the bundled page (for `--html`) and the loopback server (`view`). */
export { viewerAssets, type ViewerAssets } from './bundle.js'
export { GENERATOR, pageCsp, scriptSafeJson, viewerPage, type PageOptions } from './page.js'
export { LOOPBACK, serveViewer, type ServeOptions, type ViewerServer } from './server.js'
