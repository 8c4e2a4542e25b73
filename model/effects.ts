/**
 * What model code asks the simulator to do, and what it reports (design.md "Model pure, effects in
 * sim"). A machine's step returns effects; the simulator sends messages, runs MLS operations through
 * the engine (feeding each result back as an `mls.result` event), and records notes in the trace.
 *
 * Notes are the model's observations in MIMI's vocabulary; each carries a one-line explanation a
 * person can read in the viewer. The simulator adds the step, time and sequence number.
 */
import type { ClientId, ProviderId, RoomId, UserId } from './ids.js'
import type {
  CommitRequest,
  CommitResult,
  ExternalSenderIdentity,
  GroupState,
  GroupView,
  JoinResult,
  KeyPackage,
  MlsIdentity,
  ProcessResult,
  Validator,
  Wire,
} from './mls/types.js'
import type { Message } from './protocol/messages.js'
import type { RoomState } from './policy/roomState.js'
import type { PolicyEdit } from './policy/edits.js'

export type ActorId = ClientId | ProviderId

export type MlsOp =
  | { readonly op: 'commit'; readonly group: GroupState; readonly request: CommitRequest }
  | { readonly op: 'process'; readonly group: GroupState; readonly wire: Wire; readonly validator: Validator }
  | { readonly op: 'join'; readonly identity: MlsIdentity; readonly kp: KeyPackage; readonly welcome: Wire }
  | { readonly op: 'protect'; readonly group: GroupState; readonly text: string }
  | { readonly op: 'joinExternal'; readonly identity: MlsIdentity; readonly kp: KeyPackage; readonly groupInfo: Wire }
  | { readonly op: 'proposeExternalAdd'; readonly sender: ExternalSenderIdentity; readonly groupInfo: Wire; readonly kp: KeyPackage }
  | { readonly op: 'proposeExternalRemove'; readonly sender: ExternalSenderIdentity; readonly groupInfo: Wire; readonly client: ClientId }
  | { readonly op: 'proposeExternalContext'; readonly sender: ExternalSenderIdentity; readonly groupInfo: Wire; readonly context: string }

export type MlsOutcome =
  | { readonly op: 'commit'; readonly result: CommitResult; readonly view: GroupView }
  | { readonly op: 'process'; readonly result: ProcessResult; readonly view: GroupView | null }
  | { readonly op: 'join'; readonly result: JoinResult; readonly view: GroupView | null }
  | { readonly op: 'protect'; readonly state: GroupState; readonly message: Wire; readonly view: GroupView }
  | { readonly op: 'joinExternal'; readonly state: GroupState; readonly commit: Wire; readonly groupInfo: Wire; readonly view: GroupView }
  | { readonly op: 'joinExternal.failed'; readonly error: string }
  | { readonly op: 'proposeExternalAdd'; readonly proposal: Wire }
  | { readonly op: 'proposeExternalRemove' | 'proposeExternalContext'; readonly proposal: Wire }

export type IntentAction = 'add' | 'remove' | 'send' | 'commit' | 'externalJoin' | 'kick' | 'ban' | 'changeRole' | 'edit' | 'leave'

interface NoteBase {
  readonly actor: ActorId
  readonly room: RoomId
  readonly epoch: number | null
  readonly explain: string
}

