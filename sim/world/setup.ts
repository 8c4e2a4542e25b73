/**
 * Builds a run's starting point: every client's MLS identity and KeyPackages (uploaded to its
 * provider), every hub's external-sender identity, and every room as its creator makes it.
 *
 * Room creation is hub-local and out of MIMI's scope (draft-ietf-mimi-protocol-06 §3.1, ARCH §4):
 * the hub records the initial participant list, the creator's client creates the MLS group (under
 * policy=mls with the room state in the GroupContext; external_senders lists the hub, PROTO §7.4)
 * and adds every other initial participant's clients in one commit, which they join from the
 * Welcome. That happens before step 0, without network choices, so search starts from a room that
 * exists; it is still traced (step -1) with real MLS operations.
 */
import { shortName as short } from '../../model/ids.js'
import { completeDesign, type Design, type DesignInput } from '../../model/design.js'
import type { ClientId, ProviderId } from '../../model/ids.js'
import type { ClientInput, ClientRoom } from '../../model/client/context.js'
import type { ExternalSenderIdentity, GroupState, GroupView, KeyPackage, MlsEngine, MlsIdentity } from '../../model/mls/types.js'
import { OPEN_ROOM } from '../../model/policy/basePolicy.js'
import { encodeContext } from '../../model/policy/roomContext.js'
import { makeRoomState, policySummary, type RoomState } from '../../model/policy/roomState.js'
import { enforcerRole, roleSet, withHubRole } from '../../model/policy/templates.js'
import type { FollowedRoom, HostedRoom, ProviderInput } from '../../model/provider/context.js'
import type { Recorder } from '../trace/recorder.js'
import type { World, WorldRoom } from './resolve.js'

export const KEY_PACKAGES_PER_CLIENT = 3

export interface Setup {
  readonly clients: ReadonlyMap<ClientId, ClientInput>
  readonly providers: ReadonlyMap<ProviderId, { readonly hub: boolean; readonly input: ProviderInput }>
}


/**
 * The room's starting policy: its template's roles (the hub's role per the hubRole knob), a preauth
 * list that starts with the hub's entry (POL §4: the hub, as external sender, holds the template's
 * policy_enforcer role), the scenario's base policy and join codes. A fixed-membership room may have
 * no role holding canAddParticipant (POL §5), so the template's roles lose it there.
 */
export function initialPolicy(room: WorldRoom, design: Design): RoomState {
  const template = roleSet(room.template)!
  const hub = enforcerRole(template)
  const fixed = room.fixedMembership || room.base.fixedMembership === true
  let roles = withHubRole(template, design.hubRole, hub)
  if (fixed) roles = { name: `${roles.name} (fixed membership)`, roles: roles.roles.map((r) => ({ ...r, capabilities: r.capabilities.filter((c) => c !== 'canAddParticipant') })) }
  const preauth = [...(hub !== undefined ? [{ claims: { kind: 'service' as const, provider: room.hub }, role: hub }] : []), ...room.preauth]
  return makeRoomState(roles, room.participants, { preauth, base: { ...OPEN_ROOM, ...room.base, fixedMembership: fixed }, joinCodes: room.joinCodes })
}

