/**
 * One shard of a search as a document another process can merge (`mimi-sim merge`): what was
 * searched (so shards of different searches are never mixed), the counts, the shortest violation per
 * property (as move codes, replayable in any process), the coverage, and the sorted fingerprints of
 * every unique state it visited. Merging unites the fingerprints — the union of the shards' visited
 * sets is the single run's (bfs.ts) — and keeps the shortest violation of each property.
 */
import type { CoverageReport } from './coverage.js'
import { mergeCoverage } from './coverage.js'
import type { ExploreResult, Found, StopReason } from './bfs.js'
import { packFingerprints, unionSize, unpackFingerprints } from './fingerprints.js'

export const SHARD_FORMAT = 'mimi-sim/explore-shard'

/** What identifies a search: two shards merge only if these are equal. */
export interface SearchSpec {
  /** Scenario file (absolute path) or the built-in `small-world`. */
  readonly scenario: string
  readonly design: Readonly<Record<string, string>>
  readonly properties: readonly string[]
  readonly depth: number
  readonly maxStates: number | null
  readonly seconds: number | null
  readonly all: boolean
  readonly free: boolean
  readonly maxSteps: number | null
  readonly symmetry: boolean
  /** The alphabet includes the room-administration steps (`explore --admin`). */
  readonly admin: boolean
}

export interface ShardDoc {
  readonly format: typeof SHARD_FORMAT
  readonly version: 1
  readonly spec: SearchSpec
  readonly shard: { readonly index: number; readonly count: number }
  readonly generated: number
  readonly unique: number
  readonly depth: number
  readonly seconds: number
  readonly stopped: StopReason
  readonly splitDepth: number | null
  readonly found: readonly Found[]
  readonly coverage: CoverageReport
  /** Sorted (hi, lo) fingerprint pairs of every unique state (fingerprints.ts). */
  readonly fingerprints: string
}

export function shardDoc(spec: SearchSpec, shard: { index: number; count: number }, r: ExploreResult, coverage: CoverageReport): ShardDoc {
  const fp = r.fingerprints ?? new Uint32Array()
  return {
    format: SHARD_FORMAT,
    version: 1,
    spec,
    shard,
    generated: r.generated,
    unique: r.unique,
    depth: r.depth,
    seconds: r.seconds,
    stopped: r.stopped,
    splitDepth: r.splitDepth,
    found: r.found,
    coverage,
    fingerprints: packFingerprints(fp),
  }
}

/** A search's outcome, merged from shards or from a single run (which also brings its memo's counts). */
export interface Merged extends Pick<ExploreResult, 'generated' | 'unique' | 'depth' | 'seconds' | 'stopped' | 'found'> {
  readonly coverage: CoverageReport
  readonly shards: number
  readonly reactions?: ExploreResult['reactions']
  /** Run by threads sharing one visited set (`--workers`): how many, and whether the single run was searched again for a violation they found (search.ts). */
  readonly threads?: { readonly count: number; readonly again: boolean }
}

const order = (a: Found, b: Found): number => a.length - b.length || (a.codes.join(',') < b.codes.join(',') ? -1 : a.codes.join(',') > b.codes.join(',') ? 1 : 0)

/** Why a search split into parts stopped: a violation if one was found, else the weightiest part's reason (time, states, depth, exhausted). */
export function combinedStop(stops: readonly StopReason[], found: boolean): StopReason {
  return found ? 'violation' : stops.includes('time') ? 'time' : stops.includes('states') ? 'states' : stops.includes('depth') ? 'depth' : 'exhausted'
}

/** Merge shard documents (validated by the caller to be one search's shards 0..n-1). */
export function mergeShards(docs: readonly ShardDoc[], propertyOrder: readonly string[]): Merged {
  const best = new Map<string, Found>()
  for (const d of docs) for (const f of d.found) {
    const prev = best.get(f.property)
    if (!prev || order(f, prev) < 0) best.set(f.property, f)
  }
  const found = propertyOrder.flatMap((p) => (best.has(p) ? [best.get(p)!] : [])).sort(order)
  const unique = unionSize(docs.map((d) => unpackFingerprints(d.fingerprints)))
  const generated = docs.reduce((n, d) => n + d.generated, 0)
  const stopped = combinedStop(docs.map((d) => d.stopped), found.length > 0)
  const depth = found.length ? found[0]!.length : Math.max(...docs.map((d) => d.depth))
  return {
    generated,
    unique,
    depth,
    seconds: Math.max(...docs.map((d) => d.seconds)),
    stopped,
    found,
    coverage: mergeCoverage(docs.map((d) => d.coverage), unique, generated),
    shards: docs.length,
  }
}

/** What a shard file must carry for `shardSetProblem` (explore's and check's alike). */
export interface ShardHead {
  readonly format: string
  readonly version: number
  readonly spec: unknown
  readonly shard: { readonly index: number; readonly count: number }
}

/**
 * Why these documents are not all the shards of one search, or null: each must have the format
 * (`what` names the kind of shard, `how` the command that writes one), the same search spec and
 * split, and every index of the split exactly once.
 */
export function shardSetProblem(docs: readonly unknown[], format: string, what: string, how: string): string | null {
  if (docs.length === 0) return 'no shard files given'
  for (const [k, d] of docs.entries()) {
    const doc = d as Partial<ShardHead> | null
    if (doc?.format !== format || doc.version !== 1) return `file ${k + 1} is not ${what} (write one with: ${how})`
  }
  const all = docs as ShardHead[]
  const spec = JSON.stringify(all[0]!.spec)
  const count = all[0]!.shard.count
  for (const d of all) {
    if (JSON.stringify(d.spec) !== spec) return `shard ${d.shard.index}/${d.shard.count} is of a different search: ${specDifference(all[0]!, d)}`
    if (d.shard.count !== count) return `shard ${d.shard.index}/${d.shard.count} belongs to a split into ${d.shard.count}, not ${count}`
  }
  const have = new Set(all.map((d) => d.shard.index))
  if (have.size !== all.length) return 'the same shard is given twice'
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !have.has(i))
  if (missing.length) return `shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing (merge needs all ${count})`
  return null
}

const shown = (v: unknown): string => (v === undefined ? 'absent' : JSON.stringify(v))

/** The first spec field (in sorted order) on which two shards disagree, with both values and the fix. */
function specDifference(a: ShardHead, b: ShardHead): string {
  const fields = (s: unknown): Record<string, unknown> => (typeof s === 'object' && s !== null ? (s as Record<string, unknown>) : {})
  const x = fields(a.spec)
  const y = fields(b.spec)
  const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()
  const key = keys.find((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]))
  if (key === undefined) return 'its search spec differs (write every shard with the same command)'
  return `its ${key} is ${shown(y[key])}, shard ${a.shard.index}/${a.shard.count}'s is ${shown(x[key])} (write every shard with the same flags)`
}

/** Why these documents are not the shards of one explore search, or null. */
export function shardProblem(docs: readonly unknown[]): string | null {
  return shardSetProblem(docs, SHARD_FORMAT, 'an explore shard', 'mimi-sim explore … --shard i/n --out FILE')
}
