/**
 * Sets of 64-bit state fingerprints (canon.ts) as flat arrays of (hi, lo) pairs: what a shard or a
 * worker sends back so that the merge can count distinct states over all of them (docs/explore.md
 * gives the collision bound). Sorted before they leave the process, so a shard file is the same
 * whatever order its states were found in.
 */
export class FingerprintSet {
  private data = new Uint32Array(1 << 12)
  size = 0

  add(hi: number, lo: number): void {
    if (this.size * 2 === this.data.length) {
      const d = new Uint32Array(this.data.length * 2)
      d.set(this.data)
      this.data = d
    }
    this.data[this.size * 2] = hi >>> 0
    this.data[this.size * 2 + 1] = lo >>> 0
    this.size++
  }

  sorted(): Uint32Array {
    const n = this.size
    const idx = Array.from({ length: n }, (_, i) => i)
    const d = this.data
    idx.sort((a, b) => d[a * 2]! - d[b * 2]! || d[a * 2 + 1]! - d[b * 2 + 1]!)
    const out = new Uint32Array(n * 2)
    idx.forEach((k, i) => {
      out[i * 2] = d[k * 2]!
      out[i * 2 + 1] = d[k * 2 + 1]!
    })
    return out
  }
}

/** Base64 of the pairs (platform byte order: shards are merged on machines of one kind). */
export function packFingerprints(fp: Uint32Array): string {
  return Buffer.from(fp.buffer, fp.byteOffset, fp.byteLength).toString('base64')
}

export function unpackFingerprints(text: string): Uint32Array {
  const b = Buffer.from(text, 'base64')
  const out = new Uint32Array(b.byteLength / 4)
  new Uint8Array(out.buffer).set(b)
  return out
}

/** Count distinct fingerprints over several lists of (hi, lo) pairs. */
export function unionSize(lists: readonly Uint32Array[]): number {
  const keys = new Set<string>()
  for (const l of lists) for (let i = 0; i < l.length; i += 2) keys.add(`${l[i]},${l[i + 1]}`)
  return keys.size
}
