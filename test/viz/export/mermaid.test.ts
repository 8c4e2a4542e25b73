import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { mermaidSequence, mermaidText } from '../../../viz/export/mermaid.js'
import { fixture, GOLDEN, withMarkup } from '../helpers.js'

describe('mermaidSequence', () => {
  const faults = fixture('s2-faults')
  const text = mermaidSequence(faults)
  const lines = text.trimEnd().split('\n')

  it('matches the golden diagram of the S2 fault fixture byte for byte', () => {
    expect(text).toBe(readFileSync(GOLDEN('s2-faults.mermaid.mmd'), 'utf8'))
  })

  it('declares one participant per actor inside one box per provider, the malicious provider tinted', () => {
    expect(lines[0]).toBe('sequenceDiagram')
    expect(lines.filter((l) => /^ {4}participant A\d+ as /.test(l))).toHaveLength(faults.actors.length)
    expect(lines.filter((l) => l.startsWith('  box '))).toEqual(['  box rgb(255,228,228) a.example #40;hub, malicious#41;', '  box transparent b.example'])
    expect(lines).toContain('    participant A2 as eve/1 (malicious)')
  })

  it('draws deliveries ->>, network copies -->> and drops -x, and internal events as notes', () => {
    const count = (re: RegExp) => lines.filter((l) => re.test(l)).length
    const n = (type: string) => faults.events.filter((e) => e.type === type).length
    expect(count(/^ +A\d+-x A?\d*|^ +A\d+-xA\d+:/)).toBe(n('net.drop'))
    expect(count(/^ +A\d+-->>A\d+:/)).toBe(n('net.duplicate'))
    expect(count(/^ +A\d+->>A\d+:/)).toBe(n('net.deliver') - n('net.duplicate'))
    expect(count(/^ +Note over A\d+: /)).toBe(faults.events.filter((e) => !e.type.startsWith('net.')).length)
  })

  it('sets each violation witness in a red rect', () => {
    for (const v of faults.verdicts.filter((x) => x.status === 'violated')) {
      const k = lines.findIndex((l) => l.includes(`[${v.at}] `))
      expect(lines[k - 1]).toBe('  rect rgb(255,214,214)')
      expect(lines[k]).toContain(`!! violates ${v.property}`)
      expect(lines[k + 1]).toBe('  end')
    }
  })

  it('cannot be broken by trace text: statement separators, comments, entities and markup become entity codes', () => {
    expect(mermaidText('a;b#c<d>e%%f"g&h\ni')).toBe('a#59;b#35;c#60;d#62;e#37;#37;f#34;g#38;h i')
    const evil = mermaidSequence(withMarkup(faults, '<img src=x onerror=window.pwned=1>; end\nNote over A0: pwned %% x'))
    const body = evil.trimEnd().split('\n')
    expect(body).toHaveLength(lines.length)
    expect(body.some((l) => /^\s*Note over A0: pwned/.test(l))).toBe(false)
    const textOf = (l: string) => /^ *(?:%% |participant A\d+ as |box (?:transparent|rgb\([\d,]+\)) )(.*)$/.exec(l)?.[1] ?? /^[^:]*: (.*)$/.exec(l)?.[1] ?? ''
    for (const l of body) expect(textOf(l).replace(/#\d+;/g, ''), l).not.toMatch(/[<>;#]|%%/)
    for (const l of body.filter((x) => /^ *(?:%%|box|participant|Note over)/.test(x))) expect(textOf(l), l).toContain('#60;img src=x onerror=window.pwned=1#62;#59; end Note over A0: pwned #37;#37; x')
  })
})
