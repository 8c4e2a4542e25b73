/**
 * The state panel at the cursor: per room, each client's epoch, MLS membership, the policy it acts
 * on, its pending proposals, intent, last provider report, messages read and last rejection, plus
 * any event types the viewer does not know; per provider, the rooms it hosts, their epoch at the hub,
 * its pending proposals and adversary moves. Fields that changed at this event are highlighted.
 * Entries a client holds that the agreed policy lacks, honest clients disagreeing at one epoch, and
 * forks (different digests at one epoch) are called out in words, each linked to its cause.
 */
import { select, type Selection } from 'd3'
import type { TraceActor } from '../../sim/trace/events.js'
import { flagsOf, intrudersOf, type ClientFlags } from '../state/checks.js'
import { clientChanges, providerChanges } from '../state/diff.js'
import { roleName } from '../state/policy.js'
import { clientKey, type ClientRoomState, type PolicyView, type Proposal, type ProviderState } from '../state/types.js'
import type { ViewModel } from './model.js'

// d3's Selection is invariant in its element type; the panel mixes div, span and aside freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Div = Selection<any, unknown, any, unknown>

export interface Panel {
  show(i: number): void
}

export function drawPanel(host: HTMLElement, vm: ViewModel, onPick: (i: number) => void): Panel {
  const root = select(host).append('aside').attr('class', 'panel').attr('aria-label', 'state at the current event')
  const link = (el: Div, i: number, text: string) =>
    el.append('button').attr('class', 'link').attr('type', 'button').attr('data-goto', i).text(text).on('click', () => onPick(i))
  // Each block of the panel is rebuilt only when what it shows changed: stepping to the next event
  // touches the card of the actor it happened at and the one whose highlight must now go.
  const cache = new Map<string, { readonly sig: readonly unknown[]; readonly el: Element }>()
  const block = (key: string, sig: readonly unknown[], build: (into: Div) => void): Element => {
    const hit = cache.get(key)
    if (hit && hit.sig.length === sig.length && hit.sig.every((x, k) => x === sig[k])) return hit.el
    const into = select(document.createElement('div'))
    build(into)
    const el = into.node()!.firstElementChild ?? into.append('div').node()!
    cache.set(key, { sig, el })
    return el
  }
  return {
    show(i) {
      const snap = vm.snapshots[i]
      const prev = i > 0 ? vm.snapshots[i - 1] : undefined
      const e = vm.trace.events[i]
      const blocks: Element[] = [
        block('head', [i], (into) => {
          const head = into.append('div').attr('class', 'panel-head')
          head.append('h2').text(e ? `State after event ${i}` : 'State')
          if (e) head.append('div').attr('class', 'sub').text(`${e.step < 0 ? 'setup' : `scenario step ${e.step}`} · t=${e.t} · ${e.type} at ${vm.name(e.actor)}`)
        }),
      ]
      if (snap && e) {
        const flags = flagsOf(snap, vm.trace.actors)
        const intruders = intrudersOf(snap, vm.trace.actors)
        for (const room of snap.rooms) {
          const hub = vm.trace.actors.find((a) => a.hubOf.includes(room))
          const epoch = hub ? snap.providers[hub.id]?.epochs[room] : undefined
          const seen = (intruders.get(room) ?? []).join(' ')
          blocks.push(
            block(`room ${room}`, [epoch, seen, snap.agreed[room], prev?.agreed[room]], (into) => {
              const sec = into.append('section').attr('class', 'room').attr('data-room', room)
              sec.append('h3').text(`room ${vm.name(room)}`)
              sec.append('div').attr('class', 'sub').text(`hub ${hub ? vm.name(hub.id) : 'unknown'}${epoch === undefined || epoch === null ? '' : ` · epoch at the hub ${epoch}`}`)
              for (const c of intruders.get(room) ?? []) {
                const user = vm.trace.actors.find((a) => a.id === c)?.user
                sec.append('div').attr('class', 'alert intruder').attr('data-client', vm.name(c))
                  .text(`⚠ ${vm.name(c)} is in the MLS group, but the policy the honest participants agreed to does not list ${user ? vm.name(user) : 'its user'}`)
              }
              const agreed = snap.agreed[room]
              const ag = sec.append('div').attr('class', 'field agreed')
              ag.append('span').attr('class', 'k').text('agreed policy')
              const agv = ag.append('span').attr('class', 'v')
              if (agreed) chips(agv, agreed, null, vm)
              else agv.text('—')
              if (prev && agreed !== prev.agreed[room]) ag.classed('changed', true)
            }),
          )
          for (const actor of vm.trace.actors.filter((a) => a.kind === 'client')) {
            const key = clientKey(room, actor.id)
            const state = snap.clients[key]
            const before = prev?.clients[key]
            const f = flags.get(key)
            blocks.push(block(`client ${key}`, [state, before, f ? JSON.stringify(f) : ''], (into) => clientCard(into, actor, state, before, f, vm, link)))
          }
        }
        blocks.push(block('providers', [], (into) => into.append('h3').text('providers')))
        for (const actor of vm.trace.actors.filter((a) => a.kind === 'provider')) {
          const state = snap.providers[actor.id]
          const before = prev?.providers[actor.id]
          if (state) blocks.push(block(`provider ${actor.id}`, [state, before], (into) => providerCard(into, actor, state, before, vm, link)))
        }
      }
      reconcile(root.node()!, blocks)
    },
  }
}

