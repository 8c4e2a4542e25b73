/**
 * The receive side of the symbolic engine: `process` for commits, proposals and application messages.
 *
 * Models (RFC 9420 from memory): §6 framing checks (group id, epoch) before anything else; §12.4.2
 * commit processing, where proposals included by reference must already be held by the receiver;
 * §12.1.8 external proposals, accepted only from a signer listed in external_senders (§12.1.8.1);
 * §12.4.3.2 external commits, seen as sender `new_member_commit`; and the MIMI rule that the
 * application validates every change before it is applied (draft-ietf-mimi-protocol-06 §4.2, §7;
 * MLSX §4.7).
 *
 * Simplified: a digest mismatch stands in for every cryptographic failure a forked state would meet
 * (confirmation tag, membership tag, AEAD). A receiver does not track which generations it has
 * consumed (only senders count theirs, member.ts), so a replayed message decrypts again, where real
 * MLS would refuse it; the model does not rely on replay failures. Like ts-mls, a
 * member keeps the keys of its last four epochs, so an application message from one of them still
 * decrypts (a sender that missed a commit, or a message overtaken by one).
 */
import type { GroupState, ProcessResult, Validator, Wire } from '../types.js'
import { retain, stateOf, msgOf, wrapState, type SymState, type CommitMsg, type ProposalMsg, type AppMsg } from './state.js'

function failed(error: string): ProcessResult {
  return { kind: 'failed', error }
}

export function processSync(state: GroupState, w: Wire, validator: Validator): ProcessResult {
  const s = stateOf(state)
  const m = msgOf(w)
  if (m.t === 'welcome' || m.t === 'groupInfo') {
    return failed(`cannot process a ${m.t} as a group message: it is consumed by join/joinExternal`)
  }
  if (s.removed) {
    return failed(`removed from group ${s.groupId}: a removed member cannot process later messages`)
  }
  if (m.groupId !== s.groupId) {
    return failed(`group mismatch: message for group ${m.groupId}, state is group ${s.groupId}`)
  }
  const what = m.t === 'application' ? 'message' : m.t
  // A message from an earlier epoch decrypts with that epoch's retained keys, as in ts-mls.
  if (m.t === 'application' && m.epoch < s.epoch && s.past.some((p) => p.epoch === m.epoch && p.digest === m.digest)) {
    return processApplication(state, s, m)
  }
  // ts-mls 1.6.4 takes an external sender's proposal into its pending list whatever its epoch (RFC
  // 9420 §6 would refuse another epoch's); the model follows the engine it stands in for.
  // Nor is the proposal bound to the history: its signature does not cover the GroupContext.
  if (m.t === 'proposal') return processProposal(s, m, validator)
  if (m.epoch !== s.epoch) {
    return failed(`epoch mismatch: ${what} for epoch ${m.epoch}, state at epoch ${s.epoch}`)
  }
  if (m.t === 'commit') {
    if (m.parent !== s.digest) {
      return failed(`state diverged: commit built on a different epoch-${m.epoch} history`)
    }
    return processCommit(s, m, validator)
  }
  if (m.digest !== s.digest) return failed(`decryption failed: message from a different epoch-${m.epoch} history (state diverged)`)
  return processApplication(state, s, m)
}

function processCommit(s: SymState, m: CommitMsg, validator: Validator): ProcessResult {
  const sender = m.change.sender
  if (sender.kind !== 'external' && sender.client === s.self) {
    return failed('cannot process own commit: the committer merges it instead')
  }
  for (const ref of m.proposalRefs) {
    if (!s.pending.some((p) => p.ref === ref)) {
      return failed(`missing proposal: commit references proposal ${ref}, which this member does not hold`)
    }
  }
  const verdict = validator(m.change)
  if (!verdict.ok) return { kind: 'rejected', reason: verdict.reason }
  const removed = m.change.removes.includes(s.self)
  const next: SymState = {
    tag: s.tag,
    groupId: s.groupId,
    // As in ts-mls, a member removed by a commit never enters the new epoch; it keeps the old
    // epoch number, sees the new member list, and is marked removed.
    epoch: removed ? s.epoch : s.epoch + 1,
    members: m.members,
    context: m.change.context === null ? s.context : m.change.context,
    externalSenders: s.externalSenders,
    digest: m.digest,
    pending: [],
    self: s.self,
    removed,
    past: retain(s),
    sent: 0,
  }
  return { kind: 'commit', state: wrapState(next), change: m.change }
}

function processProposal(s: SymState, m: ProposalMsg, validator: Validator): ProcessResult {
  if (!s.externalSenders.includes(m.provider)) {
    return failed(`unknown external sender: ${m.provider} is not in the group's external_senders`)
  }
  const p = m.proposal
  if (p.remove && !s.members.includes(p.remove)) {
    return failed(`invalid proposal: remove of ${p.remove}, who is not a member`)
  }
  if (p.context !== null && s.context === null) {
    return failed('invalid proposal: the group carries no room context to replace')
  }
  const verdict = validator(m.change)
  if (!verdict.ok) return { kind: 'rejected', reason: verdict.reason }
  // Receiving the same proposal twice only refreshes the cache, as a ref-keyed proposal store does.
  if (s.pending.some((q) => q.ref === p.ref)) {
    return { kind: 'proposal', state: wrapState(s), change: m.change }
  }
  const next: SymState = { ...s, pending: [...s.pending, p] }
  return { kind: 'proposal', state: wrapState(next), change: m.change }
}

function processApplication(state: GroupState, s: SymState, m: AppMsg): ProcessResult {
  if (m.sender === s.self) {
    return failed('cannot decrypt own message: the sender has already consumed that generation\'s key')
  }
  return { kind: 'application', state, sender: m.sender, plaintext: m.plaintext }
}
