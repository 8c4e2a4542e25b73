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
 * - `hubRole` — the role the hub's preauthorization entry gives it (draft-ietf-mimi-room-policy-03 §4).
 *   `policy_enforcer`: the draft's Appendix A example role, which holds canChangeRoleDefinitions and
 *   canChangePreauthorizedUserList; `least_privilege`: the same role without the capabilities that
 *   redefine the room (§8.6), the fix digest scenario S3 suggests.
 *
 * Only knobs the model implements are listed; a design is complete when every knob has a value.
 */

export const KNOBS = {
  hubRole: ['policy_enforcer', 'least_privilege'],
  policy: ['service', 'mls'],
} as const satisfies Record<string, readonly string[]>

export type KnobName = keyof typeof KNOBS
export type Design = { readonly [K in KnobName]: (typeof KNOBS)[K][number] }

export const DEFAULT_DESIGN: Design = { hubRole: 'policy_enforcer', policy: 'mls' }

/** A design where knobs left out take their default (what callers and tests usually pass). */
export type DesignInput = { readonly [K in KnobName]?: Design[K] }
export const completeDesign = (d: DesignInput): Design => ({ ...DEFAULT_DESIGN, ...d })

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
