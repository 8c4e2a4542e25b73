/**
 * docs/properties.md stays true to the code: its table lists exactly the properties of PROPERTIES,
 * in order, with their kind and claim as written in properties/; each has its own section naming
 * its kind and every draft section of its `spec`; and every scenario of the catalogue is discussed.
 * A property added, renamed or reworded without its documentation fails here.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROPERTIES } from '../../properties/index.js'
import { ROOT } from '../helpers.js'

const DOC = readFileSync(join(ROOT, 'docs', 'properties.md'), 'utf8')
const HEADER = '| id | kind | claim (as in the code) |'

interface Row {
  readonly id: string
  readonly kind: string
  readonly claim: string
}

/** The rows of the table whose header is HEADER, up to the first line that is not a table row. */
function tableRows(doc: string): Row[] {
  const lines = doc.split('\n')
  const start = lines.indexOf(HEADER)
  if (start < 0) return []
  const rows: Row[] = []
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break
    const cells = line.split('|').slice(1, -1).map((c) => c.trim())
    rows.push({ id: cells[0]!.replace(/`/g, ''), kind: cells[1]!, claim: cells[2]! })
  }
  return rows
}

/** The text under `## <id>` up to the next `## ` heading, or null when there is no such section. */
function section(doc: string, id: string): string | null {
  const lines = doc.split('\n')
  const start = lines.indexOf(`## ${id}`)
  if (start < 0) return null
  const end = lines.findIndex((l, k) => k > start && l.startsWith('## '))
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n')
}

describe('docs/properties.md', () => {
  it('has its property table under the expected header', () => {
    expect(DOC.split('\n')).toContain(HEADER)
  })

  it('lists exactly the ids, kinds and claims of PROPERTIES, in matrix order', () => {
    expect(tableRows(DOC)).toEqual(PROPERTIES.map((p) => ({ id: p.id, kind: p.kind, claim: p.claim })))
  })

  it('gives every property a section that states its kind and every draft section of its spec', () => {
    for (const p of PROPERTIES) {
      const text = section(DOC, p.id)
      expect(text, `no "## ${p.id}" section`).not.toBeNull()
      expect(text, `${p.id}: kind`).toContain(`**Kind.** \`${p.kind}\``)
      expect(text, `${p.id}: spec`).toContain(`**Spec.** \`[${p.spec.map((s) => `'${s}'`).join(', ')}]\``)
    }
  })

  it('mentions every scenario file of the catalogue by name', () => {
    const names = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort()
    expect(names.length).toBeGreaterThan(0)
    for (const name of names) expect(DOC, `scenario ${name} is not mentioned`).toContain(`\`${name}\``)
  })
})
