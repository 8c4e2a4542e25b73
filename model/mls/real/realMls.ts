/**
 * RealMls: the model's MLS interface (../types.ts) on ts-mls 1.6.4 with real cryptography.
 *
 * Models RFC 9420 groups as draft-ietf-mimi-protocol-06 uses them: one group per room, basic
 * credentials naming client URIs, providers as external senders (§7.4), the room context in a
 * private-use GroupContext extension 0xF0DD guarded by required_capabilities, and handshake messages
 * (commits, proposals) as PublicMessage (§4.2: the hub must see them), application messages as
 * PrivateMessage. PublicMessage also lets us read an external committer's credential before ts-mls
 * processes the commit, which its validation callback cannot show (ts-mls-notes §2).
 *
 * Simplified or constrained by ts-mls 1.6.4:
 * - a commit may not combine a context change with a Remove (bug #742: receivers cannot process it);
 *   `commit` throws instead of producing a commit nobody can read;
 * - context-only commits carry no UpdatePath (a 1.6.4 deviation from RFC 9420 §12.4);
 * - external_senders entries come first in the extension list, because `proposeExternal` numbers
 *   senders by position in the whole list while receivers count only external_senders entries;
 * - `joinExternal` has no failure result in the interface, so ts-mls's errors there are thrown.
 * Receiving lives in process.ts, the ts-mls-to-MIMI mapping in change.ts, wrappers in wire.ts.
 */
import {
  createApplicationMessage,
  createCommit,
  createGroup,
  createGroupInfoWithExternalPubAndRatchetTree,
  defaultLifetime,
  emptyPskIndex,
  encodeExternalSender,
  encodeRequiredCapabilities,
  generateKeyPackageWithKey,
  joinGroup,
  joinGroupExternal,
  proposeExternal,
  type CiphersuiteImpl,
  type ClientState,
  type Extension,
  type Proposal,
} from 'ts-mls'
import { makeKeyPackageRef } from 'ts-mls/keyPackage.js'
import { ratchetTreeFromExtension } from 'ts-mls/groupInfo.js'
import { parseMimiUri, type ClientId, type ProviderId } from '../../ids.js'
import type { CommitRequest, GroupView, KeyPackage, MlsEngine } from '../types.js'
import { CAPABILITIES, CLIENT_CONFIG, ROOM_CONTEXT_EXT, deterministicSuite } from './ciphersuite.js'
import { clientOf, contextOf, describe, externalProvider, leafClient, leafIndexOf, viewOf } from './change.js'
import { createDrbg } from './drbg.js'
import { processWire } from './process.js'
import { basic, clientState, engineText, group, groupInfoOf, hex8, keysOf, kpOf, makeWire, messageOf, te } from './wire.js'

function must(text: string, kind: 'client' | 'provider'): void {
  if (parseMimiUri(text).kind !== kind) throw new TypeError(`"${text}" is not a ${kind} URI`)
}

/**
 * A commit may not add one client twice (RFC 9420 §12.2; ts-mls throws), yet two pending Add
 * proposals can name the same client (a hub proposing twice), or one the committer adds itself.
 * The committer, which chooses what to commit, keeps the first pending Add per client, in arrival
 * order, and drops the rest; unreferenced proposals lapse with the epoch.
 */
function withoutDuplicateAdds(s: ClientState, explicit: readonly KeyPackage[]): ClientState {
  // A pending Add of a current member (ts-mls 1.6.4 takes one into its list) is left out as well.
  const members = s.ratchetTree.flatMap((n) => (n?.nodeType === 'leaf' ? [clientOf(n.leaf.credential)] : []))
  const seen = new Set<string>([...explicit.map((kp) => kp.client), ...members])
  const kept: ClientState['unappliedProposals'] = {}
  let dropped = false
  for (const [ref, p] of Object.entries(s.unappliedProposals)) {
    if (p.proposal.proposalType === 'add') {
      const client = clientOf(p.proposal.add.keyPackage.leafNode.credential)
      if (seen.has(client)) {
        dropped = true
        continue
      }
      seen.add(client)
    }
    kept[ref] = p
  }
  return dropped ? { ...s, unappliedProposals: kept } : s
}

/**
 * The committer chooses what it can commit (RFC 9420 §12.2): at most one GroupContextExtensions
 * proposal, and none beside a Remove (bug #742) or its own context change; the ones it leaves out
 * lapse with the epoch. The same choice as the symbolic engine's (symbolic/commit.ts).
 */
function committable(s: ClientState, request: CommitRequest): ClientState {
  const entries = Object.entries(s.unappliedProposals)
  const anyRemove = (request.removes?.length ?? 0) > 0 || entries.some(([, p]) => p.proposal.proposalType === 'remove')
  let taken = request.context !== undefined || anyRemove
  const kept: ClientState['unappliedProposals'] = {}
  let dropped = false
  for (const [ref, p] of entries) {
    if (p.proposal.proposalType === 'group_context_extensions') {
      if (taken) {
        dropped = true
        continue
      }
      taken = true
    }
    kept[ref] = p
  }
  return dropped ? { ...s, unappliedProposals: kept } : s
}

