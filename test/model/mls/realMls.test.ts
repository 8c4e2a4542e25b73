import { createHash } from 'node:crypto'
import { encodeMlsMessage, type MLSMessage } from 'ts-mls'
import { describe, expect, it } from 'vitest'
import { clientId, providerId, type ClientId } from '../../../model/ids.js'
import { createRealMls } from '../../../model/mls/real/realMls.js'
import {
  acceptEverything, type GroupState, type IncomingChange, type MlsEngine, type ProcessResult, type Validator, type Wire,
} from '../../../model/mls/types.js'

const alice = clientId('a.example', 'alice', '1')
const bob = clientId('b.example', 'bob', '1')
const carol = clientId('c.example', 'carol', '1')
const dave = clientId('d.example', 'dave', '1')
const hub = providerId('a.example')

async function newClient(engine: MlsEngine, id: ClientId) {
  const identity = await engine.createIdentity(id)
  return { identity, kp: await engine.keyPackage(identity) }
}

function stateOf(r: ProcessResult): GroupState {
  if (r.kind === 'rejected' || r.kind === 'failed') throw new Error(`expected success, got ${JSON.stringify(r)}`)
  return r.state
}

async function joined(engine: MlsEngine, c: Awaited<ReturnType<typeof newClient>>, welcome: Wire | null) {
  const r = await engine.join(c.identity, c.kp, welcome!)
  if (r.kind !== 'joined') throw new Error(r.error)
  return r.state
}

/** A validator that records what it saw and answers with `verdict`. */
function recording(verdict: ReturnType<Validator>) {
  const seen: IncomingChange[] = []
  const validator: Validator = (c) => {
    seen.push(c)
    return verdict
  }
  return { seen, validator }
}

/** Alice creates a room with `context`, then adds `others` in one commit; everyone joins. */
async function room(engine: MlsEngine, others: ClientId[], context: string | null = 'ctx-1', externalSenders = [] as never[]) {
  const a = await newClient(engine, alice)
  let A = await engine.createGroup(a.identity, a.kp, 'room-1', context, externalSenders)
  const cs = []
  for (const id of others) cs.push(await newClient(engine, id))
  const c = await engine.commit(A, { adds: cs.map((x) => x.kp) })
  A = c.state
  const states: GroupState[] = []
  for (const x of cs) states.push(await joined(engine, x, c.welcome))
  return { A, states, clients: cs, last: c }
}

