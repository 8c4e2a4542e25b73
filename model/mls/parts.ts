/**
 * Splitting a commit's changes by who proposed them, the same way for every engine, so that both
 * engines hand validators the same `IncomingChange.parts` (RFC 9420 §12.4: proposals committed by
 * reference keep their own sender; the committer's own proposals are its part).
 *
 * The committer's part comes first, then one part per other sender in sorted order of sender, so the
 * result does not depend on the order an engine happened to list proposals in.
 */
import type { ClientId } from '../ids.js'
import type { ChangePart, ChangeSender } from './types.js'

export interface SenderItem {
  readonly sender: ChangeSender
  readonly add?: ClientId
  readonly remove?: ClientId
  readonly context?: string
}

const keyOf = (s: ChangeSender): string => (s.kind === 'external' ? `external ${s.provider}` : `${s.kind} ${s.client}`)

export function groupParts(committer: ChangeSender, items: readonly SenderItem[]): ChangePart[] {
  const by = new Map<string, { sender: ChangeSender; adds: ClientId[]; removes: ClientId[]; context: string | null }>()
  const own = keyOf(committer)
  by.set(own, { sender: committer, adds: [], removes: [], context: null })
  for (const it of items) {
    const k = keyOf(it.sender)
    const p = by.get(k) ?? { sender: it.sender, adds: [], removes: [], context: null }
    if (it.add !== undefined) p.adds.push(it.add)
    if (it.remove !== undefined) p.removes.push(it.remove)
    if (it.context !== undefined) p.context = it.context
    by.set(k, p)
  }
  const others = [...by.keys()].filter((k) => k !== own).sort()
  return [own, ...others].map((k) => {
    const p = by.get(k)!
    return { sender: p.sender, adds: p.adds.sort(), removes: p.removes.sort(), context: p.context }
  })
}
