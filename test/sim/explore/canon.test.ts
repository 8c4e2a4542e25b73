import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Canon } from '../../../sim/explore/canon.js'
import type { Env } from '../../../sim/explore/net.js'

/** JSON with object keys sorted: two values are structurally equal exactly when these are equal. */
function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`
  if (v !== null && typeof v === 'object') {
    const rec = v as Record<string, unknown>
    return `{${Object.keys(rec).sort().map((k) => `${JSON.stringify(k)}:${sortedJson(rec[k])}`).join(',')}}`
  }
  return v === undefined ? 'undefined' : JSON.stringify(v)
}

/** Re-create a value with every object's keys in reverse order (same structure, other shapes). */
function reshaped(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reshaped)
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reshaped(x)]))
  return v
}

const small = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constantFrom(null, true, false, 0, 1, 2, -1, 0.5, 'a', 'b', ''), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('value'), { maxKeys: 3 })),
})).value

describe('Canon (hash-consed identity of search states)', () => {
  it('gives two values the same id exactly when they are structurally equal, whatever their key order', () => {
    fc.assert(
      fc.property(fc.array(small, { minLength: 2, maxLength: 12 }), (values) => {
        const c = new Canon()
        const ids = values.map((v, i) => c.id(i % 2 ? reshaped(v) : structuredClone(v)))
        for (let i = 0; i < values.length; i++) for (let j = 0; j < values.length; j++) expect(ids[i] === ids[j]).toBe(sortedJson(values[i]) === sortedJson(values[j]))
      }),
      { numRuns: 300, seed: 5 },
    )
  })

  it('tells apart what JSON would confuse: a number from its string, an array from an object, a missing key from one set to undefined', () => {
    const c = new Canon()
    const distinct = [1, '1', [], {}, { a: undefined }, { a: null }, [null], [undefined], 0.5, true, 'true']
    expect(new Set(distinct.map((v) => c.id(v))).size).toBe(distinct.length)
  })

  it('computes fingerprints from content alone: the same in a fresh instance, whatever was interned before', () => {
    fc.assert(
      fc.property(small, fc.array(small, { maxLength: 5 }), (v, before) => {
        const a = new Canon()
        const b = new Canon()
        for (const x of before) b.id(x)
        expect(b.fingerprint(b.id(reshaped(v)))).toBe(a.fingerprint(a.id(v)))
      }),
      { numRuns: 200, seed: 11 },
    )
  })

  it('numbers equal values in order of first appearance, the same every time', () => {
    const values = [{ x: [1, 2] }, 'y', [{ x: [1, 2] }], { z: 'y' }]
    const run = () => {
      const c = new Canon()
      return values.map((v) => c.id(structuredClone(v)))
    }
    expect(run()).toEqual(run())
  })

  it('gives an envelope the same id whether stamped with it or walked', () => {
    const c = new Canon()
    const msg = { type: 'commit', epoch: 3 }
    const envOf = (m: unknown, cid: number) => ({ id: 9, from: 'x', to: 'y', link: 1, toIx: 1, msg: m, copy: 0, cid }) as unknown as Env
    const walked = c.env(envOf(msg, -1))
    expect(c.envelope('x', 'y', structuredClone(msg), 0)).toBe(walked)
    expect(c.env(envOf(structuredClone(msg), walked))).toBe(walked)
    expect(c.envelope('x', 'y', msg, 1)).not.toBe(walked)
  })

  it('makes structurally equal parts one object (the first met), in place, without changing any value', () => {
    const parts = (v: unknown, out: object[]): object[] => {
      if (v !== null && typeof v === 'object') {
        out.push(v)
        for (const x of Object.values(v)) parts(x, out)
      }
      return out
    }
    fc.assert(
      fc.property(fc.array(small, { minLength: 2, maxLength: 8 }), (values) => {
        const c = new Canon()
        const copies = values.map((v, i) => (i % 2 ? reshaped(v) : structuredClone(v)))
        const kept = copies.map((v) => c.canonical(v))
        kept.forEach((k, i) => expect(sortedJson(k)).toBe(sortedJson(values[i])))
        const all = kept.flatMap((k) => parts(k, []))
        for (const a of all) for (const b of all) if (sortedJson(a) === sortedJson(b)) expect(a).toBe(b)
      }),
      { numRuns: 200, seed: 17 },
    )
  })

  it('rebuilds a value by ids (valueOf, keysOf, withValue, arrayOf) to the id the same value built as objects gets', () => {
    const record = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), small, { minKeys: 1, maxKeys: 4 })
    fc.assert(
      fc.property(record, small, fc.array(small, { maxLength: 4 }), (v, x, xs) => {
        const c = new Canon()
        const id = c.id(structuredClone(v))
        const keys = Object.keys(v).sort()
        expect(c.keysOf(id)).toEqual(keys.map((k) => c.str(k)))
        for (const k of keys) {
          expect(c.valueOf(id, c.str(k))).toBe(c.id(structuredClone(v[k])))
          const byIds = c.withValue(id, c.str(k), c.id(structuredClone(x)))
          expect(c.id({ ...structuredClone(v), [k]: structuredClone(x) })).toBe(byIds)
        }
        expect(c.valueOf(id, c.str('e'))).toBe(-1)
        const arr = c.arrayOf(xs.map((e) => c.id(structuredClone(e))))
        expect(arr).toBe(c.id(structuredClone(xs)))
        expect(c.elementsOf(arr)).toEqual(xs.map((e) => c.id(structuredClone(e))))
      }),
      { numRuns: 200, seed: 29 },
    )
  })
})
