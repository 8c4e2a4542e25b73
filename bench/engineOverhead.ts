/**
 * (a, second layer) RealMls's own overhead over raw ts-mls 1.6.4, for its two main operations:
 * - "add + join": a member commits an Add (commit through the engine) and the newcomer joins from
 *   the Welcome;
 * - "app round trip": a member protects an application message and another member processes it.
 *
 * Baseline: the same operations done with raw ts-mls calls as in ts-mls-notes §1 (createCommit with
 * an inline Add, joinGroup; createApplicationMessage, processPrivateMessage), on the same
 * deterministic suite-1 ciphersuite, client config and group extensions (room context,
 * required_capabilities, one external sender). What the engine adds on top is real work it chooses
 * to do: the new epoch's GroupInfo for the hub (POL §7), encoding each message once for its size,
 * KeyPackageRefs, describing the change, and telling an application message's sender. Setup
 * (identities, KeyPackages, the group) is untimed; each repetition runs raw then engine back to back.
 */
import {
  createApplicationMessage,
  createCommit,
  createGroup,
  defaultLifetime,
  emptyPskIndex,
  encodeExternalSender,
  encodeRequiredCapabilities,
  generateKeyPackageWithKey,
  joinGroup,
  processPrivateMessage,
  type ClientState,
  type Extension,
} from 'ts-mls'
import { clientId, providerId } from '../model/ids.js'
import { acceptEverything, createRealMls, type GroupState } from '../model/mls/index.js'
import { CAPABILITIES, CLIENT_CONFIG, ROOM_CONTEXT_EXT, deterministicSuite } from '../model/mls/real/ciphersuite.js'
import { createDrbg } from '../model/mls/real/drbg.js'
import { type Both, interleave, medianSpan, pairedRatio, type Span, stopwatch } from './stats.js'

const ALICE = clientId('a.example', 'alice', '1')
const BOB = clientId('b.example', 'bob', '1')
const HUB = providerId('a.example')
const CONTEXT = '{"policy":"cooperative"}'
const te = new TextEncoder()
const basic = (identity: string) => ({ credentialType: 'basic' as const, identity: te.encode(identity) })

export interface EngineOverheadFigures {
  readonly reps: number
  /** Application round trips per repetition (the add + join happens once per repetition). */
  readonly messagesPerRep: number
  /** Medians, milliseconds per operation (CPU and wall). */
  readonly raw: { readonly addJoinMs: Both; readonly appRoundTripMs: Both }
  readonly engine: { readonly addJoinMs: Both; readonly appRoundTripMs: Both }
  /** engine / raw, paired per repetition, then the median. */
  readonly addJoinRatio: Both
  readonly appRoundTripRatio: Both
}

interface Round { readonly addJoin: Span; readonly appRoundTrip: Span }
const per = (s: Span, n: number): Span => ({ cpu: s.cpu / n, wall: s.wall / n })

async function rawRound(seed: string, messages: number): Promise<Round> {
  const impl = await deterministicSuite(createDrbg(seed))
  const kp = async (who: string) => generateKeyPackageWithKey(basic(who), CAPABILITIES, defaultLifetime, [], await impl.signature.keygen(), impl)
  const [a, b, hub] = [await kp(ALICE), await kp(BOB), await impl.signature.keygen()]
  const extensions: Extension[] = [
    { extensionType: 'external_senders', extensionData: encodeExternalSender({ signaturePublicKey: hub.publicKey, credential: basic(HUB) }) },
    { extensionType: ROOM_CONTEXT_EXT, extensionData: te.encode(CONTEXT) },
    { extensionType: 'required_capabilities', extensionData: encodeRequiredCapabilities({ extensionTypes: [ROOM_CONTEXT_EXT], proposalTypes: [], credentialTypes: ['basic'] }) },
  ]
  let A: ClientState = await createGroup(te.encode('clubhouse'), a.publicPackage, a.privatePackage, extensions, impl, CLIENT_CONFIG)
  let sw = stopwatch()
  const c = await createCommit({ state: A, cipherSuite: impl }, { extraProposals: [{ proposalType: 'add', add: { keyPackage: b.publicPackage } }], ratchetTreeExtension: true, wireAsPublicMessage: true })
  A = c.newState
  let B = await joinGroup(c.welcome!, b.publicPackage, b.privatePackage, emptyPskIndex, impl, undefined, undefined, CLIENT_CONFIG)
  const addJoin = sw()
  sw = stopwatch()
  for (let i = 0; i < messages; i++) {
    const m = await createApplicationMessage(A, te.encode(`message ${i}`), impl)
    A = m.newState
    const r = await processPrivateMessage(B, m.privateMessage, emptyPskIndex, impl)
    if (r.kind !== 'applicationMessage') throw new Error('raw: expected an application message')
    B = r.newState
  }
  return { addJoin, appRoundTrip: per(sw(), messages) }
}

async function engineRound(seed: string, messages: number): Promise<Round> {
  const mls = createRealMls(seed)
  const [alice, bob] = [await mls.createIdentity(ALICE), await mls.createIdentity(BOB)]
  const [kpA, kpB] = [await mls.keyPackage(alice), await mls.keyPackage(bob)]
  let A: GroupState = await mls.createGroup(alice, kpA, 'clubhouse', CONTEXT, [await mls.externalSender(HUB)])
  let sw = stopwatch()
  const c = await mls.commit(A, { adds: [kpB] })
  A = c.state
  const j = await mls.join(bob, kpB, c.welcome!)
  if (j.kind !== 'joined') throw new Error(`engine: join failed: ${j.error}`)
  let B = j.state
  const addJoin = sw()
  sw = stopwatch()
  for (let i = 0; i < messages; i++) {
    const m = await mls.protect(A, `message ${i}`)
    A = m.state
    const r = await mls.process(B, m.message, acceptEverything)
    if (r.kind !== 'application') throw new Error('engine: expected an application message')
    B = r.state
  }
  return { addJoin, appRoundTrip: per(sw(), messages) }
}

export async function measureEngineOverhead(reps: number, warmup: number, messages = 10): Promise<EngineOverheadFigures> {
  // Round k of each variant uses seed k, whichever of the two runs first in that round.
  const next = { raw: 0, engine: 0 }
  const f = await interleave(
    {
      raw: () => rawRound(`bench/engine/${next.raw++}`, messages),
      engine: () => engineRound(`bench/engine/${next.engine++}`, messages),
    },
    reps,
    warmup,
  )
  const pick = (rs: readonly Round[], k: keyof Round) => rs.map((r) => r[k])
  return {
    reps,
    messagesPerRep: messages,
    raw: { addJoinMs: medianSpan(pick(f.raw, 'addJoin')), appRoundTripMs: medianSpan(pick(f.raw, 'appRoundTrip')) },
    engine: { addJoinMs: medianSpan(pick(f.engine, 'addJoin')), appRoundTripMs: medianSpan(pick(f.engine, 'appRoundTrip')) },
    addJoinRatio: pairedRatio(pick(f.engine, 'addJoin'), pick(f.raw, 'addJoin')),
    appRoundTripRatio: pairedRatio(pick(f.engine, 'appRoundTrip'), pick(f.raw, 'appRoundTrip')),
  }
}
