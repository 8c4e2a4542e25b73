import { describe, expect, it } from 'vitest'
import { flagsOf, intrudersOf } from '../../../viz/state/checks.js'
import { foldSnapshots } from '../../../viz/state/fold.js'
import { clientKey } from '../../../viz/state/types.js'
import { fixture } from '../helpers.js'

const ROOM = 'mimi://a.example/r/clubhouse'
const ALICE = 'mimi://a.example/d/alice/1'
const BOB = 'mimi://b.example/d/bob/1'
const EVE = 'mimi://a.example/d/eve/1'

describe('flagsOf and intrudersOf', () => {
  it('at the S2 witness, flag eve in every held policy as not agreed, named first by the hub\'s injection', () => {
    const t = fixture('s2-service')
    const at = t.verdicts.find((v) => v.property === 'noEavesdropper')!.at!
    const snap = foldSnapshots(t)[at]!
    const flags = flagsOf(snap, t.actors)
    for (const c of [ALICE, BOB, EVE]) {
      expect(flags.get(clientKey(ROOM, c))!.entries, c).toEqual([
        { user: 'mimi://a.example/u/eve', role: 2, why: 'extra', agreedRole: null, namedBy: { i: 6, type: 'attack.inject', explain: expect.any(String), actor: 'mimi://a.example' } },
      ])
    }
    expect(intrudersOf(snap, t.actors).get(ROOM)).toEqual([EVE])
  })

  it('flags no entry and no intruder before the injection', () => {
    const t = fixture('s2-service')
    const snaps = foldSnapshots(t)
    for (const s of snaps.slice(0, 6)) {
      for (const f of flagsOf(s, t.actors).values()) expect(f.entries).toEqual([])
      expect(intrudersOf(s, t.actors).size).toBe(0)
    }
  })

  it('shows a disagreement at the policyAgreement witness, and none anywhere in traces where policyAgreement holds', () => {
    for (const name of ['s2-service', 's2-mls', 's2-faults']) {
      const t = fixture(name)
      const snaps = foldSnapshots(t)
      const verdict = t.verdicts.find((v) => v.property === 'policyAgreement')!
      const disagreeing = snaps.map((s) => [...flagsOf(s, t.actors).values()].some((f) => f.disagreesWith.length > 0))
      if (verdict.status === 'holds') expect(disagreeing.includes(true), name).toBe(false)
      else {
        const witness = t.events[verdict.at!]!
        expect(flagsOf(snaps[verdict.at!]!, t.actors).get(clientKey(witness.room!, witness.actor))!.disagreesWith.length, name).toBeGreaterThan(0)
        expect(disagreeing.indexOf(true), `${name}: first disagreement`).toBe(verdict.at)
      }
    }
    expect(fixture('s2-faults').verdicts.find((v) => v.property === 'policyAgreement')!.status).toBe('violated')
  })

  it('reports a fork only between clients at the same epoch with different digests', () => {
    const t = fixture('s2-faults')
    const snaps = foldSnapshots(t)
    for (const s of snaps) {
      for (const [key, f] of flagsOf(s, t.actors)) {
        const me = s.clients[key]!
        for (const other of f.forkWith) {
          const o = s.clients[clientKey(me.room, other)]!
          expect(o.epoch).toBe(me.epoch)
          expect(o.digest).not.toBe(me.digest)
        }
      }
    }
  })
})