describe('RealMls lifecycle', () => {
  it('adds two clients by one commit with a Welcome, exchanges messages, and a removed member can no longer decrypt', async () => {
    const engine = createRealMls('lifecycle')
    const a = await newClient(engine, alice)
    let A = await engine.createGroup(a.identity, a.kp, 'room-1', 'ctx-1', [])
    expect(engine.view(A)).toMatchObject({ epoch: 0, members: [alice], context: 'ctx-1', removed: false })

    const b = await newClient(engine, bob)
    const c = await newClient(engine, carol)
    const add = await engine.commit(A, { adds: [c.kp, b.kp] })
    expect(add.welcome).not.toBeNull()
    expect(add.change).toEqual({ kind: 'commit', sender: { kind: 'member', client: alice }, adds: [bob, carol], removes: [], context: null, parts: [{ sender: { kind: 'member', client: alice }, adds: [bob, carol], removes: [], context: null }] })
    expect(add.commit.bytes).toBeGreaterThan(0)
    A = add.state
    let B = await joined(engine, b, add.welcome)
    let C = await joined(engine, c, add.welcome)
    for (const s of [A, B, C]) expect(engine.view(s)).toMatchObject({ epoch: 1, members: [alice, bob, carol], context: 'ctx-1' })
    expect(engine.view(B).digest).toBe(engine.view(A).digest)
    expect(engine.view(A).digest).toMatch(/^[0-9a-f]{16}$/)

    const hi = await engine.protect(A, 'hi from alice')
    A = hi.state
    const atB = await engine.process(B, hi.message, acceptEverything)
    expect(atB).toMatchObject({ kind: 'application', sender: alice, plaintext: 'hi from alice' })
    B = stateOf(atB)
    C = stateOf(await engine.process(C, hi.message, acceptEverything))
    const back = await engine.protect(B, 'hi from bob')
    B = back.state
    const atA = await engine.process(A, back.message, acceptEverything)
    expect(atA).toMatchObject({ kind: 'application', sender: bob, plaintext: 'hi from bob' })
    A = stateOf(atA)

    const rm = await engine.commit(A, { removes: [carol] })
    A = rm.state
    expect(rm.welcome).toBeNull()
    const bRm = await engine.process(B, rm.commit, acceptEverything)
    expect(bRm).toMatchObject({ kind: 'commit', change: { removes: [carol], sender: { kind: 'member', client: alice } } })
    B = stateOf(bRm)
    C = stateOf(await engine.process(C, rm.commit, acceptEverything))
    expect(engine.view(C).removed).toBe(true)
    expect(engine.view(A)).toMatchObject({ epoch: 2, members: [alice, bob], removed: false })

    const after = await engine.protect(A, 'carol must not read this')
    expect((await engine.process(C, after.message, acceptEverything)).kind).toBe('failed')
    expect(await engine.process(B, after.message, acceptEverything)).toMatchObject({ kind: 'application', plaintext: 'carol must not read this' })
  })

  it('a message sent in the previous epoch still decrypts after the receiver moved on, naming its sender', async () => {
    const engine = createRealMls('late')
    const { A, states: [B] } = await room(engine, [bob])
    const late = await engine.protect(B!, 'sent before the commit')
    const upd = await engine.commit(A, {})
    const r = await engine.process(upd.state, late.message, acceptEverything)
    expect(r).toMatchObject({ kind: 'application', sender: bob, plaintext: 'sent before the commit' })
  })

  it('a validator that throws is a bug, rethrown rather than reported as an MLS failure', async () => {
    const engine = createRealMls('throwing-validator')
    const { A, states: [B] } = await room(engine, [bob])
    const upd = await engine.commit(A, {})
    await expect(engine.process(B!, upd.commit, () => { throw new RangeError('validator bug') })).rejects.toThrow('validator bug')
  })

  it('process() refuses a Welcome or GroupInfo as misuse', async () => {
    const engine = createRealMls('misuse')
    const { A, last } = await room(engine, [bob])
    await expect(engine.process(A, last.welcome!, acceptEverything)).rejects.toThrow(/join/)
    await expect(engine.process(A, last.groupInfo, acceptEverything)).rejects.toThrow(/join/)
  })
})

