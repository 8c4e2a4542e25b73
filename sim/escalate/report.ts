/**
 * What the escalation search prints: the question, the start, and either the shortest path — one
 * numbered step per commit naming the sender, the proposal list, the committer and the capability
 * `authorize` says each part exercised — with the draft text it bears on, or the bound within which
 * no path exists. Text for people, one JSON object for `--json`; both are pure functions of the
 * result, so the same question prints the same bytes.
 */
import { shortName } from '../../model/ids.js'
import { BANNED, describeClaims, describePrincipal, findRole, type PreauthEntry, type Principal, principalRole, roleIndexOf } from '../../model/policy/index.js'
import { bearsOn } from './bearsOn.js'
import type { Framing, PropertyName } from './questions.js'
import type { Question, SearchResult } from './search.js'
import type { Taken } from './step.js'
import { type EscState, HUB_PRINCIPAL, isActive, memberPrincipal } from './world.js'

export interface ReportInput {
  readonly policy: string
  readonly property: PropertyName
  readonly hubRole: string
  readonly question: Question
  readonly framing: Framing
  readonly result: SearchResult
}

const who = (p: Principal) => (p.kind === 'external' ? `hub ${shortName(p.provider)}` : shortName(p.user))
const roleName = (s: EscState, i: number) => findRole(s.room.roles, i)?.name ?? `role ${i}`

function questionLine(r: ReportInput): string {
  const g = r.question.goal
  if (g.kind === 'holds') {
    const subject = g.who === 'hub' ? 'the hub' : `${shortName(g.who)} (${roleName(r.question.start.state, roleIndexOf(r.question.start.state.room, g.who))})`
    return `can ${subject} come to hold ${g.capability}?`
  }
  return r.property === 'hubLeastPrivilege' ? 'can the hub get a user admitted whom no member added (canAddParticipant in effect)?' : 'can a room created with fixed_membership gain a participant?'
}

function preauthText(r: ReportInput, entries: readonly PreauthEntry[]): string {
  const s = r.question.start.state
  return entries.length ? entries.map((e) => `${describeClaims(e.claims).replace(/mimi:\/\//g, '')} → ${roleName(s, e.role)}`).join('; ') : 'none'
}

function startLine(r: ReportInput): string {
  const s = r.question.start.state
  const people = r.framing.participants.map((p) => `${shortName(p.user)} ${roleName(s, p.role)}${p.client ? ' (client)' : ''}`).join(', ')
  return `${people}; preauth: ${preauthText(r, s.room.preauth)}; outsider${r.framing.outsiders.length === 1 ? '' : 's'}: ${r.framing.outsiders.map(shortName).join(', ')}`
}

function actorsLine(r: ReportInput): string {
  const acting = r.framing.actors.map(([u, reach]) => `${u === 'hub' ? 'the hub' : shortName(u)}${reach === 'self' ? ' (only its own membership)' : ''}`)
  return `${acting.join(', ')}; everyone else only commits what it is sent`
}

function stepLines(q: Question, path: readonly Taken[]): string[] {
  const out: string[] = []
  let before = q.start.state
  path.forEach((t, k) => {
    const uses = [...new Set(t.used.map((u) => `${u.capability} (${who(u.by)})`))]
    out.push(`  ${k + 1}. ${describePrincipal(before.room, t.move.sender)} sends ${t.move.label}`)
    out.push(`     committed by ${who(t.committer)}; authorized by ${uses.length ? uses.join(', ') : 'no capability (nothing to authorize)'}`)
    before = t.after
  })
  return out
}

function outcome(r: ReportInput, end: EscState): string {
  const g = r.question.goal
  if (g.kind === 'holds') {
    const p = g.who === 'hub' ? HUB_PRINCIPAL : memberPrincipal(g.who)
    return `${g.who === 'hub' ? 'the hub' : shortName(g.who)} now holds ${g.capability} (role ${principalRole(end.room, p).name})`
  }
  const insiders = new Set(r.question.start.participants)
  const admitted = r.question.start.users.filter((u) => !insiders.has(u)).flatMap((u) => {
    const role = roleIndexOf(end.room, u)
    const listed = role !== 0 && role !== BANNED
    if (!listed && !isActive(end, u)) return []
    return [`${shortName(u)} is admitted: ${listed ? `listed as ${roleName(end, role)}` : 'not listed'}${isActive(end, u) ? ', with a client in the group' : ', no client yet'}`]
  })
  return admitted.join('; ')
}

