/**
 * What a client does with its own group state, synchronously: join from a Welcome, protect an
 * application message, read the observable view. RFC 9420 as modelled here (from memory: §12.4.3.1
 * Welcome processing, §6.3.1 application messages, §12.1 "no application data while proposals are
 * pending"); draft-ietf-mimi-protocol-06 §5.5 delivers the Welcome and the messages.
 *
 * Exported so a caller that runs the engine inline (the explorer runs every MLS effect in the
 * middle of a transition) uses these very functions instead of a copy; createSymbolicMls wraps
 * them in Promises for the MlsEngine interface.
 *
 * Simplified: no ratchet secrets; a sender's state only counts the messages it protected in the
 * epoch (`sent`, the generation), so that two sends of the same text are two different messages.
 */
import type { GroupState, GroupView, JoinResult, KeyPackage, MlsIdentity, Wire } from '../types.js'
import { checkOwnKp, fromSnapshot } from './external.js'
import { TAG, msgOf, stateOf, wire, wrapState } from './state.js'

export function joinSync(identity: MlsIdentity, kp: KeyPackage, welcome: Wire): JoinResult {
  checkOwnKp(identity, kp)
  const m = msgOf(welcome)
  if (m.t !== 'welcome') return { kind: 'failed', error: `expected a welcome, got a ${m.t}` }
  const entry = m.entries.find((e) => e[0] === kp.ref)
  if (entry === undefined || entry[1] !== identity.client) {
    return { kind: 'failed', error: `welcome has no entry for KeyPackage ${kp.ref}` }
  }
  return { kind: 'joined', state: wrapState(fromSnapshot(m, identity.client)) }
}

export function protectSync(state: GroupState, plaintext: string): { readonly state: GroupState; readonly message: Wire } {
  const s = stateOf(state)
  if (s.removed) throw new Error(`cannot protect: ${s.self} was removed from group ${s.groupId}`)
  // Mirrors ts-mls (and RFC 9420): no application messages while proposals wait to be committed.
  if (s.pending.length > 0) throw new Error('cannot protect: commit the pending proposals first (RFC 9420 forbids sending application messages with unapplied proposals)')
  const message = wire('application', {
    tag: TAG,
    t: 'application',
    groupId: s.groupId,
    epoch: s.epoch,
    digest: s.digest,
    sender: s.self,
    gen: s.sent,
    plaintext,
  })
  return { state: wrapState({ ...s, sent: s.sent + 1 }), message }
}

export function viewSync(state: GroupState): GroupView {
  const s = stateOf(state)
  return { epoch: s.epoch, members: s.members, context: s.context, digest: s.digest, removed: s.removed, pending: s.pending.length, selfRemovalPending: s.pending.some((p) => p.remove === s.self) }
}
