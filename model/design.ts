/**
 * Design variants as data (design.md "Design variants are data").
 *
 * Each knob names a decision the MIMI drafts leave open or that the working group decided, so the
 * same property suite can be run under every alternative and compared as a matrix.
 *
 * - `policy` — who enforces the room policy. `service`: only the hub checks it, and each client
 *   trusts the participant list its own provider reports (draft-ietf-mimi-protocol-06 §9: "the hub
 *   is trusted to correctly enforce the room's policy"). `mls`: the policy and participant list are
 *   carried in the GroupContext and every client validates every commit and proposal against them
 *   (draft-ietf-mls-extensions-09 §4.7; draft-ietf-mimi-room-policy-03 §8; the 2023-05-03 interim
 *   decision that ACLs are an MLS extension enforced by clients).
 *
 * Only knobs the model implements are listed; a design is complete when every knob has a value.
 */

export const KNOBS = {
  policy: ['service', 'mls'],
} as const satisfies Record<string, readonly string[]>

export type KnobName = keyof typeof KNOBS
export type Design = { readonly [K in KnobName]: (typeof KNOBS)[K][number] }

export const DEFAULT_DESIGN: Design = { policy: 'mls' }

export type DesignParse = { readonly ok: true; readonly design: Design } | { readonly ok: false; readonly error: string }

/** Apply `key=value` overrides to a base design; errors name the key and list the valid choices. */
export function applyDesign(base: Design, overrides: Readonly<Record<string, string>>): DesignParse {
  const next: Record<string, string> = { ...base }
  for (const key of Object.keys(overrides).sort()) {
    const value = overrides[key]!
    if (!(key in KNOBS)) {
      return { ok: false, error: `unknown design key "${key}" (valid: ${Object.keys(KNOBS).sort().join(', ')})` }
    }
    const allowed: readonly string[] = KNOBS[key as KnobName]
    if (!allowed.includes(value)) {
      return { ok: false, error: `design ${key}: unknown value "${value}" (valid: ${allowed.join(', ')})` }
    }
    next[key] = value
  }
  return { ok: true, design: next as Design }
}

/** Every complete design, in a stable order (for the comparison matrix). */
export function allDesigns(): readonly Design[] {
  let designs: Record<string, string>[] = [{}]
  for (const key of Object.keys(KNOBS).sort() as KnobName[]) {
    designs = designs.flatMap((d) => KNOBS[key].map((v) => ({ ...d, [key]: v })))
  }
  return designs as unknown as Design[]
}

export function designLabel(design: Design): string {
  return (Object.keys(KNOBS).sort() as KnobName[]).map((k) => `${k}=${design[k]}`).join(',')
}
