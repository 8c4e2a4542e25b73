import { describe, expect, it } from 'vitest'
import { clientId, parseMimiUri, providerOf, roomId, shortName, userId, userOfClient } from '../../model/ids.js'

describe('MIMI identifiers', () => {
  it('parses provider, user, client and room URIs by their first path segment', () => {
    expect(parseMimiUri('mimi://a.example').kind).toBe('provider')
    expect(parseMimiUri('mimi://a.example/u/alice').kind).toBe('user')
    expect(parseMimiUri('mimi://a.example/d/alice/1').kind).toBe('client')
    expect(parseMimiUri('mimi://a.example/r/clubhouse').kind).toBe('room')
  })

  it('rejects what is not a MIMI URI, saying why', () => {
    expect(parseMimiUri('https://a.example')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('mimi://') })
    expect(parseMimiUri('mimi://A_B')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('domain') })
    expect(parseMimiUri('mimi://a.example/x/alice')).toMatchObject({ kind: 'invalid' })
    expect(parseMimiUri('mimi://a.example/u/')).toMatchObject({ kind: 'invalid' })
  })

  it('derives a client\'s user and any id\'s provider from the URI alone', () => {
    const c = clientId('b.example', 'bob', '2')
    expect(userOfClient(c)).toBe(userId('b.example', 'bob'))
    expect(providerOf(c)).toBe('mimi://b.example')
    expect(providerOf(roomId('a.example', 'clubhouse'))).toBe('mimi://a.example')
  })

  it('names things in diagrams by their short form', () => {
    expect(shortName(clientId('b.example', 'bob', '2'))).toBe('bob/2')
    expect(shortName('mimi://a.example')).toBe('a.example')
    expect(shortName(roomId('a.example', 'clubhouse'))).toBe('clubhouse')
  })

  it('refuses to build an id from parts that do not form one', () => {
    expect(() => userId('a.example', 'al ice')).toThrow(/user URI/)
  })
})
