/**
 * The messages SymbolicMls makes on every commit share one hidden class: built as a spread with a
 * key added (`{ ...snapshot, tag, t }`), each had one of its own once optimised (test/hiddenClasses.ts
 * says why that matters; docs/explore.md gives what it cost the search).
 */
import { describe, expect, it } from 'vitest'
import { clientId, providerId } from '../../../../model/ids.js'
import { createSymbolicMls } from '../../../../model/mls/symbolic/symbolicMls.js'
import type { GroupState, Wire } from '../../../../model/mls/types.js'
import { hiddenClasses } from '../../../hiddenClasses.js'

/** Enough commits for the engine to optimise the code making them: the first few dozen shared a class even before. */
const COMMITS = 300

describe('SymbolicMls messages share one hidden class (written out, not spread with keys added)', () => {
  it('the GroupInfo and Welcome of every commit, and the GroupInfo of every external join', async () => {
    const mls = createSymbolicMls('m')
    const hub = await mls.externalSender(providerId('a.example'))
    const alice = await mls.createIdentity(clientId('a.example', 'alice', '1'))
    let state: GroupState = await mls.createGroup(alice, await mls.keyPackage(alice), 'room', 'ctx', [hub])
    const infos: Wire[] = []
    const welcomes: Wire[] = []
    const joins: Wire[] = []
    for (let i = 0; i < COMMITS; i++) {
      const who = await mls.createIdentity(clientId('b.example', `u${i}`, '1'))
      const c = await mls.commit(state, { adds: [await mls.keyPackage(who)] })
      infos.push(c.groupInfo)
      welcomes.push(c.welcome!)
      const outsider = await mls.createIdentity(clientId('c.example', `x${i}`, '1'))
      joins.push((await mls.joinExternal(outsider, await mls.keyPackage(outsider), c.groupInfo)).groupInfo)
      state = c.state
    }
    expect(hiddenClasses(infos.map((w) => w.native))).toBe(1)
    expect(hiddenClasses(welcomes.map((w) => w.native))).toBe(1)
    expect(hiddenClasses(joins.map((w) => w.native))).toBe(1)
  })
})
