/**
 * What bench:peers reads from pan's report. In a breadth-first search pan stores the states inside an
 * atomic sequence too, and reports how many of its stored states are left without them as "nominal
 * states (stored-atomic)": those are the model's states, one per completed atomic step, the unit
 * mimi-sim counts. A depth-first pan stores no states inside atomic sequences and prints no such line.
 */
export interface PanReport {
  /** States pan stored (in BFS, those inside atomic sequences included). */
  readonly stored: number
  /** The model's states: the nominal count when pan prints one, else every state it stored. */
  readonly unique: number
  /** pan's own search time in seconds. */
  readonly elapsed: number
  /** The depth at which an assertion failed, in pan's statements; undefined when none did. */
  readonly violationDepth: number | undefined
}

/** Read pan's report from its standard output; null when the text is not one (no state count). */
export function parsePan(out: string): PanReport | null {
  const stored = /^\s*(\d+) states, stored/m.exec(out)
  if (!stored) return null
  const nominal = /^\s*(\d+) nominal states \(stored-atomic\)/m.exec(out)
  const depth = /assertion violated.*\(at depth (\d+)\)/.exec(out)
  const elapsed = /elapsed time ([\d.e+-]+) seconds/.exec(out)
  return {
    stored: Number(stored[1]),
    unique: Number((nominal ?? stored)[1]),
    elapsed: elapsed ? Number(elapsed[1]) : Number.NaN,
    violationDepth: depth ? Number(depth[1]) : undefined,
  }
}