describe('RealMls room context', () => {
  it('carries the context, replaces it by a commit that receivers see, and joiners see the new value', async () => {
    const engine = createRealMls('context')
    let { A, states: [B] } = await room(engine, [bob], 'policy v1')
    expect(engine.view(B!).context).toBe('policy v1')
    const change = await engine.commit(A, { context: 'policy v2' })
    expect(change.change.context).toBe('policy v2')
    A = change.state
    const atB = await engine.process(B!, change.commit, acceptEverything)
    expect(atB).toMatchObject({ kind: 'commit', change: { context: 'policy v2', adds: [], removes: [] } })
    expect(engine.view(stateOf(atB)).context).toBe('policy v2')
    const c = await newClient(engine, carol)
    const add = await engine.commit(A, { adds: [c.kp] })
    const C = await joined(engine, c, add.welcome)
    expect(engine.view(C).context).toBe('policy v2')
    expect(engine.view(C).digest).toBe(engine.view(add.state).digest)
  })

  it('refuses to combine a context change with a Remove (ts-mls bug #742)', async () => {
    const engine = createRealMls('742')
    const { A } = await room(engine, [bob])
    await expect(engine.commit(A, { context: 'x', removes: [bob] })).rejects.toThrow(/#742/)
  })

  it('a group created without a context ignores a context change', async () => {
    const engine = createRealMls('no-context')
    const { A } = await room(engine, [bob], null)
    const r = await engine.commit(A, { context: 'x' })
    expect(r.change.context).toBeNull()
    expect(engine.view(r.state).context).toBeNull()
  })
})

describe('RealMls validators', () => {
  it('a validator rejecting an Add sees the added client and leaves the receiver state unchanged', async () => {
    const engine = createRealMls('reject-add')
    const { A, states: [B] } = await room(engine, [bob])
    const before = engine.view(B!)
    const c = await newClient(engine, carol)
    const add = await engine.commit(A, { adds: [c.kp] })
    const { seen, validator } = recording({ ok: false, reason: 'carol is not allowed' })
    const r = await engine.process(B!, add.commit, validator)
    expect(r).toEqual({ kind: 'rejected', reason: 'carol is not allowed' })
    expect(seen).toEqual([{ kind: 'commit', sender: { kind: 'member', client: alice }, adds: [carol], removes: [], context: null, parts: [{ sender: { kind: 'member', client: alice }, adds: [carol], removes: [], context: null }] }])
    expect(engine.view(B!)).toEqual(before)
    // The kept state is intact: it can still take the same commit.
    expect(engine.view(stateOf(await engine.process(B!, add.commit, acceptEverything))).members).toEqual([alice, bob, carol])
  })

  it('a rejected proposal is not kept pending', async () => {
    const engine = createRealMls('reject-proposal')
    const hubSender = await engine.externalSender(hub)
    const a = await newClient(engine, alice)
    const A = await engine.createGroup(a.identity, a.kp, 'room-1', 'ctx', [hubSender])
    const upd = await engine.commit(A, {})
    const c = await newClient(engine, carol)
    const proposal = await engine.proposeExternalAdd(hubSender, upd.groupInfo, c.kp)
    const r = await engine.process(upd.state, proposal, () => ({ ok: false, reason: 'hub may not add' }))
    expect(r).toEqual({ kind: 'rejected', reason: 'hub may not add' })
    expect(engine.pendingCount(upd.state)).toBe(0)
  })

  it('an external Add proposal is seen as sent by the external provider, stays pending, and is committed', async () => {
    const engine = createRealMls('external-add')
    const hubSender = await engine.externalSender(hub)
    const a = await newClient(engine, alice)
    let A = await engine.createGroup(a.identity, a.kp, 'room-1', 'ctx', [hubSender])
    const b = await newClient(engine, bob)
    const add = await engine.commit(A, { adds: [b.kp] })
    A = add.state
    let B = await joined(engine, b, add.welcome)

    const c = await newClient(engine, carol)
    const proposal = await engine.proposeExternalAdd(hubSender, add.groupInfo, c.kp)
    expect(proposal.kind).toBe('proposal')
    const { seen, validator } = recording({ ok: true })
    const atA = await engine.process(A, proposal, validator)
    expect(atA).toMatchObject({ kind: 'proposal', change: { sender: { kind: 'external', provider: hub }, adds: [carol] } })
    expect(seen).toHaveLength(1)
    A = stateOf(atA)
    B = stateOf(await engine.process(B, proposal, acceptEverything))
    expect(engine.pendingCount(A)).toBe(1)

    const commit = await engine.commit(A, {})
    expect(commit.change.adds).toEqual([carol])
    expect(engine.pendingCount(commit.state)).toBe(0)
    const atB = await engine.process(B, commit.commit, acceptEverything)
    expect(atB).toMatchObject({ kind: 'commit', change: { adds: [carol] } })
    const C = await joined(engine, c, commit.welcome)
    expect(engine.view(C).members).toEqual([alice, bob, carol])
  })

  it("an external commit's joiner is seen as newMember; rejecting it leaves the state unchanged and the joiner's messages fail", async () => {
    const engine = createRealMls('external-commit')
    const { A, states: [B], last } = await room(engine, [bob])
    const d = await newClient(engine, dave)
    expect(engine.groupInfoEpoch(last.groupInfo)).toBe(1)
    const ext = await engine.joinExternal(d.identity, d.kp, last.groupInfo)
    expect(engine.view(ext.state)).toMatchObject({ epoch: 2, members: [alice, bob, dave] })

    const before = engine.view(A)
    const { seen, validator } = recording({ ok: false, reason: 'no external joins' })
    expect(await engine.process(A, ext.commit, validator)).toEqual({ kind: 'rejected', reason: 'no external joins' })
    expect(seen).toEqual([{ kind: 'commit', sender: { kind: 'newMember', client: dave }, adds: [dave], removes: [], context: null, parts: [] }])
    expect(engine.view(A)).toEqual(before)

    const atB = await engine.process(B!, ext.commit, acceptEverything)
    expect(atB).toMatchObject({ kind: 'commit', change: { sender: { kind: 'newMember', client: dave }, adds: [dave] } })
    const msg = await engine.protect(ext.state, 'hello from dave')
    expect(await engine.process(stateOf(atB), msg.message, acceptEverything)).toMatchObject({ kind: 'application', sender: dave })
    const atA = await engine.process(A, msg.message, acceptEverything)
    expect(atA.kind).toBe('failed')
  })

  it("after a member rejects a commit the others accepted, an accepting member's message fails for it with ts-mls's error text", async () => {
    const engine = createRealMls('divergence')
    const { A, states: [B, C] } = await room(engine, [bob, carol])
    const change = await engine.commit(A, { context: 'ctx-2' })
    const B2 = stateOf(await engine.process(B!, change.commit, acceptEverything))
    const rejected = await engine.process(C!, change.commit, () => ({ ok: false, reason: 'no' }))
    expect(rejected.kind).toBe('rejected')
    const msg = await engine.protect(B2, 'after the fork')
    expect(await engine.process(change.state, msg.message, acceptEverything)).toMatchObject({ kind: 'application', sender: bob })
    const atC = await engine.process(C!, msg.message, acceptEverything)
    expect(atC.kind).toBe('failed')
    if (atC.kind !== 'failed') return
    expect(atC.error).toMatch(/^(CryptoError|CryptoVerificationError|ValidationError|CodecError): \S/)
    expect(engine.view(B2).digest).not.toBe(engine.view(C!).digest)
  })
})

describe('RealMls determinism', () => {
  const sha = (w: Wire) => createHash('sha256').update(encodeMlsMessage(w.native as MLSMessage)).digest('hex')

  /** A small script; everything it returns must be a pure function of the seed. */
  async function script(seed: string) {
    const engine = createRealMls(seed)
    const trace: unknown[] = []
    const hubSender = await engine.externalSender(hub)
    const a = await newClient(engine, alice)
    let A = await engine.createGroup(a.identity, a.kp, 'room-1', 'ctx', [hubSender])
    const others = []
    for (const id of [bob, carol, dave]) others.push(await newClient(engine, id))
    trace.push(a.kp.ref, ...others.map((o) => o.kp.ref))
    const add = await engine.commit(A, { adds: others.map((o) => o.kp) })
    A = add.state
    trace.push(add.commit.bytes, add.welcome!.bytes, add.groupInfo.bytes, sha(add.commit), sha(add.welcome!))
    const [B, C] = [await joined(engine, others[0]!, add.welcome), await joined(engine, others[1]!, add.welcome)]
    // An update by Bob encrypts path secrets to several nodes at once.
    const upd = await engine.commit(B, {})
    trace.push(upd.commit.bytes, sha(upd.commit), engine.view(upd.state).digest)
    const C2 = stateOf(await engine.process(C, upd.commit, acceptEverything))
    const msg = await engine.protect(C2, 'hi')
    trace.push(msg.message.bytes, sha(msg.message), engine.view(C2).digest)
    return trace
  }

  it('two engines with the same seed produce identical refs, wire bytes and digests; different seeds differ', async () => {
    const [x, y, z] = [await script('seed-1'), await script('seed-1'), await script('seed-2')]
    expect(y).toEqual(x)
    expect(z[0]).not.toEqual(x[0])
    expect(z.at(-1)).not.toEqual(x.at(-1))
  })
})