export async function setupWorld(world: World, designInput: DesignInput, engine: MlsEngine, rec: Recorder): Promise<Setup> {
  const design = completeDesign(designInput)
  const identities = new Map<ClientId, MlsIdentity>()
  const kps = new Map<ClientId, KeyPackage[]>()
  for (const u of world.users) {
    for (const c of u.clients) {
      const id = await engine.createIdentity(c)
      identities.set(c, id)
      const list: KeyPackage[] = []
      for (let k = 0; k < KEY_PACKAGES_PER_CLIENT; k++) list.push(await engine.keyPackage(id))
      kps.set(c, list)
    }
  }
  const senders = new Map<ProviderId, ExternalSenderIdentity>()
  for (const r of world.rooms) if (!senders.has(r.hub)) senders.set(r.hub, await engine.externalSender(r.hub))

  const groups = new Map<string, { group: GroupState; view: GroupView }>()
  const hosted = new Map<ProviderId, Record<string, HostedRoom>>()
  const rosters = new Map<string, RoomState>()
  const take = (c: ClientId): KeyPackage => {
    const [kp, ...rest] = kps.get(c)!
    kps.set(c, rest)
    return kp!
  }

  for (const room of world.rooms) {
    const roster = initialPolicy(room, design)
    rosters.set(room.id, roster)
    const creator = world.users.find((u) => u.id === room.creator)!
    const first = creator.clients[0]!
    const context = design.policy === 'mls' ? encodeContext(roster, []) : null
    let group = await engine.createGroup(identities.get(first)!, take(first), room.id, context, [senders.get(room.hub)!])
    rec.add(room.hub, room.id, 0, { type: 'room.create', kind: room.kind, roles: roster.roles.name, participants: roster.participants, policy: roster },
      `${short(room.hub)} hosts ${room.kind} room ${room.name} (${policySummary(roster)}); ${short(first)} creates its MLS group`)
    const invitees = world.users.filter((u) => room.participants.some(([p]) => p === u.id)).flatMap((u) => u.clients).filter((c) => c !== first)
    const joined = new Map<ClientId, GroupState>([[first, group]])
    // Even a room created alone gets a first commit, so the hub has a GroupInfo to serve (POL §7).
    const used = invitees.map((c) => take(c))
    const result = await engine.commit(group, { adds: used })
    group = result.state
    joined.set(first, group)
    rec.add(first, room.id, 1, { type: 'mls.commit', adds: result.change.adds, removes: [], contextChanged: false, bytes: result.commit.bytes },
      invitees.length ? `${short(first)} adds the initial participants' clients: ${invitees.map(short).join(', ')}` : `${short(first)} commits the room's first epoch`)
    for (const [k, c] of invitees.entries()) {
      const res = await engine.join(identities.get(c)!, used[k]!, result.welcome!)
      if (res.kind !== 'joined') throw new Error(`setup: ${c} could not join ${room.id}: ${res.error}`)
      joined.set(c, res.state)
      rec.add(c, room.id, 1, { type: 'mls.join', via: 'welcome' }, `${short(c)} joins ${room.name} from the Welcome`)
    }
    for (const [c, g] of [...joined.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const view = engine.view(g)
      groups.set(`${room.id} ${c}`, { group: g, view })
      rec.add(c, room.id, view.epoch, { type: 'client.state', members: view.members, policy: roster, digest: view.digest, removed: false },
        `${short(c)} starts in ${room.name} at epoch ${view.epoch} with ${view.members.length} member(s)`)
    }
    const members = [...joined.keys()].sort()
    const h = hosted.get(room.hub) ?? {}
    h[room.id] = { room: room.id, roster, epoch: engine.view(group).epoch, members, groupInfo: result.groupInfo, kpRoutes: {}, seq: 1, lastCommit: null, recentMessages: [], leaving: [], leaveIssued: -1 }
    hosted.set(room.hub, h)
  }

  const clients = new Map<ClientId, ClientInput>()
  for (const u of world.users) {
    for (const c of u.clients) {
      const rooms: Record<string, ClientRoom> = {}
      for (const room of world.rooms) {
        const g = groups.get(`${room.id} ${c}`)
        if (g) rooms[room.id] = { room: room.id, hub: room.hub, group: g.group, view: g.view, acl: rosters.get(room.id)!, processing: null, seen: [] }
      }
      clients.set(c, { self: c, user: u.id, provider: u.provider, design, malicious: u.malicious, variant: u.variant, identity: identities.get(c)!, keyPackages: kps.get(c)!, rooms })
    }
  }
  const providers = new Map<ProviderId, { hub: boolean; input: ProviderInput }>()
  for (const p of world.providers) {
    const own = world.users.filter((u) => u.provider === p.id)
    const users: Record<string, readonly ClientId[]> = {}
    const stock: Record<string, readonly KeyPackage[]> = {}
    for (const u of own) {
      users[u.id] = u.clients
      for (const c of u.clients) stock[c] = kps.get(c)!
    }
    const following: Record<string, FollowedRoom> = {}
    for (const room of world.rooms) {
      const mine = own.flatMap((u) => u.clients).filter((c) => groups.has(`${room.id} ${c}`)).sort()
      following[room.id] = { room: room.id, members: mine, roster: rosters.get(room.id)!, seen: [] }
    }
    const colluders = world.users.filter((u) => u.malicious).map((u) => u.id)
    const malice = p.malicious ? { capabilities: p.malicious.capabilities, budget: p.malicious.budget, used: 0, colluders, forged: {} } : null
    const input: ProviderInput = { self: p.id, design, malice, users, stock, hosted: hosted.get(p.id) ?? {}, following, externalSender: senders.get(p.id) ?? null }
    providers.set(p.id, { hub: hosted.has(p.id), input })
  }
  return { clients, providers }
}
