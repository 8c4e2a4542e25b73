/**
 * External Remove and room-context proposals (RFC 9420 §12.1.8; draft-ietf-mimi-protocol-06 §5.5 the
 * hub re-issues a leaver's proposals; draft-ietf-mimi-room-policy-03 §4 the hub's AppDataUpdates):
 * both engines accept them from the listed external sender, keep them pending, commit them by
 * reference with the external sender named in the commit's parts, and leave out what cannot be
 * committed: a second context change, or a context change beside a Remove (ts-mls 1.6.4 bug #742).
 */
import { describe, expect, it } from 'vitest'
import { clientId, providerId, type ClientId } from '../../../model/ids.js'
import { createRealMls } from '../../../model/mls/real/realMls.js'
import { createSymbolicMls } from '../../../model/mls/symbolic/symbolicMls.js'
import { acceptEverything, type GroupState, type MlsEngine, type ProcessResult, type Wire } from '../../../model/mls/types.js'

const alice = clientId('a.example', 'alice', '1')
const bob = clientId('b.example', 'bob', '1')
const carol = clientId('c.example', 'carol', '1')
const hub = providerId('a.example')

function ok(r: ProcessResult): GroupState {
  if (r.kind === 'rejected' || r.kind === 'failed') throw new Error(`expected success, got ${JSON.stringify(r)}`)
  return r.state
}

async function threeMembers(engine: MlsEngine) {
  const hubSender = await engine.externalSender(hub)
  const ids = await Promise.all([alice, bob, carol].map((c) => engine.createIdentity(c)))
  const kps = await Promise.all(ids.map((i) => engine.keyPackage(i)))
  const A0 = await engine.createGroup(ids[0]!, kps[0]!, 'room-x', 'ctx-0', [hubSender])
  const add = await engine.commit(A0, { adds: [kps[1]!, kps[2]!] })
  const join = async (k: number) => {
    const r = await engine.join(ids[k]!, kps[k]!, add.welcome as Wire)
    if (r.kind !== 'joined') throw new Error(r.error)
    return r.state
  }
  return { hubSender, A: add.state, B: await join(1), C: await join(2), groupInfo: add.groupInfo }
}

for (const [name, make] of [['symbolic', createSymbolicMls], ['real', createRealMls]] as const) {
  describe(`${name} engine: external Remove and context proposals`, () => {
    it('an external Remove is pending at members, then committed by reference with the hub as its sender', async () => {
      const engine = make('ext-remove')
      const { hubSender, A, B, C, groupInfo } = await threeMembers(engine)
      const p = await engine.proposeExternalRemove(hubSender, groupInfo, carol)
      const atA = await engine.process(A, p, acceptEverything)
      expect(atA).toMatchObject({ kind: 'proposal', change: { sender: { kind: 'external', provider: hub }, removes: [carol] } })
      const A1 = ok(atA)
      const B1 = ok(await engine.process(B, p, acceptEverything))
      ok(await engine.process(C, p, acceptEverything))
      const commit = await engine.commit(A1, {})
      expect(commit.change.removes).toEqual([carol])
      expect(commit.change.parts).toEqual([
        { sender: { kind: 'member', client: alice }, adds: [], removes: [], context: null },
        { sender: { kind: 'external', provider: hub }, adds: [], removes: [carol], context: null },
      ])
      const atB = await engine.process(B1, commit.commit, acceptEverything)
      expect(atB).toMatchObject({ kind: 'commit', change: { removes: [carol], parts: commit.change.parts } })
      expect(engine.view(ok(atB)).members).toEqual([alice, bob])
    })

    it('an external context proposal replaces the room context when committed, and names the hub as its sender', async () => {
      const engine = make('ext-context')
      const { hubSender, A, B, groupInfo } = await threeMembers(engine)
      const p = await engine.proposeExternalContext(hubSender, groupInfo, 'ctx-from-hub')
      const A1 = ok(await engine.process(A, p, acceptEverything))
      const B1 = ok(await engine.process(B, p, acceptEverything))
      const commit = await engine.commit(A1, {})
      expect(commit.change.context).toBe('ctx-from-hub')
      expect(commit.change.parts[1]).toEqual({ sender: { kind: 'external', provider: hub }, adds: [], removes: [], context: 'ctx-from-hub' })
      const atB = ok(await engine.process(B1, commit.commit, acceptEverything))
      expect(engine.view(atB).context).toBe('ctx-from-hub')
      expect(engine.view(atB).epoch).toBe(engine.view(commit.state).epoch)
    })

    it('leaves a pending context proposal out when the committer changes the context itself (one per commit, RFC 9420 §12.2)', async () => {
      const engine = make('ext-two-contexts')
      const { hubSender, A, groupInfo } = await threeMembers(engine)
      const A1 = ok(await engine.process(A, await engine.proposeExternalContext(hubSender, groupInfo, 'x'), acceptEverything))
      const c = await engine.commit(A1, { context: 'y' })
      expect(c.change.context).toBe('y')
      expect(c.change.parts.map((p) => p.sender.kind)).toEqual(['member'])
      expect(engine.view(c.state).context).toBe('y')
    })

    it('leaves a pending context proposal out beside a Remove (ts-mls 1.6.4 bug #742); it lapses with the epoch', async () => {
      const engine = make('ext-742')
      const { hubSender, A, groupInfo } = await threeMembers(engine)
      const A1 = ok(await engine.process(A, await engine.proposeExternalContext(hubSender, groupInfo, 'x'), acceptEverything))
      const c = await engine.commit(A1, { removes: [bob as ClientId] })
      expect(c.change).toMatchObject({ removes: [bob], context: null })
      expect(engine.view(c.state)).toMatchObject({ context: 'ctx-0', pending: 0 })
    })

    it('commits only the first of two pending context proposals', async () => {
      const engine = make('ext-two-pending')
      const { hubSender, A, groupInfo } = await threeMembers(engine)
      let A1 = ok(await engine.process(A, await engine.proposeExternalContext(hubSender, groupInfo, 'first'), acceptEverything))
      A1 = ok(await engine.process(A1, await engine.proposeExternalContext(hubSender, groupInfo, 'second'), acceptEverything))
      const c = await engine.commit(A1, {})
      expect(c.change.context).toBe('first')
    })

    it('tells a member that a pending proposal removes it, so it does not try to commit', async () => {
      const engine = make('ext-self-removal')
      const { hubSender, B, groupInfo } = await threeMembers(engine)
      const B1 = ok(await engine.process(B, await engine.proposeExternalRemove(hubSender, groupInfo, bob), acceptEverything))
      expect(engine.view(B1).selfRemovalPending).toBe(true)
      expect(engine.view(B).selfRemovalPending).toBe(false)
    })
  })
}
