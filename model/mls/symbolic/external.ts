/**
 * What starts from a GroupInfo: external proposals (Add, Remove, room-context change) and external commits.
 *
 * Models (RFC 9420 from memory): §12.1.8 an external sender (here a MIMI provider, normally the hub:
 * draft-ietf-mimi-protocol-06 §7.4) proposes an Add, a Remove or a GroupContextExtensions change bound to
 * the GroupInfo's epoch; §12.4.3.2 an
 * external commit from a GroupInfo moves the joiner straight to epoch+1, and members at that epoch and
 * history see a `new_member_commit` whose only change is the joiner.
 *
 * Simplified: the proposal is built even when the provider is not a listed external sender, because
 * it is the receivers who refuse it (as with a real signature check). External commits carry no
 * resync Remove of an old leaf; a client still in the group cannot rejoin this way (that throws).
 * A stale GroupInfo is not refused at join time: the joiner simply ends on a history nobody shares,
 * exactly as with real MLS.
 */
import type { ExternalSenderIdentity, GroupState, IncomingChange, KeyPackage, MlsIdentity, Wire } from '../types.js'
import { NO_CLIENTS } from './commit.js'
import { SEP, digest64 } from './hash.js'
import { groupInfoMsg, TAG, msgOf, nextRoster, wire, wrapState, type CommitMsg, type GroupInfoMsg, type GroupSnapshot, type PendingProposal, type SymState } from './state.js'
import type { ClientId } from '../../ids.js'

export function groupInfoOf(w: Wire): GroupInfoMsg {
  const m = msgOf(w)
  if (m.t !== 'groupInfo') throw new TypeError(`expected a groupInfo, got a ${m.t}`)
  return m
}

export function checkOwnKp(identity: MlsIdentity, kp: KeyPackage): void {
  if (kp.client !== identity.client) throw new Error(`KeyPackage of ${kp.client} used by ${identity.client}`)
}

export function fromSnapshot(g: GroupSnapshot, self: MlsIdentity['client']): SymState {
  return {
    tag: TAG,
    groupId: g.groupId,
    epoch: g.epoch,
    members: g.members,
    context: g.context,
    externalSenders: g.externalSenders,
    digest: g.digest,
    pending: [],
    self,
    removed: false,
    past: [],
    sent: 0,
  }
}

/** An external proposal bound to the GroupInfo's epoch (RFC 9420 §12.1.8): one Add, Remove or context change. */
function proposeExternal(sender: ExternalSenderIdentity, groupInfo: Wire, what: Omit<PendingProposal, 'ref' | 'provider'>, id: string): Wire {
  const gi = groupInfoOf(groupInfo)
  const ref = digest64(['proposal', gi.groupId, gi.epoch, gi.digest, sender.provider, id].join(SEP))
  const from = { kind: 'external' as const, provider: sender.provider }
  const adds = what.add ? [what.add.client] : NO_CLIENTS
  const removes = what.remove ? [what.remove] : NO_CLIENTS
  const change: IncomingChange = { kind: 'proposal', sender: from, adds, removes, context: what.context, parts: [{ sender: from, adds, removes, context: what.context }] }
  return wire('proposal', { tag: TAG, t: 'proposal', groupId: gi.groupId, epoch: gi.epoch, digest: gi.digest, provider: sender.provider, proposal: { ref, provider: sender.provider, ...what }, change })
}

export function proposeExternalAddSync(sender: ExternalSenderIdentity, groupInfo: Wire, kp: KeyPackage): Wire {
  return proposeExternal(sender, groupInfo, { add: { client: kp.client, kpRef: kp.ref }, remove: null, context: null }, `add ${kp.client} ${kp.ref}`)
}

export function proposeExternalRemoveSync(sender: ExternalSenderIdentity, groupInfo: Wire, client: ClientId): Wire {
  return proposeExternal(sender, groupInfo, { add: null, remove: client, context: null }, `remove ${client}`)
}

export function proposeExternalContextSync(sender: ExternalSenderIdentity, groupInfo: Wire, context: string): Wire {
  return proposeExternal(sender, groupInfo, { add: null, remove: null, context }, `context ${digest64(context)}`)
}

export function joinExternalSync(
  identity: MlsIdentity,
  kp: KeyPackage,
  groupInfo: Wire,
): { readonly state: GroupState; readonly commit: Wire; readonly groupInfo: Wire } {
  checkOwnKp(identity, kp)
  const gi = groupInfoOf(groupInfo)
  const client = identity.client
  if (gi.members.includes(client)) {
    throw new Error(`cannot join externally: ${client} is already a member of group ${gi.groupId}`)
  }
  const digest = digest64([gi.digest, 'external-commit', client, kp.ref].join(SEP))
  const members = nextRoster(gi.members, [client], NO_CLIENTS)
  const change: IncomingChange = {
    kind: 'commit',
    sender: { kind: 'newMember', client },
    adds: [client],
    removes: NO_CLIENTS,
    context: null,
    parts: [],
  }
  const msg: CommitMsg = {
    tag: TAG,
    t: 'commit',
    groupId: gi.groupId,
    epoch: gi.epoch,
    parent: gi.digest,
    change,
    // RFC 9420 §12.4.3.2 (from memory): an external commit includes no proposals by reference.
    proposalRefs: [],
    digest,
    members,
  }
  const state = fromSnapshot({ ...gi, epoch: gi.epoch + 1, members, digest }, client)
  return { state: wrapState(state), commit: wire('commit', msg), groupInfo: wire('groupInfo', groupInfoMsg(state)) }
}