/** Make `parent`'s children exactly `want`, in order, moving or removing only what differs. */
function reconcile(parent: Element, want: readonly Element[]): void {
  for (const [k, el] of want.entries()) if (parent.children[k] !== el) parent.insertBefore(el, parent.children[k] ?? null)
  while (parent.children.length > want.length) parent.lastElementChild!.remove()
}

type Link = (el: Div, i: number, text: string) => void

function clientCard(sec: Div, actor: TraceActor, s: ClientRoomState | undefined, before: ClientRoomState | undefined, flags: ClientFlags | undefined, vm: ViewModel, link: Link): void {
  const card = sec.append('div').attr('class', `card client${actor.malicious ? ' malicious' : ''}`).attr('data-client', actor.label)
  const head = card.append('div').attr('class', 'card-head')
  head.append('span').attr('class', 'name').text(actor.label)
  if (actor.malicious) head.append('span').attr('class', 'tag bad').text('malicious')
  if (!s || s.epoch === null) {
    card.classed('absent', true)
    head.append('span').attr('class', 'tag').text(s?.removed ? 'removed' : 'not a member')
    if (s?.intent) field(card, 'intent', intentText(s, vm), false)
    if (s?.problem) field(card, 'last problem', `${s.problem.type}: ${s.problem.explain}`, false).classed('problem', true)
    return
  }
  const changed = clientChanges(before, s)
  head.append('span').attr('class', `epoch${changed.has('epoch') ? ' changed' : ''}`).text(`epoch ${s.epoch}`)
  if (s.removed) head.append('span').attr('class', 'tag bad').text('removed')
  if (flags?.disagreesWith.length) {
    card.classed('disagrees', true)
    card.append('div').attr('class', 'alert disagree').text(`⚠ disagreement: at epoch ${s.epoch} it holds a different policy than ${flags.disagreesWith.map(vm.name).join(', ')}`)
  }
  if (flags?.forkWith.length) {
    card.classed('forked', true)
    card.append('div').attr('class', 'alert fork').text(`⚠ fork: at epoch ${s.epoch} its group state differs from ${flags.forkWith.map(vm.name).join(', ')} (they cannot decrypt each other)`)
  }
  const members = field(card, 'members', '', changed.has('members'))
  for (const m of s.members ?? []) members.select('.v').append('span').attr('class', 'chip member').text(vm.name(m))
  const pol = field(card, 'policy it holds', '', changed.has('policy'))
  if (s.policy) chips(pol.select('.v'), s.policy, flags ?? null, vm)
  else pol.select('.v').text('none')
  for (const f of flags?.entries ?? []) {
    const note = card.append('div').attr('class', 'alert entry').attr('data-user', vm.name(f.user))
    note.append('span').text(
      f.why === 'extra'
        ? `⚠ lists ${vm.name(f.user)} (${roleName(vm.roles, s.policy?.roles ?? '', f.role)}), but no honest participant added ${vm.name(f.user)}`
        : `⚠ gives ${vm.name(f.user)} role ${roleName(vm.roles, s.policy?.roles ?? '', f.role)}; the agreed policy says ${roleName(vm.roles, s.policy?.roles ?? '', f.agreedRole ?? 0)}`,
    )
    if (f.namedBy) {
      note.append('span').text(` — first named by ${vm.name(f.namedBy.actor)} (${f.namedBy.type}, `)
      link(note, f.namedBy.i, `event ${f.namedBy.i}`)
      note.append('span').text(')')
    }
  }
  if (flags?.missing.length) card.append('div').attr('class', 'alert entry missing').text(`⚠ leaves out ${flags.missing.map(vm.name).join(', ')}, whom the agreed policy lists`)
  if (s.digest) field(card, 'group digest', s.digest, changed.has('digest')).classed('mono', true)
  if (s.pending.length) field(card, 'pending proposals', proposalText(s.pending, vm), changed.has('pending'))
  if (s.intent) field(card, 'intent', intentText(s, vm), changed.has('intent'))
  if (s.reported) field(card, 'provider reports', `${s.reported.participants.map(([u]) => vm.name(u)).join(', ')} (${s.reported.used ? 'adopted' : 'ignored'})`, changed.has('reported'))
  if (s.received) field(card, 'decrypted', `${s.received.count} message(s), last "${s.received.text}" from ${vm.name(s.received.from)}`, changed.has('received'))
  if (s.problem) field(card, 'last problem', `${s.problem.type}: ${s.problem.explain}`, changed.has('problem')).classed('problem', true)
  for (const x of s.extras) field(card, x.type, `${x.count > 1 ? `${x.count}×, last: ` : ''}${x.explain}`, changed.has('extras')).classed('extra', true)
}

