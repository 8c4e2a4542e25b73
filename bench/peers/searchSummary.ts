/**
 * What bench:peers keeps of one mimi-sim search: counts, seconds, and the first-time reactions'
 * share. A search in the bench's process and one in a process of its own (coldSearch.ts, which
 * prints it as JSON) are summarised alike.
 */
import type { ExploreResult } from '../../sim/explore/index.js'

export interface SearchSummary {
  readonly generated: number
  readonly unique: number
  readonly stopped: string
  readonly seconds: number
  readonly reactions: { readonly computed: number; readonly seconds: number }
}

export function summarise(r: ExploreResult): SearchSummary {
  if (!r.reactions) throw new Error('bench:peers: the search ran without its memo, so it has no reaction counts')
  return { generated: r.generated, unique: r.unique, stopped: r.stopped, seconds: r.seconds, reactions: { computed: r.reactions.computed, seconds: r.reactions.seconds } }
}
