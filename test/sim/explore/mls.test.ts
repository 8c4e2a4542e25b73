import { describe, expect, it } from 'vitest'
import { type ClientId, clientId, providerId } from '../../../model/ids.js'
import { createSymbolicMls } from '../../../model/mls/index.js'
import type { MlsOutcome } from '../../../model/effects.js'
import { runMlsSync } from '../../../sim/explore/mls.js'
import { runMls } from '../../../sim/runtime.js'

const plain = (o: MlsOutcome): unknown => JSON.parse(JSON.stringify(o))

describe('runMlsSync (SymbolicMls without Promises)', () => {
  it('gives the same outcome as the symbolic engine for commit, join, protect, process and external joins', async () => {
    const e = createSymbolicMls('t')
    const a: ClientId = clientId('a.example', 'alice', '1')
    const b: ClientId = clientId('b.example', 'bob', '1')
    const c: ClientId = clientId('b.example', 'cathy', '1')
    const [ia, ib, ic] = await Promise.all([a, b, c].map((x) => e.createIdentity(x)))
    const hub = await e.externalSender(providerId('a.example'))
    const kpa = await e.keyPackage(ia!)
    const kpb = await e.keyPackage(ib!)
    const kpc = await e.keyPackage(ic!)
    const group = await e.createGroup(ia!, kpa, 'g', 'ctx', [hub])
    const both = async (op: Parameters<typeof runMlsSync>[0]) => {
      const sync = runMlsSync(op)
      expect(plain(sync)).toEqual(plain(await runMls(e, op)))
      return sync
    }
    const commit = await both({ op: 'commit', group, request: { adds: [kpb] } })
    if (commit.op !== 'commit') throw new Error('commit')
    const joined = await both({ op: 'join', identity: ib!, kp: kpb, welcome: commit.result.welcome! })
    await both({ op: 'join', identity: ic!, kp: kpc, welcome: commit.result.welcome! })
    if (joined.op !== 'join' || joined.result.kind !== 'joined') throw new Error('join')
    const sent = await both({ op: 'protect', group: commit.result.state, text: 'hi' })
    if (sent.op !== 'protect') throw new Error('protect')
    const accept = () => ({ ok: true as const })
    await both({ op: 'process', group: joined.result.state, wire: sent.message, validator: accept })
    await both({ op: 'process', group, wire: sent.message, validator: accept })
    await both({ op: 'proposeExternalAdd', sender: hub, groupInfo: commit.result.groupInfo, kp: kpc })
    await both({ op: 'joinExternal', identity: ic!, kp: kpc, groupInfo: commit.result.groupInfo })
    await both({ op: 'joinExternal', identity: ib!, kp: kpb, groupInfo: commit.result.groupInfo })
  })
})
