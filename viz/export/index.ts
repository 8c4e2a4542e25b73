/** Text exports of a trace for drafts and GitHub: an ASCII ladder and a Mermaid sequence diagram. */
export { asciiLadder } from './ascii.js'
export { mermaidSequence, mermaidText } from './mermaid.js'
export { ladderOf, type Item, type Ladder } from './items.js'
