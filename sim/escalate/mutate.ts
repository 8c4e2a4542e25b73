/**
 * A fast-check arbitrary over role sets: small lists of mutations of a given role set (grant or
 * revoke a capability, add or drop an authorized_role_changes target, draft-ietf-mimi-room-policy-03
 * §3), and a search for the smallest list that makes a question's answer "violated" — e.g. "which
 * one change to Appendix A lets an ordinary user come to hold canBan?".
 *
 * fast-check shrinks a failing list by dropping and simplifying mutations, so the reported role
 * set is a minimal change of the original. Mutations that leave an invalid role set (POL §3, §8.1.1)
 * are discarded, and so is a set in which the question's principal holds the capability from the
 * start: that is a grant, not an escalation. Deterministic: the seed is the caller's.
 */
import fc from 'fast-check'
import { type CapabilityName, type Role, type RoleSet, roleSetProblems } from '../../model/policy/index.js'
import { GRANTABLE } from './moves.js'
import type { PolicySpec } from './policyFile.js'
import { type Ask, frame } from './questions.js'
import { search, type SearchResult } from './search.js'

export type Mutation =
  | { readonly op: 'grant'; readonly role: number; readonly capability: CapabilityName }
  | { readonly op: 'revoke'; readonly role: number; readonly capability: CapabilityName }
  | { readonly op: 'allow'; readonly role: number; readonly from: number; readonly to: number }
  | { readonly op: 'disallow'; readonly role: number; readonly from: number; readonly to: number }

export function describeMutation(set: RoleSet, m: Mutation): string {
  const name = (i: number) => set.roles.find((r) => r.index === i)?.name ?? `role ${i}`
  switch (m.op) {
    case 'grant':
      return `grant ${m.capability} to ${name(m.role)}`
    case 'revoke':
      return `revoke ${m.capability} from ${name(m.role)}`
    case 'allow':
      return `let ${name(m.role)} move ${name(m.from)} → ${name(m.to)}`
    case 'disallow':
      return `stop ${name(m.role)} moving ${name(m.from)} → ${name(m.to)}`
  }
}

function mutateRole(r: Role, m: Mutation): Role {
  if (m.op === 'grant') return r.capabilities.includes(m.capability) ? r : { ...r, capabilities: [...r.capabilities, m.capability].sort() }
  if (m.op === 'revoke') return { ...r, capabilities: r.capabilities.filter((c) => c !== m.capability) }
  const entry = r.changes.find(([f]) => f === m.from)
  const targets = entry ? entry[1] : []
  const next = m.op === 'allow' ? [...new Set([...targets, m.to])].sort((a, b) => a - b) : targets.filter((t) => t !== m.to)
  const rest = r.changes.filter(([f]) => f !== m.from)
  return { ...r, changes: (next.length ? [...rest, [m.from, next] as const] : rest).sort(([a], [b]) => a - b) }
}

export function applyMutations(set: RoleSet, ms: readonly Mutation[]): RoleSet {
  return ms.reduce((s, m) => ({ ...s, roles: s.roles.map((r) => (r.index === m.role ? mutateRole(r, m) : r)) }), set)
}

/** Mutations of `set` touching the capabilities that matter (GRANTABLE, canOpenJoin, and `extra`). */
export function mutationArbitrary(set: RoleSet, extra: readonly CapabilityName[] = []): fc.Arbitrary<Mutation> {
  const indexes = set.roles.map((r) => r.index).sort((a, b) => a - b)
  const caps = [...new Set<CapabilityName>([...GRANTABLE, 'canOpenJoin', ...extra])]
  const held = set.roles.flatMap((r) => r.capabilities.filter((c) => caps.includes(c)).map((c) => [r.index, c] as const))
  const changes = set.roles.flatMap((r) => r.changes.flatMap(([f, ts]) => ts.map((t) => [r.index, f, t] as const)))
  const options: fc.Arbitrary<Mutation>[] = [
    fc.record({ op: fc.constant('grant' as const), role: fc.constantFrom(...indexes), capability: fc.constantFrom(...caps) }),
    fc.record({ op: fc.constant('allow' as const), role: fc.constantFrom(...indexes), from: fc.constantFrom(...indexes), to: fc.constantFrom(...indexes) }),
  ]
  if (held.length) options.push(fc.constantFrom(...held).map(([role, capability]): Mutation => ({ op: 'revoke', role, capability })))
  if (changes.length) options.push(fc.constantFrom(...changes).map(([role, from, to]): Mutation => ({ op: 'disallow', role, from, to })))
  return fc.oneof(...options)
}

export function roleSetArbitrary(set: RoleSet, extra: readonly CapabilityName[] = [], maxMutations = 3): fc.Arbitrary<readonly Mutation[]> {
  return fc.array(mutationArbitrary(set, extra), { maxLength: maxMutations })
}

export interface Breaking {
  readonly mutations: readonly Mutation[]
  readonly roles: RoleSet
  readonly result: Extract<SearchResult, { kind: 'violated' }>
  /** Runs tried before the first breaking set, and shrink steps taken. */
  readonly runs: number
  readonly shrinks: number
}

export interface MutationSearch {
  readonly found: Breaking | null
  readonly runs: number
}

/** The answer to `ask` for `spec` with its roles mutated, or null when the mutated set is unusable or grants outright. */
export function askMutated(spec: PolicySpec, ms: readonly Mutation[], ask: Ask): SearchResult | null {
  const roles = applyMutations(spec.roles, ms)
  if (roleSetProblems(roles).length) return null
  const framed = frame({ ...spec, roles }, ask)
  if (!framed.ok) return null
  const r = search(framed.question)
  return r.kind === 'atStart' ? null : r
}

/** Search mutated role sets for one whose answer to `ask` is "violated"; shrink it to the fewest mutations. */
export function findBreakingRoleSet(spec: PolicySpec, ask: Ask, opts: { seed: number; runs: number; maxMutations?: number }): MutationSearch {
  const arb = roleSetArbitrary(spec.roles, ask.gains ? [ask.gains] : [], opts.maxMutations ?? 3)
  const holds = (ms: readonly Mutation[]) => askMutated(spec, ms, ask)?.kind !== 'violated'
  const out = fc.check(fc.property(arb, holds), { seed: opts.seed, numRuns: opts.runs, endOnFailure: false })
  if (!out.failed || !out.counterexample) return { found: null, runs: out.numRuns }
  const mutations = out.counterexample[0]
  const result = askMutated(spec, mutations, ask)
  if (!result || result.kind !== 'violated') throw new Error('a shrunk role-set counterexample no longer breaks the property: the search is not deterministic')
  return { found: { mutations, roles: applyMutations(spec.roles, mutations), result, runs: out.numRuns, shrinks: out.numShrinks }, runs: out.numRuns }
}