export function reportText(r: ReportInput): string {
  const q = r.question
  const lines = [
    `policy ${r.policy}, property ${r.property}, hubRole=${r.hubRole}, depth ≤ ${q.depth}, at most ${q.maxStates} states`,
    `question: ${questionLine(r)}`,
    `start: ${startLine(r)}`,
    ...r.framing.adjustments.map((a) => `adjusted: ${a}`),
    `acting: ${actorsLine(r)}`,
  ]
  const res = r.result
  if (res.kind === 'none') {
    if (res.exhausted) lines.push(`HOLDS: no path at any depth (${res.states} states: every reachable state, none more than ${res.complete} commit(s) from the start)`)
    else if (res.budgetHit) lines.push(`HOLDS so far: no path within ${res.complete} commit(s) (the budget of ${q.maxStates} states ran out during commit ${res.complete + 1}; raise --max-states)`)
    else lines.push(`HOLDS: no path within ${res.complete} commit(s) (${res.states} states)`)
    return lines.join('\n')
  }
  if (res.kind === 'atStart') {
    lines.push('VIOLATED at the start: nothing to search')
    return lines.join('\n')
  }
  const kinds = res.kept.length
  lines.push(`VIOLATED: ${res.path.length} commit(s) (${res.shortest} shortest path(s), ${kinds} distinct by the capabilities they use; ${res.states} states searched)`)
  lines.push(...stepLines(q, res.path))
  lines.push(`  → ${outcome(r, res.path[res.path.length - 1]!.after)}`)
  if (kinds > 1) {
    lines.push('other shortest paths, one per sequence of capabilities:')
    for (const p of res.kept.slice(1)) lines.push(`  - ${p.map((t) => t.move.label).join(' ; ')}   [${p.map((t) => t.used.map((u) => u.capability).join('+')).join(' > ')}]`)
  }
  lines.push('bears on:')
  for (const b of bearsOn(res.path, q.goal, r.property)) lines.push(`  - ${b}`)
  return lines.join('\n')
}

function pathJson(q: Question, path: readonly Taken[]): Record<string, unknown>[] {
  let before = q.start.state
  return path.map((t, k) => {
    const step = {
      step: k + 1,
      sender: who(t.move.sender),
      senderRole: describePrincipal(before.room, t.move.sender).replace(/^.*\(role (.*)\)$/, '$1'),
      proposals: t.move.label,
      committer: who(t.committer),
      authorizedBy: t.used.map((u) => ({ by: who(u.by), capability: u.capability })),
    }
    before = t.after
    return step
  })
}

export function reportJson(r: ReportInput): Record<string, unknown> {
  const q = r.question
  const res = r.result
  const s = q.start.state
  const base = {
    policy: r.policy,
    property: r.property,
    design: { hubRole: r.hubRole },
    goal: q.goal.kind === 'holds' ? { holds: q.goal.capability, by: q.goal.who === 'hub' ? 'hub' : shortName(q.goal.who) } : { admits: 'a user who was not a participant at the start' },
    depth: q.depth,
    maxStates: q.maxStates,
    start: {
      participants: r.framing.participants.map((p) => ({ user: shortName(p.user), role: roleName(s, p.role), client: p.client })),
      outsiders: r.framing.outsiders.map(shortName),
      preauth: preauthText(r, s.room.preauth),
      adjustments: r.framing.adjustments,
    },
    actors: r.framing.actors.map(([u, reach]) => ({ actor: u === 'hub' ? 'hub' : shortName(u), reach })),
    states: res.states,
  }
  if (res.kind === 'none') return { ...base, verdict: 'holds', complete: res.complete, exhausted: res.exhausted, budgetHit: res.budgetHit }
  if (res.kind === 'atStart') return { ...base, verdict: 'violated', length: 0 }
  return {
    ...base,
    verdict: 'violated',
    length: res.path.length,
    shortest: res.shortest,
    path: pathJson(q, res.path),
    outcome: outcome(r, res.path[res.path.length - 1]!.after),
    alternatives: res.kept.slice(1).map((p) => ({ proposals: p.map((t) => t.move.label), capabilities: p.map((t) => t.used.map((u) => u.capability)) })),
    bearsOn: bearsOn(res.path, q.goal, r.property),
  }
}
