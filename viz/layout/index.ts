/** Trace → geometry-free layout shared by the browser diagram and the text exports. */
export { layoutLanes, laneTags, type Lane, type LaneGroup, type LaneLayout } from './lanes.js'
export { arrowsOf, type Arrow, type ArrowEnd } from './messages.js'
export { categoryOf, isKnownType, CATEGORY_NAMES, type Category } from './kinds.js'
export { namer, type NameOf } from './names.js'
