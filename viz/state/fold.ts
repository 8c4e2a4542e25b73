/**
 * Folding trace events into panel snapshots, one per event (docs/trace-format.md "Event types").
 * Each known type updates the record of the actor it happened at; an unknown type is kept as an
 * "extra" on that actor so new notes (consent, quarantine, admin moves) show up without a release
 * of the viewer. Fields specific to a type are read defensively, since readTrace checks only the
 * common ones: a missing field leaves the record as it was rather than throwing.
 *
 * The agreed policy starts from `room.create` and changes only when an honest client's intent ends
 * with `ok: true` (see agreedAfter) — the reference the noEavesdropper oracle uses
 * (properties/agreedPolicy.ts), minus its role-rule checks, which need model code the viewer must not
 * import. It is a display aid that makes a provider-injected entry stand out, not a verdict: the
 * verdicts come from the trace.
 */
import type { Trace, TraceEvent } from '../../sim/trace/events.js'
import { isKnownType } from '../layout/kinds.js'
import { canonical, participantsOf as entries, readPolicy as policyOf } from './policy.js'
import { clientKey, type ClientRoomState, type Extra, type Mark, type PolicyView, type Proposal, type ProviderState, type Snapshot } from './types.js'

type Loose = TraceEvent & Record<string, unknown>

const isStr = (v: unknown): v is string => typeof v === 'string'
const strings = (v: unknown): string[] | null => (Array.isArray(v) && v.every(isStr) ? [...v] : null)
const mark = (e: TraceEvent): Mark => ({ i: e.i, type: e.type, explain: e.explain })

/** Proposals an event carries: `adds` and `removes` of clients, `updates` or a context change. */
function proposalsOf(e: Loose): Proposal[] {
  return [
    ...(strings(e.adds) ?? []).map((c): Proposal => ['add', c]),
    ...(strings(e.removes) ?? []).map((c): Proposal => ['remove', c]),
    ...(strings(e.updates) ?? []).map((u): Proposal => ['change', u]),
    ...(e.contextChanged === true && !Array.isArray(e.updates) ? [['change', 'room policy'] as Proposal] : []),
  ]
}

const withProposals = (held: readonly Proposal[], more: readonly Proposal[]): Proposal[] => {
  const out = [...held]
  for (const p of more) if (!out.some(([op, x]) => op === p[0] && x === p[1])) out.push(p)
  return out
}

function withExtra(extras: readonly Extra[], e: TraceEvent): Extra[] {
  const prev = extras.find((x) => x.type === e.type)
  const next = { ...mark(e), count: (prev?.count ?? 0) + 1 }
  return [...extras.filter((x) => x.type !== e.type), next].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))
}

const blankClient = (room: string, client: string): ClientRoomState => ({
  client, room, epoch: null, members: null, policy: null, digest: null, removed: false, pending: [], intent: null, reported: null, received: null, problem: null, extras: [],
})
const blankProvider = (provider: string): ProviderState => ({ provider, hosts: [], epochs: {}, pending: {}, moves: [], problem: null, extras: [] })

export function foldSnapshots(trace: Trace): Snapshot[] {
  const kinds = new Map(trace.actors.map((a) => [a.id, a] as const))
  const honest = (id: string) => kinds.get(id)?.malicious === false
  const userOf = (id: string) => kinds.get(id)?.user ?? null
  const providerRooms = trace.actors.filter((a) => a.kind === 'provider')
  let snap: Snapshot = {
    i: -1,
    rooms: [...new Set(providerRooms.flatMap((p) => p.hubOf))],
    clients: {},
    providers: Object.fromEntries(providerRooms.map((p) => [p.id, { ...blankProvider(p.id), hosts: [...p.hubOf] }])),
    agreed: {},
    namedBy: {},
  }
  const open = new Map<string, Loose>()
  const out: Snapshot[] = []
  for (const ev of trace.events) {
    snap = step(snap, ev as Loose, kinds.get(ev.actor)?.kind === 'client', honest, userOf, open)
    out.push(snap)
  }
  return out
}

