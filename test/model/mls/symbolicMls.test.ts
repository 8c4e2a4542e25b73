import { describe, expect, it } from 'vitest'
import { clientId, providerId } from '../../../model/ids.js'
import { acceptEverything, type MlsEngine, type ProcessResult, type Validator, type IncomingChange } from '../../../model/mls/types.js'
import { createSymbolicMls } from '../../../model/mls/symbolic/symbolicMls.js'

const alice = clientId('a.example', 'alice', '1')
const bob = clientId('b.example', 'bob', '1')
const carol = clientId('c.example', 'carol', '1')
const dave = clientId('a.example', 'dave', '1')
const hub = providerId('a.example')
const rogue = providerId('evil.example')

async function threeMembers(mls: MlsEngine, context: string | null = 'ctx-v1') {
  const [ia, ib, ic] = await Promise.all([alice, bob, carol].map((c) => mls.createIdentity(c)))
  const hubSender = await mls.externalSender(hub)
  const a0 = await mls.createGroup(ia!, await mls.keyPackage(ia!), 'room-1', context, [hubSender])
  const kb = await mls.keyPackage(ib!)
  const kc = await mls.keyPackage(ic!)
  const c1 = await mls.commit(a0, { adds: [kb, kc] })
  const jb = await mls.join(ib!, kb, c1.welcome!)
  const jc = await mls.join(ic!, kc, c1.welcome!)
  if (jb.kind !== 'joined' || jc.kind !== 'joined') throw new Error('join failed')
  return { ia: ia!, ib: ib!, ic: ic!, hubSender, a0, c1, a: c1.state, b: jb.state, c: jc.state }
}

function expectKind<K extends ProcessResult['kind']>(r: ProcessResult, kind: K): Extract<ProcessResult, { kind: K }> {
  expect(r.kind, JSON.stringify(r)).toBe(kind)
  return r as Extract<ProcessResult, { kind: K }>
}

