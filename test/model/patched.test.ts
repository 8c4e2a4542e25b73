import { describe, expect, it } from 'vitest'
import { patched } from '../../model/patched.js'

describe('patched (model/patched.ts)', () => {
  it('makes what a spread with the changes makes: a new object, the same keys in the same order, the original untouched', () => {
    interface Room {
      readonly room: string
      readonly seq: number
      readonly seen: readonly number[]
      readonly processing: { readonly item: string } | null
    }
    const room: Room = Object.freeze({ room: 'r', seq: 1, seen: [1], processing: null })
    const changes = { seq: 2, processing: { item: 'x' } }
    const made = patched(room, changes)
    expect(made).not.toBe(room)
    expect(made).toEqual({ ...room, ...changes })
    expect(Object.keys(made)).toEqual(Object.keys({ ...room, ...changes }))
    expect(JSON.stringify(made)).toBe(JSON.stringify({ ...room, ...changes }))
    expect(room).toEqual({ room: 'r', seq: 1, seen: [1], processing: null })
    expect(made.seen).toBe(room.seen)
  })
})