function providerCard(root: Div, actor: TraceActor, s: ProviderState, before: ProviderState | undefined, vm: ViewModel, link: Link): void {
  const changed = providerChanges(before, s)
  const card = root.append('div').attr('class', `card provider${actor.malicious ? ' malicious' : ''}`).attr('data-provider', actor.label)
  const head = card.append('div').attr('class', 'card-head')
  head.append('span').attr('class', 'name').text(actor.label)
  if (s.hosts.length) head.append('span').attr('class', 'tag').text('hub')
  if (actor.malicious) head.append('span').attr('class', 'tag bad').text('malicious')
  field(card, 'hosts', s.hosts.length ? s.hosts.map((r) => `${vm.name(r)}${typeof s.epochs[r] === 'number' ? ` (epoch ${s.epochs[r]})` : ''}`).join(', ') : 'no room (follower)', changed.has('hosts') || changed.has('epochs'))
  const pending = Object.entries(s.pending).filter(([, list]) => list.length).map(([room, list]) => `${vm.name(room)}: ${proposalText(list, vm)}`)
  if (pending.length) field(card, 'pending proposals', pending.join('; '), changed.has('pending'))
  if (s.moves.length) {
    const f = field(card, 'adversary moves', '', changed.has('moves'))
    for (const m of s.moves) {
      const item = f.select('.v').append('div')
      item.append('span').text(`${m.type}: ${m.explain} (`)
      link(item, m.i, `event ${m.i}`)
      item.append('span').text(')')
    }
  }
  if (s.problem) field(card, 'last refusal', `${s.problem.type}: ${s.problem.explain}`, changed.has('problem')).classed('problem', true)
  for (const x of s.extras) field(card, x.type, `${x.count > 1 ? `${x.count}×, last: ` : ''}${x.explain}`, changed.has('extras')).classed('extra', true)
}

function field(card: Div, key: string, value: string, changed: boolean): Div {
  const f = card.append('div').attr('class', `field${changed ? ' changed' : ''}`)
  f.append('span').attr('class', 'k').text(key)
  f.append('span').attr('class', 'v').text(value)
  return f
}

function chips(host: Div, policy: PolicyView, flags: ClientFlags | null, vm: ViewModel): void {
  for (const [user, role] of policy.participants) {
    const flag = flags?.entries.find((f) => f.user === user)
    host.append('span')
      .attr('class', `chip policy${flag ? (flag.why === 'extra' ? ' not-agreed' : ' role-differs') : ''}`)
      .attr('data-user', vm.name(user))
      .text(`${vm.name(user)} · ${roleName(vm.roles, policy.roles, role)}`)
  }
}

function proposalText(list: readonly Proposal[], vm: ViewModel): string {
  return list.map(([op, x]) => (op === 'add' ? `Add ${vm.name(x)}` : op === 'remove' ? `Remove ${vm.name(x)}` : `change: ${x}`)).join(', ')
}

function intentText(s: ClientRoomState, vm: ViewModel): string {
  const it = s.intent!
  return `${it.action}${it.target ? ` ${vm.name(it.target)}` : ''} — ${it.state === 'open' ? 'in progress' : it.state === 'done' ? 'done' : 'failed'}`
}