describe('SymbolicMls lifecycle', () => {
  it('creating a group with a context gives epoch 0 with the creator as only member', async () => {
    const mls = createSymbolicMls('s')
    const ia = await mls.createIdentity(alice)
    const g = await mls.createGroup(ia, await mls.keyPackage(ia), 'room-1', 'ctx', [])
    const v = mls.view(g)
    expect(v).toMatchObject({ epoch: 0, members: [alice], context: 'ctx', removed: false })
    expect(v.digest).toMatch(/^[0-9a-f]{16}$/)
  })

  it('two clients added in one commit both join and agree on the view with the committer', async () => {
    const mls = createSymbolicMls('s')
    const { a, b, c, c1 } = await threeMembers(mls)
    expect(c1.change).toEqual({ kind: 'commit', sender: { kind: 'member', client: alice }, adds: [bob, carol], removes: [], context: null, parts: [{ sender: { kind: 'member', client: alice }, adds: [bob, carol], removes: [], context: null }] })
    expect(c1.commit.bytes).toBe(0)
    expect(mls.groupInfoEpoch(c1.groupInfo)).toBe(1)
    const va = mls.view(a)
    expect(va).toMatchObject({ epoch: 1, members: [alice, bob, carol].sort(), context: 'ctx-v1' })
    expect(mls.view(b)).toEqual(va)
    expect(mls.view(c)).toEqual(va)
  })

  it('application messages decrypt between agreeing members but not for their sender', async () => {
    const mls = createSymbolicMls('s')
    const { a, b, c } = await threeMembers(mls)
    const { message } = await mls.protect(b, 'hello')
    expect(expectKind(await mls.process(a, message, acceptEverything), 'application')).toMatchObject({ sender: bob, plaintext: 'hello' })
    expect(expectKind(await mls.process(c, message, acceptEverything), 'application').plaintext).toBe('hello')
    expect(expectKind(await mls.process(b, message, acceptEverything), 'failed').error).toMatch(/own message/)
  })

  it('a commit from the old epoch fails with an epoch mismatch', async () => {
    const mls = createSymbolicMls('s')
    const { a, b } = await threeMembers(mls)
    const c2 = await mls.commit(a, {})
    const b2 = expectKind(await mls.process(b, c2.commit, acceptEverything), 'commit').state
    expect(expectKind(await mls.process(b2, c2.commit, acceptEverything), 'failed').error).toBe(
      'epoch mismatch: commit for epoch 1, state at epoch 2',
    )
  })

  it('a removed member is flagged removed and fails to process later messages', async () => {
    const mls = createSymbolicMls('s')
    const { a, b, c } = await threeMembers(mls)
    const c2 = await mls.commit(a, { removes: [carol] })
    const c2c = expectKind(await mls.process(c, c2.commit, acceptEverything), 'commit')
    expect(mls.view(c2c.state).removed).toBe(true)
    const b2 = expectKind(await mls.process(b, c2.commit, acceptEverything), 'commit').state
    expect(mls.view(b2)).toEqual(mls.view(c2.state))
    expect(mls.view(b2).members).toEqual([alice, bob].sort())
    const { message } = await mls.protect(b2, 'after')
    expect(expectKind(await mls.process(c2.state, message, acceptEverything), 'application').plaintext).toBe('after')
    expect(expectKind(await mls.process(c2c.state, message, acceptEverything), 'failed').error).toMatch(/removed/)
  })

  it('the context replaced by a commit is seen by receivers and by joiners', async () => {
    const mls = createSymbolicMls('s')
    const { a, b, ic } = await threeMembers(mls)
    const id = await mls.createIdentity(dave)
    const kd = await mls.keyPackage(id)
    const c2 = await mls.commit(a, { context: 'ctx-v2', adds: [kd] })
    expect(c2.change.context).toBe('ctx-v2')
    const seen: IncomingChange[] = []
    const r = expectKind(await mls.process(b, c2.commit, (ch) => (seen.push(ch), { ok: true })), 'commit')
    expect(seen).toEqual([c2.change])
    expect(mls.view(r.state).context).toBe('ctx-v2')
    const jd = await mls.join(id, kd, c2.welcome!)
    expect(jd.kind).toBe('joined')
    if (jd.kind === 'joined') expect(mls.view(jd.state)).toEqual(mls.view(c2.state))
    expect((await mls.join(ic, await mls.keyPackage(ic), c2.welcome!)).kind).toBe('failed')
  })

  it('a group created without a context keeps a null context through commits', async () => {
    const mls = createSymbolicMls('s')
    const { a } = await threeMembers(mls, null)
    const c2 = await mls.commit(a, { context: 'ignored' })
    expect(c2.change.context).toBeNull()
    expect(mls.view(c2.state).context).toBeNull()
  })

  it('never mutates a state it was given', async () => {
    const mls = createSymbolicMls('s')
    const { a } = await threeMembers(mls)
    const before = JSON.stringify(a)
    await mls.commit(a, { removes: [bob] })
    expect(JSON.stringify(a)).toBe(before)
    expect(mls.view(a).epoch).toBe(1)
  })
})

