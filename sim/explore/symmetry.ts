/**
 * Symmetry reduction: states that differ only by a renaming of interchangeable users, their
 * clients and follower providers behave alike, so only one of them needs exploring.
 *
 * The symmetries are found, not declared: candidate renamings permute users with the same shape
 * (malicious flag, number of clients, role in every room, not a room's creator, not named by a
 * scripted step) together with their providers when those are followers of the same shape; a
 * renaming is kept only if it maps the scenario's world onto itself. Devices 2..n of one user are
 * interchangeable too (device 1 is the one that acts).
 *
 * A state's canonical form is the least, over all kept renamings, of a serialization of the
 * renamed state in which URIs are renamed inside every string, arrays that were sorted are sorted
 * again, the network is taken per link, and SymbolicMls digests and KeyPackage refs — opaque
 * 16-hex-digit atoms the model only compares — are numbered by first appearance. So two states
 * merge exactly when one is a renaming of the other up to a consistent relabelling of those atoms.
 * This is sound when the model treats names only as identities (compares and sorts them, never
 * branches on their spelling): test/sim/explore/symmetry.test.ts checks that verdicts and shortest
 * counterexamples do not change on the pinned worlds, with fewer states.
 */
import type { Scenario } from '../scenario/types.js'
import type { ExploreModel, GState } from './model.js'

const URI = /mimi:\/\/[a-z0-9.-]+(?:\/[a-z]\/[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)?)?/g
const ATOM = /^[0-9a-f]{16}$/

type Renaming = ReadonlyMap<string, string>

/** A renaming with what it needs at hand: URI map, short-name map, and a cache of renamed strings. */
interface Compiled {
  readonly map: Renaming
  readonly size: number
  readonly pattern: RegExp | null
  readonly short: ReadonlyMap<string, string>
  readonly cache: Map<string, string>
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [xs.slice()]
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]))
}

/** Cartesian product of per-class choices. */
function product<T>(classes: readonly (readonly T[])[]): T[][] {
  return classes.reduce<T[][]>((acc, c) => acc.flatMap((a) => c.map((x) => [...a, x])), [[]])
}

const shortOf = (uri: string): string => uri.slice(uri.lastIndexOf('/') + 1)

export function compile(map: Renaming): Compiled {
  const short = new Map<string, string>()
  for (const [a, b] of map) if (a.includes('/u/')) short.set(shortOf(a), shortOf(b))
  const words = [...short.keys()].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  const pattern = map.size ? new RegExp(`${URI.source}${words.length ? `|\\b(?:${words.join('|')})\\b` : ''}`, 'g') : null
  return { map, size: map.size, pattern, short, cache: new Map() }
}

/**
 * Rename inside a string: URIs, and users' short names as whole words in free text (the search's
 * messages say "secret from bob"). A string that is JSON (an encoded room state in the GroupContext)
 * is renamed value by value and its sorted lists sorted again, so it stays canonical.
 */
function rename(text: string, r: Compiled): string {
  if (!r.pattern) return text
  let out = r.cache.get(text)
  if (out !== undefined) return out
  const swap = (t: string) => t.replace(r.pattern!, (w) => r.map.get(w) ?? r.short.get(w) ?? w)
  let json: unknown = undefined
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
  }
  out = json === undefined ? swap(text) : JSON.stringify(renameJson(json, swap))
  r.cache.set(text, out)
  return out
}

function renameJson(v: unknown, swap: (t: string) => string): unknown {
  if (typeof v === 'string') return swap(v)
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) {
    const out = v.map((x) => renameJson(x, swap))
    if (sortedStrings(v)) return (out as string[]).sort()
    if (sortedPairs(v)) return (out as [string, unknown][]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return out
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [swap(k), renameJson(x, swap)]))
}

