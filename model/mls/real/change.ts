/**
 * Reading MIMI meaning out of ts-mls structures: who a leaf or external sender is, what a list of
 * proposals changes (the `IncomingChange` a validator judges), and the `GroupView` of a state.
 *
 * Models draft-ietf-mimi-protocol-06 §7.4 (servers are external senders, listed in external_senders)
 * and the room context carried in a private-use GroupContext extension (MLSX §4.6).
 * Simplified: identities are basic credentials whose identity is the URI (PROTO §4.2 leaves the
 * credential type open). ts-mls 1.6.4 stores external senders as one `external_senders` extension per
 * sender, each holding a single ExternalSender (RFC 9420 wants one extension holding a vector), and
 * numbers senders by their position among those extensions; we follow it, since receivers use its rule.
 */
import { decodeExternalSender, type Credential, type Extension, type Proposal, type RatchetTree } from 'ts-mls'
import { parseMimiUri, type ClientId, type ProviderId } from '../../ids.js'
import type { ChangeSender, GroupView, IncomingChange } from '../types.js'
import { ROOM_CONTEXT_EXT } from './ciphersuite.js'
import { hex8 } from './wire.js'
import { groupParts, type SenderItem } from '../parts.js'

const td = new TextDecoder()

function identityOf(c: Credential): string {
  if (c.credentialType !== 'basic') throw new Error(`credential type ${c.credentialType} is not basic`)
  return td.decode(c.identity)
}

export function clientOf(c: Credential): ClientId {
  const text = identityOf(c)
  const parsed = parseMimiUri(text)
  if (parsed.kind !== 'client') throw new Error(`leaf credential "${text}" is not a client URI`)
  return parsed.id
}

export function leafClient(tree: RatchetTree, leafIndex: number): ClientId {
  const node = tree[leafIndex * 2]
  if (node?.nodeType !== 'leaf') throw new Error(`leaf ${leafIndex} is blank`)
  return clientOf(node.leaf.credential)
}

export function leafIndexOf(tree: RatchetTree, client: ClientId): number | undefined {
  for (let i = 0; i < tree.length; i += 2) {
    const node = tree[i]
    if (node?.nodeType === 'leaf' && identityOf(node.leaf.credential) === client) return i / 2
  }
  return undefined
}

export function externalProvider(extensions: readonly Extension[], senderIndex: number): ProviderId {
  const ext = extensions.filter((e) => e.extensionType === 'external_senders')[senderIndex]
  const sender = ext && decodeExternalSender(ext.extensionData, 0)?.[0]
  if (!sender) throw new Error(`no external sender at index ${senderIndex}`)
  const text = identityOf(sender.credential)
  const parsed = parseMimiUri(text)
  if (parsed.kind !== 'provider') throw new Error(`external sender credential "${text}" is not a provider URI`)
  return parsed.id
}

export function contextOf(extensions: readonly Extension[]): string | null {
  const ext = extensions.find((e) => e.extensionType === ROOM_CONTEXT_EXT)
  return ext ? td.decode(ext.extensionData) : null
}

const sorted = (xs: ClientId[]): ClientId[] => xs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

/** A proposal with the sender it keeps when committed by reference. */
export interface SentProposal {
  readonly proposal: Proposal
  readonly sender: ChangeSender
}

/** `tree` is the receiver's tree before the change, where removed leaves are still present. */
export function describe(
  kind: IncomingChange['kind'],
  sender: ChangeSender,
  proposals: readonly SentProposal[],
  tree: RatchetTree,
  joiner?: ClientId,
): IncomingChange {
  const adds: ClientId[] = joiner ? [joiner] : []
  const removes: ClientId[] = []
  const items: SenderItem[] = []
  let context: string | null = null
  for (const { proposal: p, sender: from } of proposals) {
    if (p.proposalType === 'add') {
      const c = clientOf(p.add.keyPackage.leafNode.credential)
      adds.push(c)
      items.push({ sender: from, add: c })
    } else if (p.proposalType === 'remove') {
      const c = leafClient(tree, p.remove.removed)
      removes.push(c)
      items.push({ sender: from, remove: c })
    } else if (p.proposalType === 'group_context_extensions') {
      context = contextOf(p.groupContextExtensions.extensions)
      if (context !== null) items.push({ sender: from, context })
    }
  }
  const parts = joiner ? [] : groupParts(sender, items)
  return { kind, sender, adds: sorted(adds), removes: sorted(removes), context, parts }
}

export function viewOf(
  tree: RatchetTree,
  extensions: readonly Extension[],
  epoch: bigint,
  epochAuthenticator: Uint8Array,
  removed: boolean,
  pending: number,
  selfRemovalPending = false,
): GroupView {
  const members: ClientId[] = []
  for (let i = 0; i < tree.length; i += 2) {
    const node = tree[i]
    if (node?.nodeType === 'leaf') members.push(clientOf(node.leaf.credential))
  }
  // The epoch authenticator (RFC 9420 §8.7) is secret-derived: equal only for states that agree.
  return { epoch: Number(epoch), members: sorted(members), context: contextOf(extensions), digest: hex8(epochAuthenticator), removed, pending, selfRemovalPending }
}
