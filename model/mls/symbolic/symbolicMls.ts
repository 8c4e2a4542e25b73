/**
 * SymbolicMls: the MLS engine interface (../types.ts) without cryptography, for exhaustive search.
 *
 * Models the observable behaviour of RFC 9420 (from memory: §12.4 commit and Welcome, §12.4.3.1
 * GroupInfo, §12.1.8 external proposals, §12.4.3.2 external commits) as MIMI uses it
 * (draft-ietf-mimi-protocol-06 §4.2 room context in the GroupContext, §7 hub as external sender):
 * who is a member at which epoch, which room context they agree on, and whether two states agree
 * closely enough to exchange messages. Agreement is a chained digest over every applied commit.
 *
 * Simplified, and why: nothing is encrypted or encoded (`Wire.bytes` is 0) so an operation costs well
 * under a microsecond; commits are pure functions of (state, request), so two content-identical
 * commits from the same state coincide where real MLS would fork on fresh randomness (keeping search
 * states canonical matters more; single-use KeyPackages make such twins rare). KeyPackage single use
 * is not enforced. Refusals mirror what RealMls must refuse, including the ts-mls 1.6.4 limitation on
 * combining a context change with removes.
 */
import type { ClientId } from '../../ids.js'
import type { ExternalSenderIdentity, GroupState, KeyPackage, MlsEngine, MlsIdentity } from '../types.js'
import { commitSync } from './commit.js'
import { checkOwnKp, groupInfoOf, joinExternalSync, proposeExternalAddSync, proposeExternalContextSync, proposeExternalRemoveSync } from './external.js'
import { SEP, digest64, framed } from './hash.js'
import { joinSync, protectSync, viewSync } from './member.js'
import { processSync } from './process.js'
import { TAG, stateOf, wrapState } from './state.js'

export function createSymbolicMls(seed: string): MlsEngine {
  // Per-client KeyPackage counters: looked up by key only, never iterated, so order cannot leak.
  const kpCounters = new Map<ClientId, number>()

  function keyPackage(identity: MlsIdentity): KeyPackage {
    const n = kpCounters.get(identity.client) ?? 0
    kpCounters.set(identity.client, n + 1)
    return { client: identity.client, ref: digest64(['kp', seed, identity.client, n].join(SEP)), native: null }
  }

  function createGroup(
    identity: MlsIdentity,
    kp: KeyPackage,
    groupId: string,
    context: string | null,
    externalSenders: readonly ExternalSenderIdentity[],
  ): GroupState {
    checkOwnKp(identity, kp)
    const senders = externalSenders.map((e) => e.provider).sort()
    const digest = digest64(['create', seed, groupId, identity.client, kp.ref, framed(context), ...senders].join(SEP))
    return wrapState({
      tag: TAG,
      groupId,
      epoch: 0,
      members: [identity.client],
      context,
      externalSenders: senders,
      digest,
      pending: [],
      self: identity.client,
      removed: false,
      past: [],
      sent: 0,
    })
  }

  return {
    name: 'symbolic',
    createIdentity: (client) => Promise.resolve({ client, native: null }),
    externalSender: (provider) => Promise.resolve({ provider, native: null }),
    keyPackage: settled(keyPackage),
    createGroup: settled(createGroup),
    commit: settled(commitSync),
    join: settled(joinSync),
    process: settled(processSync),
    protect: settled(protectSync),
    view: viewSync,
    pendingCount: (state) => stateOf(state).pending.length,
    proposeExternalAdd: settled(proposeExternalAddSync),
    proposeExternalRemove: settled(proposeExternalRemoveSync),
    proposeExternalContext: settled(proposeExternalContextSync),
    joinExternal: settled(joinExternalSync),
    groupInfoEpoch: (groupInfo) => groupInfoOf(groupInfo).epoch,
  }
}

/**
 * Misuse must surface as a rejected Promise, as it does from RealMls's async methods, not as a
 * synchronous throw; wrapping once per engine avoids a closure per call.
 */
function settled<A extends unknown[], R>(f: (...args: A) => R): (...args: A) => Promise<R> {
  return (...args) => {
    try {
      return Promise.resolve(f(...args))
    } catch (e) {
      return Promise.reject(e)
    }
  }
}