/** The world part of a scenario, renamed by short names, in a canonical (sorted) form. */
function worldShape(s: Scenario, users: ReadonlyMap<string, string>, providers: ReadonlyMap<string, string>): string {
  const u = (x: string) => users.get(x) ?? x
  const p = (x: string) => providers.get(x) ?? x
  const shape = {
    providers: s.providers.map((x) => JSON.stringify({ ...x, id: p(x.id) })).sort(),
    users: s.users.map((x) => JSON.stringify({ ...x, id: u(x.id), provider: p(x.provider), clients: x.clients ?? 1, malicious: x.malicious ?? false })).sort(),
    rooms: s.rooms.map((r) => JSON.stringify({ ...r, hub: p(r.hub), creator: u(r.creator), participants: r.participants.map((q) => `${u(q.user)}:${q.role}`).sort() })).sort(),
    steps: s.steps.map((x) => JSON.stringify(Object.fromEntries(Object.entries(x).map(([k, v]) => [k, k === 'actor' || k === 'target' || k === 'victim' ? p(u(v as string)) : v])))),
  }
  return JSON.stringify(shape)
}

export class Symmetry {
  /** The renamings kept (the identity first), as full-URI maps. */
  readonly renamings: readonly Renaming[]
  private readonly compiled: readonly Compiled[]

  constructor(private readonly model: ExploreModel) {
    this.renamings = findRenamings(model)
    this.compiled = this.renamings.map(compile)
  }

  get size(): number {
    return this.renamings.length
  }

  canonical(s: GState): string {
    let best: string | null = null
    for (const r of this.compiled) {
      const text = serialize(s, r, this.model)
      if (best === null || text < best) best = text
    }
    return best!
  }
}

function findRenamings(model: ExploreModel): Renaming[] {
  const s = model.scenario
  const named = new Set(s.steps.flatMap((x) => [x.actor, 'target' in x ? String(x.target) : '', 'victim' in x ? String(x.victim) : '']))
  const hubs = new Set(s.rooms.map((r) => r.hub))
  const role = (user: string) => s.rooms.map((r) => r.participants.find((q) => q.user === user)?.role ?? '-').join(',')
  const userShape = (x: Scenario['users'][number]) => JSON.stringify([x.malicious ?? false, x.clients ?? 1, role(x.id), hubs.has(x.provider) ? x.provider : 'follower'])
  const movable = s.users.filter((x) => !named.has(x.id) && !s.rooms.some((r) => r.creator === x.id))
  const classes = new Map<string, string[]>()
  for (const x of movable) classes.set(userShape(x), [...(classes.get(userShape(x)) ?? []), x.id])
  const perClass = [...classes.values()].map((ids) => permutations(ids).map((perm) => ids.map((id, k) => [id, perm[k]!] as const)))
  const out: Renaming[] = []
  const seen = new Set<string>()
  for (const choice of product(perClass)) {
    const users = new Map(choice.flat())
    // Users that trade places on different follower providers take their providers along.
    const providers = new Map<string, string>()
    let consistent = true
    for (const [a, b] of users) {
      const pa = s.users.find((x) => x.id === a)!.provider
      const pb = s.users.find((x) => x.id === b)!.provider
      if (pa === pb) continue
      if (hubs.has(pa) || hubs.has(pb) || (providers.has(pa) && providers.get(pa) !== pb)) consistent = false
      providers.set(pa, pb)
    }
    if (!consistent || worldShape(s, users, providers) !== worldShape(s, new Map(), new Map())) continue
    for (const devices of devicePermutations(s)) {
      const full = new Map<string, string>()
      for (const [a, b] of providers) full.set(`mimi://${a}`, `mimi://${b}`)
      for (const [a, b] of users) {
        const ua = s.users.find((x) => x.id === a)!
        const ub = s.users.find((x) => x.id === b)!
        full.set(`mimi://${ua.provider}/u/${a}`, `mimi://${ub.provider}/u/${b}`)
        for (let k = 1; k <= (ua.clients ?? 1); k++) full.set(`mimi://${ua.provider}/d/${a}/${k}`, `mimi://${ub.provider}/d/${b}/${devices.get(`${b}/${k}`) ?? k}`)
      }
      for (const [from, to] of devices) {
        const [user, k] = from.split('/')
        if (users.has(user!)) continue
        const u = s.users.find((x) => x.id === user)!
        full.set(`mimi://${u.provider}/d/${user}/${k}`, `mimi://${u.provider}/d/${user}/${to}`)
      }
      const moved = [...full.entries()].filter(([a, b]) => a !== b)
      const sig = moved.map((x) => x.join('>')).sort().join(';')
      if (seen.has(sig)) continue
      seen.add(sig)
      out.push(new Map(moved))
    }
  }
  out.sort((a, b) => a.size - b.size)
  return out
}

