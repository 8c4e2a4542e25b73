/**
 * What bench:peers keeps of one mimi-sim search: counts, seconds, and the first-time reactions'
 * share. A search in the bench's process and one in a process of its own (coldSearch.ts, which
 * prints it as JSON) are summarised alike.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ExploreResult, SearchSpec } from '../../sim/explore/index.js'

/**
 * The search `mimi-sim explore s2-world.json --design policy=mls --property noEavesdropper
 * --max-steps N` runs, for `runSearch` (coverage included, as there).
 */
export function s2Spec(maxSteps: number): SearchSpec {
  const scenario = join(fileURLToPath(new URL('.', import.meta.url)), 's2-world.json')
  return { scenario, design: { policy: 'mls' }, properties: ['noEavesdropper'], depth: 400, maxStates: null, seconds: 120, all: false, free: true, maxSteps, symmetry: false, admin: false }
}

export interface SearchSummary {
  readonly generated: number
  readonly unique: number
  readonly stopped: string
  readonly seconds: number
  readonly reactions: { readonly computed: number; readonly answered: number; readonly seconds: number }
}

export function summarise(r: Pick<ExploreResult, 'generated' | 'unique' | 'stopped' | 'seconds'> & { readonly reactions?: ExploreResult['reactions'] }): SearchSummary {
  if (!r.reactions) throw new Error('bench:peers: the search ran without its memo, so it has no reaction counts')
  return { generated: r.generated, unique: r.unique, stopped: r.stopped, seconds: r.seconds, reactions: { computed: r.reactions.computed, answered: r.reactions.answered, seconds: r.reactions.seconds } }
}
