/**
 * MIMI identifiers, branded and parsed only here.
 *
 * Models the URI forms of draft-ietf-mimi-protocol-06 §3 (Table 1) and draft-mahy-mimi-identity-05 §4:
 * provider `mimi://a.example`, user `mimi://a.example/u/alice`, client `mimi://a.example/d/alice/1`,
 * room `mimi://a.example/r/clubhouse`. The first path segment gives the type; the authority is the
 * provider's domain (ARCH §6: a room URI's authority is its hub).
 *
 * Simplified: pseudonyms (`/p/`), teams and MLS group URIs are not modelled yet; a client URI always
 * names its user (`/d/<user>/<device>`) so that user-of-client is a pure function, which the drafts
 * allow but do not require.
 */

declare const brand: unique symbol
type Brand<T, B extends string> = T & { readonly [brand]: B }

export type ProviderId = Brand<string, 'ProviderId'>
export type UserId = Brand<string, 'UserId'>
export type ClientId = Brand<string, 'ClientId'>
export type RoomId = Brand<string, 'RoomId'>

export type MimiId =
  | { readonly kind: 'provider'; readonly id: ProviderId }
  | { readonly kind: 'user'; readonly id: UserId }
  | { readonly kind: 'client'; readonly id: ClientId }
  | { readonly kind: 'room'; readonly id: RoomId }

const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/
const LOCAL = /^[A-Za-z0-9._~-]+$/

/** The one parsing function: every branded id in the project is made here. */
export function parseMimiUri(text: string): MimiId | { readonly kind: 'invalid'; readonly reason: string } {
  const m = /^mimi:\/\/([^/]+)(\/.*)?$/.exec(text)
  if (!m) return { kind: 'invalid', reason: `"${text}" is not a mimi:// URI` }
  const domain = m[1]!
  if (!DOMAIN.test(domain)) return { kind: 'invalid', reason: `"${domain}" is not a lower-case domain name` }
  const path = m[2] ?? ''
  if (path === '') return { kind: 'provider', id: text as ProviderId }
  const parts = path.slice(1).split('/')
  if (!parts.every((p) => LOCAL.test(p))) return { kind: 'invalid', reason: `"${text}" has an empty or non-URI-safe path segment` }
  const [type, ...rest] = parts
  if (type === 'u' && rest.length === 1) return { kind: 'user', id: text as UserId }
  if (type === 'r' && rest.length === 1) return { kind: 'room', id: text as RoomId }
  if (type === 'd' && rest.length === 2) return { kind: 'client', id: text as ClientId }
  return { kind: 'invalid', reason: `"${text}" is not /u/<user>, /d/<user>/<device> or /r/<room>` }
}

function must(text: string, kind: MimiId['kind']): string {
  const parsed = parseMimiUri(text)
  if (parsed.kind !== kind) {
    const why = 'reason' in parsed ? parsed.reason : `it is a ${parsed.kind} URI`
    throw new TypeError(`expected a ${kind} URI: ${why}`)
  }
  return text
}

export const providerId = (domain: string): ProviderId => must(`mimi://${domain}`, 'provider') as ProviderId
export const userId = (domain: string, name: string): UserId => must(`mimi://${domain}/u/${name}`, 'user') as UserId
export const clientId = (domain: string, user: string, device: string): ClientId =>
  must(`mimi://${domain}/d/${user}/${device}`, 'client') as ClientId
export const roomId = (domain: string, name: string): RoomId => must(`mimi://${domain}/r/${name}`, 'room') as RoomId

/** The provider whose domain is the URI's authority. */
export const providerOf: (id: UserId | ClientId | RoomId | ProviderId) => ProviderId = remembered((id) => {
  const rest = id.slice('mimi://'.length)
  const slash = rest.indexOf('/')
  return `mimi://${slash < 0 ? rest : rest.slice(0, slash)}` as ProviderId
})

/**
 * A pure function of an id, remembered per id: the model derives names from ids on every step (a
 * search runs it millions of times over a handful of ids). Bounded, so no run grows it without end.
 */
function remembered<T extends string>(fn: (id: string) => T): (id: string) => T {
  const known = new Map<string, T>()
  return (id) => {
    let v = known.get(id)
    if (v === undefined) {
      if (known.size >= 4096) known.clear()
      known.set(id, (v = fn(id)))
    }
    return v
  }
}

export const userOfClient: (id: ClientId) => UserId = remembered((id) => {
  const parts = id.split('/')
  return `mimi://${parts[2]}/u/${parts[4]}` as UserId
})

/** The last path segment (or domain for a provider): what a person would call it in a diagram. */
export const shortName: (id: string) => string = remembered((id) => {
  const parsed = parseMimiUri(id)
  if (parsed.kind === 'provider') return id.slice('mimi://'.length)
  if (parsed.kind === 'client') {
    const p = id.split('/')
    return `${p[4]}/${p[5]}`
  }
  return id.slice(id.lastIndexOf('/') + 1)
})
