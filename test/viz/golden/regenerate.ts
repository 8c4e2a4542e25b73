/**
 * Rewrites the export golden files from the fixture trace — run it only on purpose, after a
 * deliberate change to the ASCII or Mermaid output, and review the diff:
 *   npx tsx test/viz/golden/regenerate.ts
 * The tests never write these files.
 */
import { writeFileSync } from 'node:fs'
import { asciiLadder, mermaidSequence } from '../../../viz/export/index.js'
import { fixture, GOLDEN } from '../helpers.js'

const trace = fixture('s2-faults')
writeFileSync(GOLDEN('s2-faults.ascii.txt'), asciiLadder(trace))
writeFileSync(GOLDEN('s2-faults.mermaid.mmd'), mermaidSequence(trace))
console.log('rewrote test/viz/golden/s2-faults.{ascii.txt,mermaid.mmd}; review with git diff')
