/** removedCannotRead on hand-made runs: what starts and ends a removal, and that only messages sent after it count (draft-ietf-mimi-protocol-06 §5.3). */
import { describe, expect, it } from 'vitest'
import { removedCannotRead } from '../../properties/index.js'
import { A1, B1, BOB, created, E1, runOf } from './fixtures.js'

const begin = (actor: string, action: string, target: string, role: number | null = null) => ({ type: 'intent.begin', actor, action, target, role })
const done = (actor: string, action: string, ok = true) => ({ type: 'intent.done', actor, action, ok })
const send = (text: string) => ({ type: 'app.send', actor: A1, text })
const receive = (actor: string, text: string) => ({ type: 'app.receive', actor, sender: A1, text })
/** Alice removes Bob and the hub accepts it. */
const aliceRemovesBob = [begin(A1, 'remove', BOB), done(A1, 'remove')]

describe('removedCannotRead', () => {
  it.each(['remove', 'ban', 'kick'])('is violated when the user reads a message sent after an honest %s completed, with that decryption as witness', (action) => {
    const v = removedCannotRead.holds(runOf([created, begin(A1, action, BOB), done(A1, action), send('after'), receive(B1, 'after')]))
    expect(v).toMatchObject({ status: 'violated', at: 4 })
    expect(v.explain).toContain('"after"')
  })

  it('holds when the removed user reads only a message sent before its removal', () => {
    const run = runOf([created, send('before'), ...aliceRemovesBob, receive(B1, 'before')])
    expect(removedCannotRead.holds(run).status).toBe('holds')
  })

  it('holds when the removed user reads nothing, while the others go on reading', () => {
    const run = runOf([created, ...aliceRemovesBob, send('after'), receive(A1, 'after')])
    expect(removedCannotRead.holds(run).status).toBe('holds')
  })

  it('lets an honest re-add lift the removal', () => {
    const run = runOf([created, ...aliceRemovesBob, begin(A1, 'add', BOB, 2), done(A1, 'add'), send('welcome back'), receive(B1, 'welcome back')])
    expect(removedCannotRead.holds(run).status).toBe('holds')
  })

  it('lets a later mls.join by the removed user\'s client lift the removal', () => {
    const run = runOf([created, ...aliceRemovesBob, { type: 'mls.join', actor: B1, via: 'external' }, send('after'), receive(B1, 'after')])
    expect(removedCannotRead.holds(run).status).toBe('holds')
  })

  it('does not let the removed user lift its removal by changing its own role', () => {
    const run = runOf([created, ...aliceRemovesBob, begin(B1, 'changeRole', BOB, 2), done(B1, 'changeRole'), send('after'), receive(B1, 'after')])
    expect(removedCannotRead.holds(run).status).toBe('violated')
  })

  it('does not count a removal the hub refused', () => {
    const run = runOf([created, begin(A1, 'remove', BOB), done(A1, 'remove', false), send('after'), receive(B1, 'after')])
    expect(removedCannotRead.holds(run).status).toBe('holds')
  })

  it('does not count a removal by a malicious client', () => {
    const run = runOf([created, begin(E1, 'remove', BOB), done(E1, 'remove'), send('after'), receive(B1, 'after')])
    expect(removedCannotRead.holds(run).status).toBe('holds')
  })

  it('judges each room apart: a removal from one room says nothing of another', () => {
    const OTHER = 'mimi://a.example/r/lounge'
    const run = runOf([created, ...aliceRemovesBob, { ...send('after'), room: OTHER }, { ...receive(B1, 'after'), room: OTHER }])
    expect(removedCannotRead.holds(run).status).toBe('holds')
  })
})
