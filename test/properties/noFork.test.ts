/** noFork on hand-made runs: a commit is named by (room, sender, epoch it leaves); an honest reject of one an honest member took is a fork (draft-ietf-mls-extensions-09 §4.7). */
import { describe, expect, it } from 'vitest'
import { noFork } from '../../properties/index.js'
import { A1, B1, C1 as C, E1, runOf } from './fixtures.js'

/** `actor` rejects the commit `sender` made at epoch `epoch`. */
const reject = (actor: string, sender: string, epoch: number, what = 'commit') => ({ type: 'mls.reject', actor, sender, epoch, what, reason: 'not allowed by the policy' })
/** `actor` applies `sender`'s commit, reaching `epoch`. */
const apply = (actor: string, sender: string, epoch: number) => ({ type: 'mls.apply', actor, sender, epoch, adds: [], removes: [], contextChanged: true })
/** `actor` makes a commit, reaching `epoch`. */
const commit = (actor: string, epoch: number) => ({ type: 'mls.commit', actor, epoch, adds: [], removes: [], contextChanged: true, bytes: 0 })
const send = { type: 'app.send', actor: A1, text: 'hi' }

describe('noFork', () => {
  it('is violated at the reject when an honest member rejects a commit another honest member applied', () => {
    const v = noFork.holds(runOf([send, apply(B1, C, 3), reject(A1, C, 2)]))
    expect(v).toMatchObject({ status: 'violated', at: 2 })
    expect(v.explain).toContain('bob/1')
  })

  it('is violated at the reject when the commit is applied only later', () => {
    expect(noFork.holds(runOf([send, reject(A1, C, 2), apply(B1, C, 3)]))).toMatchObject({ status: 'violated', at: 1 })
  })

  it('is violated when an honest member rejects a commit another honest member made', () => {
    expect(noFork.holds(runOf([commit(B1, 3), reject(A1, B1, 2)]))).toMatchObject({ status: 'violated', at: 1 })
  })

  it('holds when an honest member rejects a commit no honest member took', () => {
    expect(noFork.holds(runOf([send, reject(A1, E1, 2), reject(B1, E1, 2)])).status).toBe('holds')
  })

  it('holds when the applied commit is another one: same sender, another epoch', () => {
    expect(noFork.holds(runOf([apply(B1, C, 4), reject(A1, C, 2)])).status).toBe('holds')
  })

  it('holds when the applied commit is another one: same epoch, another sender', () => {
    expect(noFork.holds(runOf([apply(B1, E1, 3), reject(A1, C, 2)])).status).toBe('holds')
  })

  it('does not count a malicious client\'s reject', () => {
    expect(noFork.holds(runOf([apply(B1, C, 3), reject(E1, C, 2)])).status).toBe('holds')
  })

  it('does not count a commit only a malicious client took', () => {
    expect(noFork.holds(runOf([apply(E1, C, 3), commit(E1, 3), reject(A1, C, 2), reject(A1, E1, 2)])).status).toBe('holds')
  })

  it('does not count a rejected proposal', () => {
    expect(noFork.holds(runOf([apply(B1, C, 3), reject(A1, C, 2, 'proposal')])).status).toBe('holds')
  })

  it('judges each room apart', () => {
    const run = runOf([{ ...apply(B1, C, 3), room: 'mimi://a.example/r/lounge' }, reject(A1, C, 2)])
    expect(noFork.holds(run).status).toBe('holds')
  })
})
