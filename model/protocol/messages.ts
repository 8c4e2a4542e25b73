/**
 * The message vocabulary actors exchange: the MIMI endpoints of draft-ietf-mimi-protocol-06 §5 used
 * by the flows modelled so far (keyMaterial §5.2, update §5.3, submitMessage §5.4, notify §5.5,
 * groupInfo §5.6), plus the provider-local messages between a client and its own provider.
 *
 * Requests name their `origin` client so that each provider on the path (the client's own provider,
 * then the hub) can route the response back; the drafts leave that provider-internal routing
 * unspecified (PROTO §4.1 only fixes the Host/From headers between providers).
 *
 * Simplified: `update` carries the committer's summary of its commit (`change`) in place of the hub
 * parsing the PublicMessage, which is what a hub would read from it; under policy=service it also
 * carries the participant list the committer asks for (`roster`), which the hub alone records.
 */
import { type ClientId, type ProviderId, type RoomId, shortName, type UserId } from '../ids.js'
import type { IncomingChange, KeyPackage, Wire } from '../mls/types.js'
import type { RoomState } from '../policy/roomState.js'
import type { PolicyUpdate } from '../policy/updates.js'
import type { GroupInfoStatus, KeyMaterialUserStatus, SubmitStatus, UpdateStatus } from './status.js'

export type FanoutItem =
  | { readonly kind: 'commit'; readonly epoch: number; readonly commit: Wire; readonly sender: ClientId; readonly change: IncomingChange }
  | { readonly kind: 'proposal'; readonly proposal: Wire; readonly sender: ProviderId; readonly adds: readonly ClientId[]; readonly removes: readonly ClientId[]; readonly contextChanged: boolean }
  | { readonly kind: 'application'; readonly message: Wire; readonly sender: ClientId; readonly epoch: number }
  | { readonly kind: 'welcome'; readonly welcome: Wire; readonly to: ClientId; readonly kpRef: string }

export type Message =
  | { readonly type: 'keyMaterial'; readonly origin: ClientId; readonly room: RoomId; readonly requester: UserId; readonly target: UserId }
  | {
      readonly type: 'keyMaterialResponse'
      readonly origin: ClientId
      readonly room: RoomId
      readonly target: UserId
      readonly status: KeyMaterialUserStatus
      readonly keyPackages: readonly KeyPackage[]
    }
  | {
      readonly type: 'update'
      readonly origin: ClientId
      readonly room: RoomId
      readonly epoch: number
      readonly commit: Wire
      readonly welcome: Wire | null
      /** The KeyPackageRefs the Welcome is encrypted to, as the hub reads them from it (PROTO §5.2). */
      readonly welcomeRefs: readonly string[]
      readonly groupInfo: Wire
      readonly change: IncomingChange
      readonly roster: RoomState | null
      /** policy=service: the AppDataUpdates the committer asks for (the hub judges them, PROTO §5.3). */
      readonly updates: readonly PolicyUpdate[]
    }
  | {
      readonly type: 'updateResponse'
      readonly origin: ClientId
      readonly room: RoomId
      readonly status: UpdateStatus
      readonly epoch: number
      readonly reason: string
      /** On success, the participant list as the hub now holds it (what policy=service clients act on). */
      readonly roster: RoomState | null
    }
  | { readonly type: 'submitMessage'; readonly origin: ClientId; readonly room: RoomId; readonly epoch: number; readonly message: Wire }
  | { readonly type: 'submitMessageResponse'; readonly origin: ClientId; readonly room: RoomId; readonly status: SubmitStatus; readonly reason: string }
  | { readonly type: 'groupInfo'; readonly origin: ClientId; readonly room: RoomId }
  | {
      readonly type: 'groupInfoResponse'
      readonly origin: ClientId
      readonly room: RoomId
      readonly status: GroupInfoStatus
      readonly groupInfo: Wire | null
      readonly roster: RoomState | null
    }
  /**
   * Hub → follower (and follower → its clients): one fanout item, with the hub's participant list.
   * `seq` is the hub's per-room sequence number (standing in for FanoutMessage.timestamp), by which
   * followers and clients recognise a duplicate and process only the first copy (PROTO §5.5).
   */
  | { readonly type: 'notify'; readonly room: RoomId; readonly seq: number; readonly item: FanoutItem; readonly roster: RoomState }
  /**
   * A participant asks to leave (PROTO §3.5): it cannot commit its own removal, so the hub proposes
   * the Removes of all its clients and then the list change, as external sender, and keeps
   * re-issuing them until they are committed (PROTO §5.5, ISS-P #128).
   */
  | { readonly type: 'leave'; readonly origin: ClientId; readonly room: RoomId }
  | { readonly type: 'leaveResponse'; readonly origin: ClientId; readonly room: RoomId; readonly status: 'success' | 'notAllowed'; readonly reason: string }
  /** Provider → its own client: the room's participant list as the provider reports it (policy=service ACL). */
  | { readonly type: 'acl'; readonly room: RoomId; readonly roster: RoomState }

export type MessageType = Message['type']

function proposalSummary(p: Extract<FanoutItem, { kind: 'proposal' }>): string {
  const parts = [...p.adds.map((c) => `Add ${shortName(c)}`), ...p.removes.map((c) => `Remove ${shortName(c)}`), ...(p.contextChanged ? ['policy change'] : [])]
  return ` ${parts.join(', ')}`
}

/** One line a person can read in a diagram label. */
export function summarize(msg: Message): string {
  const s = shortName
  switch (msg.type) {
    case 'keyMaterial':
      return `keyMaterial for ${s(msg.target)}`
    case 'keyMaterialResponse':
      return `keyMaterial ${msg.status}: ${msg.keyPackages.length} KeyPackage(s) of ${s(msg.target)}`
    case 'update':
      return `update epoch ${msg.epoch}: commit${msg.change.adds.length ? ` +${msg.change.adds.map(s).join(' +')}` : ''}${msg.change.removes.length ? ` -${msg.change.removes.map(s).join(' -')}` : ''}${msg.change.context !== null ? ' (policy change)' : ''}`
    case 'updateResponse':
      return `update ${msg.status}${msg.reason ? `: ${msg.reason}` : ''}`
    case 'submitMessage':
      return `submitMessage (epoch ${msg.epoch})`
    case 'submitMessageResponse':
      return `submitMessage ${msg.status}${msg.reason ? `: ${msg.reason}` : ''}`
    case 'groupInfo':
      return `groupInfo request`
    case 'groupInfoResponse':
      return `groupInfo ${msg.status}`
    case 'notify':
      return `notify ${msg.item.kind}${msg.item.kind === 'welcome' ? ` for ${s(msg.item.to)}` : ''}${msg.item.kind === 'proposal' ? proposalSummary(msg.item) : ''}`
    case 'leave':
      return 'leave request'
    case 'leaveResponse':
      return `leave ${msg.status}${msg.reason ? `: ${msg.reason}` : ''}`
    case 'acl':
      return `participant list: ${msg.roster.participants.map(([u]) => s(u)).join(', ')}`
  }
}