export type Note = NoteBase &
  (
    | { readonly type: 'intent.begin'; readonly action: IntentAction; readonly target: UserId | null; readonly role: number | null; readonly edits?: readonly PolicyEdit[] }
    | { readonly type: 'intent.done'; readonly action: IntentAction; readonly ok: boolean }
    | { readonly type: 'intent.retry'; readonly action: IntentAction; readonly attempt: number; readonly request: Message['type'] }
    | { readonly type: 'mls.commit'; readonly adds: readonly ClientId[]; readonly removes: readonly ClientId[]; readonly contextChanged: boolean; readonly bytes: number }
    | { readonly type: 'mls.apply'; readonly sender: string; readonly adds: readonly ClientId[]; readonly removes: readonly ClientId[]; readonly contextChanged: boolean }
    | { readonly type: 'mls.join'; readonly via: 'welcome' | 'external' }
    | { readonly type: 'mls.proposal'; readonly sender: string; readonly adds: readonly ClientId[]; readonly removes: readonly ClientId[]; readonly contextChanged: boolean }
    | { readonly type: 'mls.reject'; readonly what: 'commit' | 'proposal'; readonly reason: string; readonly sender: string }
    | { readonly type: 'mls.fail'; readonly what: 'commit' | 'proposal' | 'application' | 'welcome'; readonly error: string }
    /** An honest joiner (policy=mls) refuses a group whose own policy does not admit a member (POL §1). */
    | { readonly type: 'mls.refuseJoin'; readonly via: 'welcome' | 'external'; readonly member: ClientId | null; readonly reason: string }
    | {
        readonly type: 'client.state'
        readonly members: readonly ClientId[]
        readonly policy: RoomState | null
        readonly digest: string
        readonly removed: boolean
      }
    | { readonly type: 'policy.reject'; readonly subject: ActorId; readonly reason: string; readonly rule?: string }
    /**
     * An enforcer takes a room-policy change as effective: a client applying it (policy=mls), or the
     * hub recording it (both designs). `used` names who exercised which capability (POL §8); a hub that
     * forces a change its role does not allow records what the change needed, with `forced`.
     */
    | { readonly type: 'policy.change'; readonly updates: readonly string[]; readonly used: readonly (readonly [string, string])[]; readonly forced: boolean; readonly participants: readonly (readonly [UserId, number])[] }
    /** The hub, as external sender, proposes changes (its own admin act, or a leaver's removal, PROTO §3.5). */
    | { readonly type: 'hub.propose'; readonly removes: readonly ClientId[]; readonly updates: readonly string[]; readonly reissue: boolean }
    | { readonly type: 'hub.accept'; readonly what: 'commit' | 'message'; readonly subject: ClientId }
    | { readonly type: 'app.send'; readonly text: string }
    | { readonly type: 'app.receive'; readonly sender: ClientId; readonly text: string }
    | { readonly type: 'acl.update'; readonly participants: readonly (readonly [UserId, number])[]; readonly used: boolean }
    | { readonly type: 'attack.inject'; readonly target: UserId }
    | { readonly type: 'attack.forgeAcl'; readonly target: UserId; readonly victim: ClientId }
    | { readonly type: 'attack.admit'; readonly target: UserId }
    | { readonly type: 'attack.forget'; readonly users: readonly UserId[] }
    /** An adversary step the provider cannot take (capability missing, budget spent, wrong target). */
    | { readonly type: 'attack.refused'; readonly reason: string }
  )

/** A note without the fields every note has: what a model function fills in for one observation. */
export type NoteBody = Note extends infer N ? (N extends Note ? Omit<N, 'actor' | 'room' | 'epoch' | 'explain'> : never) : never

/**
 * The note made of `body` and the four fields every note has, in this order after the body's own. The
 * body must be a literal its caller has just built (every call site passes one): it becomes the note,
 * where a copy would cost a generic object spread on every observation, bodies coming in many shapes.
 */
export function noteOf(body: NoteBody, actor: ActorId, room: RoomId, epoch: number | null, explain: string): Note {
  const n = body as Record<string, unknown>
  n.actor = actor
  n.room = room
  n.epoch = epoch
  n.explain = explain
  return n as unknown as Note
}

export type Effect =
  | { readonly kind: 'send'; readonly to: ActorId; readonly msg: Message }
  | { readonly kind: 'mls'; readonly room: RoomId; readonly tag: string; readonly op: MlsOp }
  | { readonly kind: 'note'; readonly note: Note }

/** The event through which the simulator feeds an MLS result back to the machine that asked. */
export interface MlsResultEvent {
  readonly type: 'mls.result'
  readonly room: RoomId
  readonly tag: string
  readonly outcome: MlsOutcome
}

export interface DeliverEvent {
  readonly type: 'deliver'
  readonly from: ActorId
  readonly msg: Message
}