describe('SymbolicMls validation and divergence', () => {
  it('a validator rejection leaves the state unchanged and later messages from accepting members fail for the rejecter', async () => {
    const mls = createSymbolicMls('s')
    const { a, b, c } = await threeMembers(mls)
    const c2 = await mls.commit(a, { context: 'ctx-v2' })
    const refuse: Validator = () => ({ ok: false, reason: 'context change not allowed' })
    const rc = await mls.process(c, c2.commit, refuse)
    expect(rc).toEqual({ kind: 'rejected', reason: 'context change not allowed' })
    expect(mls.view(c).epoch).toBe(1)
    const b2 = expectKind(await mls.process(b, c2.commit, acceptEverything), 'commit').state
    const { message } = await mls.protect(b2, 'hi')
    expect(expectKind(await mls.process(c, message, acceptEverything), 'failed').error).toBe(
      'epoch mismatch: message for epoch 2, state at epoch 1',
    )
  })

  it('two concurrent commits at one epoch fork the group: the loser fails with a divergence error', async () => {
    const mls = createSymbolicMls('s')
    const { a, b, c } = await threeMembers(mls)
    const fromA = await mls.commit(a, {})
    const fromB = await mls.commit(b, {})
    const c2 = expectKind(await mls.process(c, fromA.commit, acceptEverything), 'commit').state
    expect(mls.view(fromB.state).epoch).toBe(mls.view(c2).epoch)
    expect(mls.view(fromB.state).digest).not.toBe(mls.view(c2).digest)
    const { message } = await mls.protect(fromB.state, 'x')
    expect(expectKind(await mls.process(c2, message, acceptEverything), 'failed').error).toMatch(/different epoch-2 history/)
    const c3 = await mls.commit(c2, {})
    expect(expectKind(await mls.process(fromB.state, c3.commit, acceptEverything), 'failed').error).toBe(
      'state diverged: commit built on a different epoch-2 history',
    )
  })

  it('an external add proposal is pending after validation and included in the next commit', async () => {
    const mls = createSymbolicMls('s')
    const { a, b, c, hubSender, c1 } = await threeMembers(mls)
    const id = await mls.createIdentity(dave)
    const kd = await mls.keyPackage(id)
    const prop = await mls.proposeExternalAdd(hubSender, c1.groupInfo, kd)
    const seen: IncomingChange[] = []
    const pa = expectKind(await mls.process(a, prop, acceptEverything), 'proposal')
    expect(pa.change).toEqual({ kind: 'proposal', sender: { kind: 'external', provider: hub }, adds: [dave], removes: [], context: null, parts: [{ sender: { kind: 'external', provider: hub }, adds: [dave], removes: [], context: null }] })
    expect(mls.pendingCount(pa.state)).toBe(1)
    expect(mls.pendingCount(a)).toBe(0)
    const pb = expectKind(await mls.process(b, prop, acceptEverything), 'proposal').state
    const c2 = await mls.commit(pa.state, {})
    expect(c2.change.adds).toEqual([dave])
    expect(mls.pendingCount(c2.state)).toBe(0)
    expectKind(await mls.process(pb, c2.commit, (ch) => (seen.push(ch), { ok: true })), 'commit')
    expect(seen[0]!.adds).toEqual([dave])
    // c never received the proposal: like RFC 9420 §12.4, a commit by reference needs it.
    expect(expectKind(await mls.process(c, c2.commit, acceptEverything), 'failed').error).toMatch(/missing proposal/)
    const jd = await mls.join(id, kd, c2.welcome!)
    expect(jd.kind === 'joined' && mls.view(jd.state).members.includes(dave)).toBe(true)
  })

  it('pending adds merge with explicit adds of the same client without duplicating it', async () => {
    const mls = createSymbolicMls('s')
    const { a, hubSender, c1 } = await threeMembers(mls)
    const id = await mls.createIdentity(dave)
    const prop = await mls.proposeExternalAdd(hubSender, c1.groupInfo, await mls.keyPackage(id))
    const pa = expectKind(await mls.process(a, prop, acceptEverything), 'proposal').state
    const c2 = await mls.commit(pa, { adds: [await mls.keyPackage(id)] })
    expect(c2.change.adds).toEqual([dave])
    expect(mls.view(c2.state).members.filter((m) => m === dave)).toHaveLength(1)
  })

  it('a proposal rejected by the validator is not pending; one from an unlisted provider fails; one from another epoch or history is taken, as ts-mls 1.6.4 takes it', async () => {
    const mls = createSymbolicMls('s')
    const { a, b, c1, a0, hubSender } = await threeMembers(mls)
    const id = await mls.createIdentity(dave)
    const prop = await mls.proposeExternalAdd(hubSender, c1.groupInfo, await mls.keyPackage(id))
    expect(await mls.process(a, prop, () => ({ ok: false, reason: 'no' }))).toEqual({ kind: 'rejected', reason: 'no' })
    const bad = await mls.proposeExternalAdd(await mls.externalSender(rogue), c1.groupInfo, await mls.keyPackage(id))
    expect(expectKind(await mls.process(a, bad, acceptEverything), 'failed').error).toMatch(/not in the group's external_senders/)
    const old = (await mls.commit(a0, {})).groupInfo // an epoch-1 GroupInfo from a forked epoch-0 history
    const c2 = await mls.commit(a, {})
    const b2 = expectKind(await mls.process(b, c2.commit, acceptEverything), 'commit').state
    const stale = await mls.proposeExternalAdd(hubSender, c1.groupInfo, await mls.keyPackage(id))
    expect(expectKind(await mls.process(b2, stale, acceptEverything), 'proposal')).toBeDefined()
    const forked = await mls.proposeExternalAdd(hubSender, old, await mls.keyPackage(id))
    expect(expectKind(await mls.process(b, forked, acceptEverything), 'proposal')).toBeDefined()
  })
})

describe('SymbolicMls external joins', () => {
  it('an external commit moves the joiner ahead and members see a newMember commit that brings them level', async () => {
    const mls = createSymbolicMls('s')
    const { a, b, c1 } = await threeMembers(mls)
    const id = await mls.createIdentity(dave)
    const { state: d, commit } = await mls.joinExternal(id, await mls.keyPackage(id), c1.groupInfo)
    expect(mls.view(d)).toMatchObject({ epoch: 2, removed: false })
    expect(mls.view(d).members).toContain(dave)
    const seen: IncomingChange[] = []
    const ra = expectKind(await mls.process(a, commit, (ch) => (seen.push(ch), { ok: true })), 'commit')
    expect(seen).toEqual([{ kind: 'commit', sender: { kind: 'newMember', client: dave }, adds: [dave], removes: [], context: null, parts: [] }])
    expect(mls.view(ra.state)).toEqual(mls.view(d))
    const rb = expectKind(await mls.process(b, commit, acceptEverything), 'commit')
    const { message } = await mls.protect(d, 'hi from dave')
    expect(expectKind(await mls.process(rb.state, message, acceptEverything), 'application').sender).toBe(dave)
  })

  it('a joiner from a stale GroupInfo cannot talk to anyone', async () => {
    const mls = createSymbolicMls('s')
    const { a, b, c1 } = await threeMembers(mls)
    const c2 = await mls.commit(a, {})
    const b2 = expectKind(await mls.process(b, c2.commit, acceptEverything), 'commit').state
    const id = await mls.createIdentity(dave)
    const { state: d, commit } = await mls.joinExternal(id, await mls.keyPackage(id), c1.groupInfo)
    expect(mls.view(d).epoch).toBe(2)
    expect(expectKind(await mls.process(b2, commit, acceptEverything), 'failed').error).toMatch(/epoch mismatch/)
    const { message } = await mls.protect(d, 'anyone?')
    expect(expectKind(await mls.process(b2, message, acceptEverything), 'failed').error).toMatch(/different epoch-2 history/)
    const back = await mls.protect(b2, 'who?')
    expect((await mls.process(d, back.message, acceptEverything)).kind).toBe('failed')
  })
})

describe('SymbolicMls misuse and determinism', () => {
  it('misuse throws: removing a non-member, adding a member, context with removes, removing oneself', async () => {
    const mls = createSymbolicMls('s')
    const { a, ib } = await threeMembers(mls)
    await expect(mls.commit(a, { removes: [dave] })).rejects.toThrow(/not a member/)
    await expect(mls.commit(a, { adds: [await mls.keyPackage(ib)] })).rejects.toThrow(/already a member/)
    await expect(mls.commit(a, { context: 'x', removes: [bob] })).rejects.toThrow(/room-context change and removes/)
    await expect(mls.commit(a, { removes: [alice] })).rejects.toThrow(/cannot remove itself/)
  })

  it('same seed gives identical refs and digests; a different seed gives different refs', async () => {
    const run = async (seed: string) => {
      const mls = createSymbolicMls(seed)
      const { a, b, ib } = await threeMembers(mls)
      const c2 = await mls.commit(a, { removes: [carol] })
      const kp = await mls.keyPackage(ib)
      return { kp: kp.ref, d1: mls.view(b).digest, d2: mls.view(c2.state).digest }
    }
    const x = await run('seed-1')
    expect(await run('seed-1')).toEqual(x)
    const y = await run('seed-2')
    expect(y.kp).not.toBe(x.kp)
    expect(y.d2).not.toBe(x.d2)
  })

  it('each keyPackage() call returns a fresh ref', async () => {
    const mls = createSymbolicMls('s')
    const ia = await mls.createIdentity(alice)
    const refs = new Set<string>()
    for (let i = 0; i < 50; i++) refs.add((await mls.keyPackage(ia)).ref)
    expect(refs.size).toBe(50)
  })

  it('a welcome without an entry for the KeyPackage fails to join', async () => {
    const mls = createSymbolicMls('s')
    const { c1, ic } = await threeMembers(mls)
    const r = await mls.join(ic, await mls.keyPackage(ic), c1.welcome!)
    expect(r.kind).toBe('failed')
    if (r.kind === 'failed') expect(r.error).toMatch(/no entry for KeyPackage/)
  })
})
