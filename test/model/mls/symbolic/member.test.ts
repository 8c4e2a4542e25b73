import { describe, expect, it } from 'vitest'
import { clientId, providerId } from '../../../../model/ids.js'
import { joinSync, protectSync, viewSync } from '../../../../model/mls/symbolic/member.js'
import { createSymbolicMls } from '../../../../model/mls/symbolic/symbolicMls.js'

const alice = clientId('a.example', 'alice', '1')
const bob = clientId('b.example', 'bob', '1')
const carol = clientId('c.example', 'carol', '1')

async function group() {
  const mls = createSymbolicMls('m')
  const [ia, ib, ic] = await Promise.all([alice, bob, carol].map((c) => mls.createIdentity(c)))
  const hub = await mls.externalSender(providerId('a.example'))
  const a0 = await mls.createGroup(ia!, await mls.keyPackage(ia!), 'room', 'ctx', [hub])
  const kb = await mls.keyPackage(ib!)
  const kc = await mls.keyPackage(ic!)
  const c1 = await mls.commit(a0, { adds: [kb] })
  return { mls, ia: ia!, ib: ib!, ic: ic!, hub, kb, kc, c1 }
}

describe('SymbolicMls member operations without Promises (joinSync, protectSync, viewSync)', () => {
  it('are the functions the engine runs: the same results as join, protect and view', async () => {
    const { mls, ib, kb, c1 } = await group()
    const j = joinSync(ib, kb, c1.welcome!)
    expect(j).toEqual(await mls.join(ib, kb, c1.welcome!))
    if (j.kind !== 'joined') throw new Error('join')
    expect(viewSync(j.state)).toEqual(mls.view(j.state))
    expect(protectSync(j.state, 'hi')).toEqual(await mls.protect(j.state, 'hi'))
  })

  it('joinSync fails for a KeyPackage the Welcome does not name, and throws for someone else\'s KeyPackage', async () => {
    const { ib, ic, kb, kc, c1 } = await group()
    expect(joinSync(ic, kc, c1.welcome!)).toMatchObject({ kind: 'failed', error: expect.stringMatching(/no entry/) })
    expect(() => joinSync(ic, kb, c1.welcome!)).toThrow(/KeyPackage of/)
    expect(joinSync(ib, kb, c1.commit)).toMatchObject({ kind: 'failed', error: expect.stringMatching(/expected a welcome/) })
  })

  it('protectSync refuses while proposals are pending, as RFC 9420 and ts-mls do', async () => {
    const { mls, hub, kc, c1 } = await group()
    const proposal = await mls.proposeExternalAdd(hub, c1.groupInfo, kc)
    const r = await mls.process(c1.state, proposal, () => ({ ok: true }))
    if (!('state' in r)) throw new Error('process')
    expect(viewSync(r.state).pending).toBe(1)
    expect(() => protectSync(r.state, 'hi')).toThrow(/pending proposals/)
  })
})
