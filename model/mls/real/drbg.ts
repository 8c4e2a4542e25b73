/**
 * The one randomness source of a RealMls engine: a SHA-256 counter-mode DRBG keyed by the run's seed.
 *
 * Models nothing in MLS; it exists so that a run is bit-for-bit reproducible from its seed (ts-mls
 * draws from `CiphersuiteImpl.rng`, HPKE and signature key generation, all of which we route here).
 * Simplified: no reseeding, no prediction resistance. This is a simulation DRBG, never a real one.
 * It uses @noble/hashes rather than node:crypto so that model/ stays free of `node:*` imports.
 */
import { sha256 } from '@noble/hashes/sha2.js'

export interface Drbg {
  randomBytes(n: number): Uint8Array
}

export function createDrbg(seed: string): Drbg {
  // block_i = SHA-256(key || be64(i)); the key is hashed once so long seeds cost nothing per block.
  const input = new Uint8Array(40)
  input.set(sha256(new TextEncoder().encode(`mimi-sim/drbg/v1/${seed}`)), 0)
  const view = new DataView(input.buffer)
  let counter = 0
  let block: Uint8Array = new Uint8Array(0)
  let used = 0
  return {
    randomBytes(n: number): Uint8Array {
      // Always a fresh array: ts-mls "zeroes" some secrets it drew, which must not touch our pool.
      const out = new Uint8Array(n)
      let off = 0
      while (off < n) {
        if (used === block.length) {
          view.setUint32(32, Math.floor(counter / 0x1_0000_0000))
          view.setUint32(36, counter >>> 0)
          counter++
          block = sha256(input)
          used = 0
        }
        const take = Math.min(block.length - used, n - off)
        out.set(block.subarray(used, used + take), off)
        used += take
        off += take
      }
      return out
    },
  }
}
