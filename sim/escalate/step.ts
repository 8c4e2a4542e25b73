/**
 * Taking one move: who commits it, whether `authorize` allows it, and the state after.
 *
 * A member commits its own proposals unless they remove its own client (a leaver cannot commit its
 * own removal, POL §8.1.2); those, and the hub's external proposals, are committed by an honest
 * member (draft-ietf-mimi-protocol-06 §3.5: the hub may require pending proposals to be included;
 * draft-ietf-mls-extensions-09 §4.7: every client judges the whole list, so an honest committer
 * commits exactly the valid ones). An external joiner commits its own join (RFC 9420 §12.4.3.2).
 */
import { type UserId, userOfClient } from '../../model/ids.js'
import { authorize, type PolicyVariant, type Principal, type Use } from '../../model/policy/index.js'
import type { Move } from './moves.js'
import { type EscState, memberPrincipal, membersOf } from './world.js'

export interface Taken {
  readonly move: Move
  readonly committer: Principal
  readonly used: readonly Use[]
  readonly after: EscState
}

/** The users with a client after the move: Adds and joins give one, Removes take it away. */
function activeAfter(s: EscState, move: Move): UserId[] {
  const set = new Set<UserId>(s.active)
  for (const p of move.parts) {
    if (p.kind === 'add') set.add(userOfClient(p.client))
    else if (p.kind === 'join') set.add(p.by.user)
    else if (p.kind === 'remove') set.delete(userOfClient(p.client))
  }
  return [...set].sort()
}

/**
 * Who commits: the sender itself when it is a member, else the first honest member in sorted order —
 * never a member whose client the list removes (RFC 9420 §12.2: a committer cannot remove itself).
 * The policy rules look at the committer only for that reason (POL §8.1.2), so one choice suffices.
 */
function committer(s: EscState, move: Move): Principal | null {
  const sender = move.sender
  if (sender.kind === 'joiner') return sender
  const removed = new Set(move.parts.flatMap((p) => (p.kind === 'remove' ? [userOfClient(p.client)] : [])))
  if (sender.kind === 'member' && !removed.has(sender.user)) return sender
  const honest = s.active.find((u) => !removed.has(u) && (sender.kind === 'external' || u !== sender.user))
  return honest === undefined ? null : memberPrincipal(honest)
}

/** The move as committed (see `committer`) if `authorize` allows it, or null. */
export function take(s: EscState, move: Move, variant: PolicyVariant): Taken | null {
  const by = committer(s, move)
  if (!by) return null
  const v = authorize(s.room, { committer: by, parts: move.parts, members: membersOf(s) }, variant)
  return v.kind === 'allowed' ? { move, committer: by, used: v.used, after: { room: v.after, active: activeAfter(s, move) } } : null
}
