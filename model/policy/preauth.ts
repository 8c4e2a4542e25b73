/**
 * Preauthorized users (draft-ietf-mimi-room-policy-03 §4): the `preauth_list` component.
 *
 * Entries are consulted in order and the first whose every claim matches the requester wins. They
 * are consulted only for external joins or external proposals by a requester not in the participant
 * list, for a participant changing its own role, and for external senders such as the hub.
 *
 * Simplified: claims are the three facts a MIMI credential carries in this model — the user URI, the
 * provider domain, and whether the requester is a user or a service (a provider as external sender)
 * — instead of X.509/JWT/CWT claim ids ("TODO: refactor Claims" in the draft). The draft's
 * `target_role` embeds a whole Role; we hold its index (findings.md: it reads like a draft bug).
 */
import type { ProviderId, UserId } from '../ids.js'

export interface Claims {
  readonly user?: UserId
  readonly provider?: ProviderId
  readonly kind?: 'user' | 'service'
}

export interface PreauthEntry {
  readonly claims: Claims
  readonly role: number
}

/** Who asks: a user (with its provider) or a provider acting as a service. */
export interface Requester {
  readonly kind: 'user' | 'service'
  readonly user: UserId | null
  readonly provider: ProviderId
}

function matches(claims: Claims, r: Requester): boolean {
  if (claims.kind !== undefined && claims.kind !== r.kind) return false
  if (claims.provider !== undefined && claims.provider !== r.provider) return false
  if (claims.user !== undefined && claims.user !== r.user) return false
  return true
}

/** The role of the first entry matching the requester, or 0 when none matches. */
export function preauthRole(entries: readonly PreauthEntry[], r: Requester): number {
  return entries.find((e) => matches(e.claims, r))?.role ?? 0
}

export function describeClaims(c: Claims): string {
  const parts = [c.kind && `kind=${c.kind}`, c.provider && `provider=${c.provider}`, c.user && `user=${c.user}`].filter(Boolean)
  return parts.length ? parts.join(',') : 'anyone'
}