/** Permutations of devices 2..n of each user with three or more devices ("user/k" → new k). */
function devicePermutations(s: Scenario): Map<string, number>[] {
  const perUser = s.users.filter((u) => (u.clients ?? 1) >= 3).map((u) => {
    const ks = Array.from({ length: (u.clients ?? 1) - 1 }, (_, i) => i + 2)
    return permutations(ks).map((perm) => ks.map((k, i) => [`${u.id}/${k}`, perm[i]!] as const))
  })
  return product(perUser).map((choice) => new Map(choice.flat()))
}

function sortedStrings(a: readonly unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'string' || (i > 0 && (a[i - 1] as string) > (a[i] as string))) return false
  return true
}

function sortedPairs(a: readonly unknown[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]
    if (!Array.isArray(x) || x.length !== 2 || typeof x[0] !== 'string') return false
    if (i > 0 && (a[i - 1] as string[])[0]! > x[0]) return false
  }
  return a.length > 0
}

const atomCache = new Map<string, boolean>()
const isAtom = (x: string): boolean => {
  let a = atomCache.get(x)
  if (a === undefined) atomCache.set(x, (a = x.length === 16 && ATOM.test(x)))
  return a
}

export function serialize(s: GState, r: Compiled, model: ExploreModel): string {
  const atoms = new Map<string, number>()
  const str = (x: string): string => {
    if (isAtom(x)) {
      let n = atoms.get(x)
      if (n === undefined) atoms.set(x, (n = atoms.size))
      return `@${n}`
    }
    return JSON.stringify(r.size ? rename(x, r) : x)
  }
  const val = (v: unknown): string => {
    if (typeof v === 'string') return str(v)
    if (v === null || typeof v !== 'object') return String(v)
    if (Array.isArray(v)) {
      // Sorted sets stay sorted under the renaming: order by renamed name, then serialize.
      const by = (x: string, y: string) => (rename(x, r) < rename(y, r) ? -1 : rename(x, r) > rename(y, r) ? 1 : 0)
      if (r.size && sortedStrings(v)) return `[${(v as string[]).slice().sort(by).map(str).join(',')}]`
      if (r.size && sortedPairs(v)) return `[${(v as [string, unknown][]).slice().sort(([a], [b]) => by(a, b)).map(([a, b]) => `[${str(a)},${val(b)}]`).join(',')}]`
      return `[${v.map(val).join(',')}]`
    }
    const rec = v as Record<string, unknown>
    const keys = Object.keys(rec).map((k) => [r.size ? rename(k, r) : k, k] as const).sort(([a], [b]) => (a < b ? -1 : 1))
    return `{${keys.map(([, k]) => `${str(k)}:${val(rec[k])}`).join(',')}}`
  }
  // Actors in renamed order: actor i's slot goes where its renamed id sorts.
  const actors = model.actors.map((a, i) => [r.map.get(a.id) ?? a.id, i] as const).sort(([a], [b]) => (a < b ? -1 : 1))
  const parts = actors.map(([id, i]) => `${id}=${val(s.actors[i])}`)
  const links = new Map<string, string[]>()
  for (const e of s.net.pending) {
    const link = `${r.map.get(e.from) ?? e.from}>${r.map.get(e.to) ?? e.to}`
    links.set(link, [...(links.get(link) ?? []), `${val(e.msg)}/${e.copy}`])
  }
  const net = model.net.ordered
    ? [...links.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([l, ms]) => `${l}:${ms.join(';')}`)
    : [...links.entries()].flatMap(([l, ms]) => ms.map((m) => `${l}:${m}`)).sort()
  return `${parts.join('|')}#${net.join('|')}#${model.net.faulty ? s.net.faults : 0}#${model.maxSteps !== null ? s.steps : 0}#${val(s.mon)}`
}
