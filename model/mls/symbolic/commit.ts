/**
 * The commit side of the symbolic engine: building a member's commit, its Welcome and GroupInfo.
 *
 * Models (RFC 9420 from memory): §12.4 a commit covers the committer's explicit changes plus every
 * proposal it holds (external Adds, Removes, context changes), included by reference and reported with
 * their own sender; §12.2 at most one GroupContextExtensions proposal per commit; §12.4.3.1 a Welcome carries one EncryptedGroupSecrets entry
 * per added KeyPackage, and the GroupInfo of the new epoch; §12.2 proposal-list validity (no removing
 * non-members or oneself, no adding an existing member). Misuse throws, as the interface asks.
 *
 * Simplified: the new digest is H(parent digest, commit content), so a commit is a pure function of
 * (state, request) — see symbolicMls.ts for why. Duplicate pending adds for one client are dropped
 * rather than making the commit invalid, as a careful committer would.
 */
import type { ClientId } from '../../ids.js'
import type { CommitRequest, CommitResult, GroupState, IncomingChange } from '../types.js'
import { SEP, digest64, framed } from './hash.js'
import { groupParts, type SenderItem } from '../parts.js'
import { groupInfoMsg, retain, TAG, nextRoster, stateOf, welcomeMsg, wire, wrapState, type CommitMsg, type SymState } from './state.js'

export const NO_CLIENTS: readonly ClientId[] = []

export const CONTEXT_WITH_REMOVES_ERROR =
  'unsupported commit: a room-context change and removes in one commit (ts-mls 1.6.4 mishandles ' +
  'GroupContextExtensions together with Remove); commit them separately'

export function commitSync(state: GroupState, req: CommitRequest): CommitResult {
  const s = stateOf(state)
  if (s.removed) throw new Error(`cannot commit: ${s.self} was removed from group ${s.groupId}`)
  const removes = (req.removes ?? NO_CLIENTS).slice().sort()
  for (let i = 0; i < removes.length; i++) {
    const r = removes[i]!
    if (r === s.self) throw new Error(`cannot remove ${r}: a committer cannot remove itself`)
    if (!s.members.includes(r)) throw new Error(`cannot remove ${r}: not a member of group ${s.groupId}`)
    if (i > 0 && removes[i - 1] === r) throw new Error(`cannot remove ${r} twice in one commit`)
  }
  // (client, KeyPackage ref) of every add, explicit ones first, then pending proposals not already covered.
  const adds: (readonly [ClientId, string])[] = []
  for (const kp of req.adds ?? []) {
    if (s.members.includes(kp.client)) throw new Error(`cannot add ${kp.client}: already a member of group ${s.groupId}`)
    if (adds.some((a) => a[0] === kp.client)) throw new Error(`cannot add ${kp.client} twice in one commit`)
    adds.push([kp.client, kp.ref])
  }
  // Pending proposals, included by reference, each keeping its sender (RFC 9420 §12.4).
  const proposalRefs: string[] = []
  const self = { kind: 'member' as const, client: s.self }
  const items: SenderItem[] = [
    ...(req.adds ?? []).map((k) => ({ sender: self, add: k.client })),
    ...removes.map((c) => ({ sender: self, remove: c })),
  ]
  let pendingContext: string | null = null
  // The committer chooses what it can commit (RFC 9420 §12.2): at most one context change, and none
  // beside a Remove (ts-mls 1.6.4 bug #742); a context proposal it leaves out lapses with the epoch.
  const anyRemove = removes.length > 0 || s.pending.some((p) => p.remove !== null && s.members.includes(p.remove))
  for (const p of s.pending) {
    const from = { kind: 'external' as const, provider: p.provider }
    if (p.add) {
      // ts-mls 1.6.4 takes an Add of a current member into its pending list; a committer leaves it out.
      if (adds.some((a) => a[0] === p.add!.client) || s.members.includes(p.add.client)) continue
      adds.push([p.add.client, p.add.kpRef])
      items.push({ sender: from, add: p.add.client })
    } else if (p.remove) {
      if (removes.includes(p.remove) || !s.members.includes(p.remove)) continue
      if (p.remove === s.self) throw new Error(`cannot commit: a pending proposal removes the committer ${s.self}`)
      removes.push(p.remove)
      items.push({ sender: from, remove: p.remove })
    } else if (p.context !== null) {
      if (req.context !== undefined || pendingContext !== null || anyRemove) continue
      pendingContext = p.context
      items.push({ sender: from, context: p.context })
    }
    proposalRefs.push(p.ref)
  }
  removes.sort()
  if ((req.context !== undefined || pendingContext !== null) && removes.length > 0) throw new Error(CONTEXT_WITH_REMOVES_ERROR)
  adds.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
  const addClients = adds.map((a) => a[0])
  const own = req.context !== undefined && s.context !== null ? req.context : null
  if (own !== null) items.push({ sender: self, context: own })
  const newContext = own ?? (s.context !== null ? pendingContext : null)
  const parts = groupParts(self, items)
  const change: IncomingChange = {
    kind: 'commit',
    sender: self,
    adds: addClients,
    removes,
    context: newContext,
    parts,
  }
  const id = ['commit', s.self, adds.map((a) => a[1]).join(','), removes.join(','), framed(newContext), proposalRefs.join(',')]
  const digest = digest64(s.digest + SEP + id.join(SEP))
  const members = nextRoster(s.members, addClients, removes)
  const next: SymState = {
    tag: TAG,
    groupId: s.groupId,
    epoch: s.epoch + 1,
    members,
    context: newContext === null ? s.context : newContext,
    externalSenders: s.externalSenders,
    digest,
    pending: [],
    self: s.self,
    removed: false,
    past: retain(s),
    sent: 0,
  }
  const commit: CommitMsg = {
    tag: TAG,
    t: 'commit',
    groupId: s.groupId,
    epoch: s.epoch,
    parent: s.digest,
    change,
    proposalRefs,
    digest,
    members,
  }
  const welcome = adds.length === 0 ? null : wire('welcome', welcomeMsg(next, adds.map((a) => [a[1], a[0]] as const)))
  const groupInfo = wire('groupInfo', groupInfoMsg(next))
  const welcomeRefs = adds.map((a) => a[1]).sort()
  return { state: wrapState(next), commit: wire('commit', commit), welcome, welcomeRefs, groupInfo, change }
}

