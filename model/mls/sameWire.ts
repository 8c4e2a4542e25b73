/**
 * Whether two MLS messages are the same message: what a hub asks of a resubmitted request
 * (draft-ietf-mimi-protocol-06 §5.5: it answers a byte-identical message again rather than
 * sequencing it twice). Real messages are compared by what they hold, as bytes would be; two sends
 * never agree, since each carries fresh ciphertext. Symbolic messages carry their sender's
 * generation (symbolic/state.ts), so the same holds for them.
 *
 * By content rather than by object identity, so that a message rebuilt from equal parts (as the
 * explorer rebuilds states from their canonical ids, sim/explore) is still recognised.
 */
import type { Wire } from './types.js'

export function sameWire(a: Wire, b: Wire): boolean {
  return a === b || (a.kind === b.kind && a.bytes === b.bytes && sameValue(a.native, b.native))
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.byteLength !== b.byteLength) return false
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength)
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false
    return true
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  for (const k of ka) if (!Object.hasOwn(b, k) || !sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false
  return true
}
