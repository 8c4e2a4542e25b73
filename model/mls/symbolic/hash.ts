/**
 * A cheap, deterministic 64-bit-ish digest for the symbolic MLS engine.
 *
 * Models: the role of the RFC 9420 §8.7 epoch_authenticator (from memory) — two members agree on it
 * exactly when they agree on the whole group history. Here it is a chain digest' = H(digest, commit id).
 *
 * Simplified: no cryptography. Two independent 32-bit lanes (FNV-1a and a murmur-style multiply/xor),
 * each finished with the murmur3 fmix32 avalanche, give 64 bits — enough that accidental collisions
 * between distinct histories are negligible at search scale, and cheap enough (no allocation beyond
 * the result string) for millions of operations. Adversarial collision resistance is not a goal:
 * the adversary in this model never forges MLS state.
 */

function fmix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

function hex8(x: number): string {
  return x.toString(16).padStart(8, '0')
}

/** A 16-hex-character digest of `text`. */
export function digest64(text: string): string {
  let a = 0x811c9dc5
  let b = 0x9747b28c
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995)
    b ^= b >>> 15
  }
  // Mixing the length in keeps prefix-extended inputs from sharing a lane trajectory.
  a = fmix32(a ^ text.length)
  b = fmix32(b ^ Math.imul(text.length, 0x9e3779b1) ^ a)
  return hex8(a) + hex8(b)
}

/** Separator for hashed fields: client and provider URIs never contain it. */
export const SEP = '\u0000'

/** Length-prefixes free text (room context, plaintext) so that field boundaries stay unambiguous. */
export function framed(text: string | null): string {
  return text === null ? '-' : `${text.length}:${text}`
}
