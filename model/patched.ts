/**
 * A copy of an immutable context or room with some fields replaced: what `{ ...o, a: x }` says, for
 * the model's hottest updates. Not part of the protocol; it is here for the engine: in Node 20, the
 * stores of a spread literal that overrides keys (`{ ...ctx, outbox, retries }`) miss their caches
 * on every call once they have seen a few kinds of context, and go to the runtime — 166,884 misses
 * in the 6-step S2 search, nearly all at the few updates that use this (docs/explore.md,
 * "Performance"). `Object.assign` onto a plain copy makes the same object, keys in the same order,
 * with no cache to miss.
 */
export function patched<T extends object>(o: T, changes: Partial<T>): T {
  return Object.assign({ ...o }, changes)
}