export function createRealMls(seed: string): MlsEngine {
  const rng = createDrbg(seed)
  let implPromise: Promise<CiphersuiteImpl> | undefined
  const suite = () => (implPromise ??= deterministicSuite(rng))
  const views = new WeakMap<ClientState, GroupView>()

  return {
    name: 'real',

    async createIdentity(id: ClientId) {
      must(id, 'client')
      return { client: id, native: await (await suite()).signature.keygen() }
    },

    async externalSender(provider: ProviderId) {
      must(provider, 'provider')
      return { provider, native: await (await suite()).signature.keygen() }
    },

    async keyPackage(identity) {
      const impl = await suite()
      const kp = await generateKeyPackageWithKey(basic(identity.client), CAPABILITIES, defaultLifetime, [], keysOf(identity), impl)
      const ref = hex8(await makeKeyPackageRef(kp.publicPackage, impl.hash)) // RFC 9420 §5.2 KeyPackageRef
      return { client: identity.client, ref, native: kp }
    },

    async createGroup(identity, kp, groupId, context, externalSenders) {
      if (kp.client !== identity.client) throw new Error('KeyPackage belongs to another client')
      // external_senders first: see the header on sender numbering.
      const extensions: Extension[] = externalSenders.map((es) => ({
        extensionType: 'external_senders',
        extensionData: encodeExternalSender({ signaturePublicKey: keysOf(es).publicKey, credential: basic(es.provider) }),
      }))
      if (context !== null) {
        extensions.push({ extensionType: ROOM_CONTEXT_EXT, extensionData: te.encode(context) })
        extensions.push({
          extensionType: 'required_capabilities',
          extensionData: encodeRequiredCapabilities({ extensionTypes: [ROOM_CONTEXT_EXT], proposalTypes: [], credentialTypes: ['basic'] }),
        })
      }
      const { publicPackage, privatePackage } = kpOf(kp)
      return group(await createGroup(te.encode(groupId), publicPackage, privatePackage, extensions, await suite(), CLIENT_CONFIG))
    },

    async commit(state, request) {
      const s = committable(withoutDuplicateAdds(clientState(state), request.adds ?? []), request)
      const me = leafClient(s.ratchetTree, s.privatePath.leafIndex)
      const self = { kind: 'member' as const, client: me }
      const byRef = Object.values(s.unappliedProposals)
      const pending = byRef.map((p) => p.proposal)
      const removes = request.removes ?? []
      const hasContext = contextOf(s.groupContext.extensions) !== null
      const contextChange = (request.context !== undefined && hasContext) || pending.some((p) => p.proposalType === 'group_context_extensions')
      if (request.context !== undefined && hasContext && pending.some((p) => p.proposalType === 'group_context_extensions'))
        throw new Error('cannot commit two GroupContextExtensions proposals in one commit (RFC 9420 §12.2)')
      if (pending.some((p) => p.proposalType === 'remove' && leafClient(s.ratchetTree, p.remove.removed) === me))
        throw new Error(`cannot commit: a pending proposal removes the committer ${me}`)
      if (contextChange && (removes.length > 0 || pending.some((p) => p.proposalType === 'remove')))
        throw new Error('ts-mls 1.6.4 bug #742: a commit combining a context change with a Remove cannot be processed by receivers; commit the Remove first')
      const extra: Proposal[] = (request.adds ?? []).map((kp) => ({ proposalType: 'add', add: { keyPackage: kpOf(kp).publicPackage } }))
      for (const c of removes) {
        const removed = leafIndexOf(s.ratchetTree, c)
        if (removed === undefined) throw new Error(`${c} is not a member of the group`)
        extra.push({ proposalType: 'remove', remove: { removed } })
      }
      if (request.context !== undefined && hasContext) {
        // GroupContextExtensions replaces the whole list, so every other extension is carried over.
        const extensions = s.groupContext.extensions.map((e) =>
          e.extensionType === ROOM_CONTEXT_EXT ? { extensionType: ROOM_CONTEXT_EXT, extensionData: te.encode(request.context) } : e)
        extra.push({ proposalType: 'group_context_extensions', groupContextExtensions: { extensions } })
      }
      const impl = await suite()
      const r = await createCommit({ state: s, cipherSuite: impl }, { extraProposals: extra, ratchetTreeExtension: true, wireAsPublicMessage: true })
      const gi = await createGroupInfoWithExternalPubAndRatchetTree(r.newState, [], impl)
      const external = (): ProviderId => externalProvider(s.groupContext.extensions, 0)
      const sent = [
        ...byRef.map((p) => ({ proposal: p.proposal, sender: p.senderLeafIndex === undefined ? { kind: 'external' as const, provider: external() } : { kind: 'member' as const, client: leafClient(s.ratchetTree, p.senderLeafIndex) } })),
        ...extra.map((proposal) => ({ proposal, sender: self })),
      ]
      return {
        state: group(r.newState),
        commit: makeWire('commit', r.commit),
        welcome: r.welcome ? makeWire('welcome', { version: 'mls10', wireformat: 'mls_welcome', welcome: r.welcome }) : null,
        welcomeRefs: (r.welcome?.secrets ?? []).map((s) => hex8(s.newMember)).sort(),
        groupInfo: makeWire('groupInfo', { version: 'mls10', wireformat: 'mls_group_info', groupInfo: gi }),
        change: describe('commit', self, sent, s.ratchetTree),
      }
    },

    async join(identity, kp, welcome) {
      if (kp.client !== identity.client) throw new Error('KeyPackage belongs to another client')
      const msg = messageOf(welcome)
      if (msg.wireformat !== 'mls_welcome') throw new Error(`join() needs a Welcome, got ${welcome.kind}`)
      const { publicPackage, privatePackage } = kpOf(kp)
      try {
        const s = await joinGroup(msg.welcome, publicPackage, privatePackage, emptyPskIndex, await suite(), undefined, undefined, CLIENT_CONFIG)
        return { kind: 'joined', state: group(s) }
      } catch (err) {
        return { kind: 'failed', error: engineText(err) }
      }
    },

    process: async (state, wire, validator) => processWire(state, wire, validator, await suite()),

    async protect(state, plaintext) {
      const r = await createApplicationMessage(clientState(state), te.encode(plaintext), await suite())
      const message = makeWire('application', { version: 'mls10', wireformat: 'mls_private_message', privateMessage: r.privateMessage })
      return { state: group(r.newState), message }
    },

    view(state) {
      const s = clientState(state)
      let v = views.get(s)
      if (!v) {
        const removed = s.groupActiveState.kind === 'removedFromGroup'
        const own = s.privatePath.leafIndex
        const selfRemoval = Object.values(s.unappliedProposals).some((p) => p.proposal.proposalType === 'remove' && p.proposal.remove.removed === own)
        v = viewOf(s.ratchetTree, s.groupContext.extensions, s.groupContext.epoch, s.keySchedule.epochAuthenticator, removed, Object.keys(s.unappliedProposals).length, selfRemoval)
        views.set(s, v)
      }
      return v
    },

    pendingCount: (state) => Object.keys(clientState(state).unappliedProposals).length,

    async proposeExternalAdd(sender, groupInfo, kp) {
      const keys = keysOf(sender)
      const proposal: Proposal = { proposalType: 'add', add: { keyPackage: kpOf(kp).publicPackage } }
      return makeWire('proposal', await proposeExternal(groupInfoOf(groupInfo), proposal, keys.publicKey, keys.signKey, await suite()))
    },

    async proposeExternalRemove(sender, groupInfo, client) {
      const keys = keysOf(sender)
      const gi = groupInfoOf(groupInfo)
      const tree = ratchetTreeFromExtension(gi)
      if (!tree) throw new Error('the GroupInfo carries no ratchet tree')
      const removed = leafIndexOf(tree, client)
      if (removed === undefined) throw new Error(`${client} is not a member of the group`)
      const proposal: Proposal = { proposalType: 'remove', remove: { removed } }
      return makeWire('proposal', await proposeExternal(gi, proposal, keys.publicKey, keys.signKey, await suite()))
    },

    async proposeExternalContext(sender, groupInfo, context) {
      const keys = keysOf(sender)
      const gi = groupInfoOf(groupInfo)
      // GroupContextExtensions replaces the whole list, so every other extension is carried over.
      const extensions = gi.groupContext.extensions.map((e) =>
        e.extensionType === ROOM_CONTEXT_EXT ? { extensionType: ROOM_CONTEXT_EXT, extensionData: te.encode(context) } : e)
      const proposal: Proposal = { proposalType: 'group_context_extensions', groupContextExtensions: { extensions } }
      return makeWire('proposal', await proposeExternal(gi, proposal, keys.publicKey, keys.signKey, await suite()))
    },

    async joinExternal(identity, kp, groupInfo) {
      if (kp.client !== identity.client) throw new Error('KeyPackage belongs to another client')
      const { publicPackage, privatePackage } = kpOf(kp)
      const impl = await suite()
      const r = await joinGroupExternal(groupInfoOf(groupInfo), publicPackage, privatePackage, false, impl, undefined, CLIENT_CONFIG)
      const commit = makeWire('commit', { version: 'mls10', wireformat: 'mls_public_message', publicMessage: r.publicMessage })
      const gi = await createGroupInfoWithExternalPubAndRatchetTree(r.newState, [], impl)
      return { state: group(r.newState), commit, groupInfo: makeWire('groupInfo', { version: 'mls10', wireformat: 'mls_group_info', groupInfo: gi }) }
    },

    groupInfoEpoch: (groupInfo) => Number(groupInfoOf(groupInfo).groupContext.epoch),
  }
}