function step(prev: Snapshot, e: Loose, isClient: boolean, honest: (id: string) => boolean, userOf: (id: string) => string | null, open: Map<string, Loose>): Snapshot {
  const room = isStr(e.room) ? e.room : ''
  let s: Snapshot = { ...prev, i: e.i }
  if (room && !s.rooms.includes(room)) s = { ...s, rooms: [...s.rooms, room] }
  const client = (f: (c: ClientRoomState) => ClientRoomState) => {
    const key = clientKey(room, e.actor)
    s = { ...s, clients: { ...s.clients, [key]: f(s.clients[key] ?? blankClient(room, e.actor)) } }
  }
  const provider = (f: (p: ProviderState) => ProviderState) => {
    s = { ...s, providers: { ...s.providers, [e.actor]: f(s.providers[e.actor] ?? blankProvider(e.actor)) } }
  }
  const epoch = typeof e.epoch === 'number' ? e.epoch : null
  const target = isStr(e.target) ? e.target : null
  if (e.type.startsWith('attack.') && target && !s.namedBy[target]) s = { ...s, namedBy: { ...s.namedBy, [target]: { ...mark(e), actor: e.actor } } }

  switch (e.type) {
    case 'room.create': {
      const participants = entries(e.participants)
      const created = policyOf(e.policy) ?? (isStr(e.roles) && participants ? agreedView(e.roles, participants) : null)
      if (room && created) s = { ...s, agreed: { ...s.agreed, [room]: created } }
      provider((p) => ({ ...p, hosts: room && !p.hosts.includes(room) ? [...p.hosts, room] : p.hosts, epochs: { ...p.epochs, [room]: epoch } }))
      break
    }
    case 'client.state':
      client((c) => ({
        ...c,
        epoch,
        members: strings(e.members) ?? c.members,
        policy: e.policy === null ? null : (policyOf(e.policy) ?? c.policy),
        digest: isStr(e.digest) ? e.digest : c.digest,
        removed: e.removed === true,
        pending: epoch !== c.epoch ? [] : c.pending,
      }))
      break
    case 'mls.commit':
    case 'mls.apply':
    case 'mls.join':
      // The epoch and view change with the `client.state` that follows at the same t; moving the
      // epoch here would pair the new epoch with the old policy for one event (a false disagreement).
      break
    case 'mls.proposal':
      client((c) => ({ ...c, pending: withProposals(c.pending, proposalsOf(e)) }))
      break
    case 'mls.reject':
    case 'mls.fail':
      client((c) => ({ ...c, problem: mark(e) }))
      break
    case 'acl.update': {
      const participants = entries(e.participants)
      if (participants) client((c) => ({ ...c, reported: { participants, used: e.used === true, i: e.i } }))
      break
    }
    case 'app.receive':
      client((c) => ({ ...c, received: { count: (c.received?.count ?? 0) + 1, text: isStr(e.text) ? e.text : '', from: isStr(e.sender) ? e.sender : '', i: e.i } }))
      break
    case 'intent.begin':
      open.set(e.actor, e)
      client((c) => ({ ...c, intent: { action: isStr(e.action) ? e.action : '?', target, state: 'open' } }))
      break
    case 'intent.done':
      client((c) => ({ ...c, intent: { action: isStr(e.action) ? e.action : (c.intent?.action ?? '?'), target: c.intent?.target ?? null, state: e.ok === true ? 'done' : 'failed' } }))
      if (e.ok === true && honest(e.actor)) s = { ...s, agreed: agreedAfter(s.agreed, room, open.get(e.actor), s.clients[clientKey(room, e.actor)]?.policy ?? null, userOf(e.actor)) }
      open.delete(e.actor)
      break
    case 'hub.accept':
      if (e.what === 'commit') provider((p) => ({ ...p, epochs: { ...p.epochs, [room]: epoch }, pending: { ...p.pending, [room]: [] } }))
      break
    case 'policy.reject':
      provider((p) => ({ ...p, problem: mark(e) }))
      break
    case 'attack.inject':
      provider((p) => ({ ...p, moves: [...p.moves, mark(e)], pending: { ...p.pending, [room]: withProposals(p.pending[room] ?? [], [['add', target ?? '?']]) } }))
      break
    case 'hub.propose':
      provider((p) => ({ ...p, pending: { ...p.pending, [room]: withProposals(p.pending[room] ?? [], proposalsOf(e)) }, extras: withExtra(p.extras, e) }))
      break
    default:
      if (e.type.startsWith('attack.')) provider((p) => ({ ...p, moves: [...p.moves, mark(e)] }))
      else if (!isKnownType(e.type)) {
        if (isClient) client((c) => ({ ...c, extras: withExtra(c.extras, e) }))
        else provider((p) => ({ ...p, extras: withExtra(p.extras, e) }))
      }
  }
  return s
}

/**
 * The agreed list after an honest intent went through: `add` and `changeRole` set the target's
 * role, `ban` sets it to 1 (banned, POL Appendix A.1), `remove` and `kick` drop it, `leave` drops
 * the user itself, and an honest user's own
 * `externalJoin` lists the user with the role its client holds right after joining (the self-join
 * rules that decide that role are model code). Other intents (policy edits) leave the list as is.
 */
function agreedAfter(
  agreed: Readonly<Record<string, PolicyView>>,
  room: string,
  intent: Loose | undefined,
  held: PolicyView | null,
  user: string | null,
): Readonly<Record<string, PolicyView>> {
  const before = agreed[room]
  if (!before || !intent) return agreed
  const joined = intent.action === 'externalJoin' && user ? held?.participants.find(([u]) => u === user)?.[1] : undefined
  const target = isStr(intent.target) ? intent.target : joined !== undefined || intent.action === 'leave' ? user : null
  if (!target) return agreed
  const others = before.participants.filter(([u]) => u !== target)
  const role = typeof intent.role === 'number' ? intent.role : null
  let participants: (readonly [string, number])[] | null = null
  if ((intent.action === 'add' || intent.action === 'changeRole') && role !== null) participants = [...others, [target, role] as const]
  if (intent.action === 'ban') participants = [...others, [target, 1] as const]
  if (intent.action === 'remove' || intent.action === 'kick' || intent.action === 'leave') participants = others
  if (joined !== undefined) participants = [...others, [target, joined] as const]
  if (!participants) return agreed
  participants.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return { ...agreed, [room]: agreedView(before.roles, participants) }
}

const agreedView = (roles: string, participants: readonly (readonly [string, number])[]): PolicyView => ({ roles, participants, key: canonical({ roles, participants }) })
