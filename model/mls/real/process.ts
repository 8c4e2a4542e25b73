/**
 * Receiving a commit, proposal or application message (RFC 9420 §6.3, §12.4.2), with the receiver's
 * validator judging every commit and proposal before it is applied (MLSX §4.7: an invalid proposal
 * list is rejected, and the state stays as it was).
 *
 * The validator runs inside ts-mls's synchronous callback, after ts-mls's own proposal validation,
 * except for external commits: that callback cannot see who joins (ts-mls-notes §2), so we read the
 * joiner from the PublicMessage's UpdatePath leaf and judge before ts-mls runs.
 * ts-mls does not return an application message's sender; we read it from which leaf's ratchet moved
 * in the receiver's secret tree, since decrypting the sender data a second time would cost more.
 * Anything ts-mls throws becomes `failed` with its own text; a throwing validator is a bug, rethrown.
 */
import {
  emptyPskIndex,
  processPrivateMessage,
  processPublicMessage,
  type CiphersuiteImpl,
  type ClientState,
  type IncomingMessageCallback,
} from 'ts-mls'
import type { ClientId } from '../../ids.js'
import type { ChangeSender, GroupState, IncomingChange, ProcessResult, Validator, Verdict, Wire } from '../types.js'
import { clientOf, describe, externalProvider, leafClient } from './change.js'
import { clientState, engineText, group, messageOf, td } from './wire.js'

function appSender(before: ClientState, after: ClientState, epoch: bigint): ClientId {
  const old = epoch < before.groupContext.epoch ? before.historicalReceiverData.get(epoch) : before
  const now = epoch < before.groupContext.epoch ? after.historicalReceiverData.get(epoch) : after
  if (old && now) {
    for (let i = 0; i < old.secretTree.length; i++) {
      if (old.secretTree[i] !== now.secretTree[i]) return leafClient(old.ratchetTree, i / 2)
    }
  }
  throw new Error('could not tell which leaf sent the application message')
}

export async function processWire(state: GroupState, wire: Wire, validator: Validator, impl: CiphersuiteImpl): Promise<ProcessResult> {
  const msg = messageOf(wire)
  if (msg.wireformat !== 'mls_public_message' && msg.wireformat !== 'mls_private_message')
    throw new Error(`process() cannot take a ${wire.kind}; use join()`)
  const s = clientState(state)
  const pub = msg.wireformat === 'mls_public_message' ? msg.publicMessage : undefined
  let change: IncomingChange | undefined
  let verdict = { ok: true } as Verdict
  let validatorThrew = false
  const rejected = (): ProcessResult => ({ kind: 'rejected', reason: verdict.ok ? '' : verdict.reason })
  const judge = (c: IncomingChange) => {
    change = c
    validatorThrew = true
    verdict = validator(c)
    validatorThrew = false
    return verdict.ok ? 'accept' : 'reject'
  }
  const senderOf = (leaf: number | undefined): ChangeSender => {
    if (leaf !== undefined) return { kind: 'member', client: leafClient(s.ratchetTree, leaf) }
    const content = pub?.content
    if (content?.sender.senderType === 'external')
      return { kind: 'external', provider: externalProvider(s.groupContext.extensions, content.sender.senderIndex) }
    if (content?.contentType === 'proposal' && content.proposal.proposalType === 'add')
      return { kind: 'newMember', client: clientOf(content.proposal.add.keyPackage.leafNode.credential) }
    throw new Error('proposal without an identifiable sender')
  }
  // A by-reference proposal keeps its sender; ts-mls stores no index for an external one, and our rooms
  // list one external sender (the hub), so it is the first.
  const proposer = (leaf: number | undefined): ChangeSender =>
    leaf !== undefined ? { kind: 'member', client: leafClient(s.ratchetTree, leaf) } : { kind: 'external', provider: externalProvider(s.groupContext.extensions, 0) }
  const callback: IncomingMessageCallback = (inc) => {
    if (inc.kind === 'commit') {
      const committer = senderOf(inc.senderLeafIndex)
      return judge(describe('commit', committer, inc.proposals.map((p) => ({ proposal: p.proposal, sender: proposer(p.senderLeafIndex) })), s.ratchetTree))
    }
    const from = senderOf(inc.proposal.senderLeafIndex)
    return judge(describe('proposal', from, [{ proposal: inc.proposal.proposal, sender: from }], s.ratchetTree))
  }
  let result: { newState: ClientState; message?: Uint8Array }
  try {
    const content = pub?.content
    if (pub && content?.sender.senderType === 'new_member_commit' && content.contentType === 'commit') {
      const path = content.commit.path
      if (!path) throw new Error('external commit without an UpdatePath')
      const joiner = clientOf(path.leafNode.credential)
      const proposals = content.commit.proposals.flatMap((p) => (p.proposalOrRefType === 'proposal' ? [p.proposal] : []))
      const self = { kind: 'newMember' as const, client: joiner }
      if (judge(describe('commit', self, proposals.map((proposal) => ({ proposal, sender: self })), s.ratchetTree, joiner)) === 'reject') return rejected()
      result = await processPublicMessage(s, pub, emptyPskIndex, impl)
    } else if (pub) {
      const r = await processPublicMessage(s, pub, emptyPskIndex, impl, callback)
      if (r.actionTaken === 'reject') return rejected()
      result = r
    } else if (msg.wireformat === 'mls_private_message') {
      const r = await processPrivateMessage(s, msg.privateMessage, emptyPskIndex, impl, callback)
      if (r.kind === 'newState' && r.actionTaken === 'reject') return rejected()
      result = r
    } else throw new Error('unreachable')
  } catch (err) {
    if (validatorThrew) throw err
    return { kind: 'failed', error: engineText(err) }
  }
  if (result.message !== undefined && msg.wireformat === 'mls_private_message') {
    const sender = appSender(s, result.newState, msg.privateMessage.epoch)
    return { kind: 'application', state: group(result.newState), sender, plaintext: td.decode(result.message) }
  }
  if (!change) throw new Error('ts-mls applied a handshake message without consulting the validator')
  return { kind: change.kind, state: group(result.newState), change }
}
