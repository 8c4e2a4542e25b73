/**
 * What the state panel shows at one event: each client's view of each room it is in, each
 * provider's hosted rooms, and the policy the honest participants agreed to. Everything here is
 * reconstructed from trace events (the viewer depends on trace types only, design.md); snapshots are
 * immutable and share unchanged records, so a 5,000-event trace costs one small copy per event.
 */

/** A room policy as the panel needs it: template name, participants, and a canonical key of the whole. */
export interface PolicyView {
  readonly roles: string
  readonly participants: readonly (readonly [string, number])[]
  /** Canonical JSON of the policy as the event carried it; equal keys ⇔ equal policies. */
  readonly key: string
}

/** An event remembered by the panel: its index, type and explanation. */
export interface Mark {
  readonly i: number
  readonly type: string
  readonly explain: string
}

/** A proposal held but not yet committed: an Add or Remove of a client or user, or a policy change. */
export type Proposal = readonly ['add' | 'remove' | 'change', string]

/** Events of a type the viewer does not know (e.g. a future `consent.*` note), by type. */
export interface Extra extends Mark {
  readonly count: number
}

export interface ClientRoomState {
  readonly client: string
  readonly room: string
  readonly epoch: number | null
  readonly members: readonly string[] | null
  /** The policy this client acts on (`client.state.policy`). */
  readonly policy: PolicyView | null
  readonly digest: string | null
  readonly removed: boolean
  /** Proposals this client validated and holds as pending (`mls.proposal`). */
  readonly pending: readonly Proposal[]
  /** The intent in progress or last finished (`intent.*`). */
  readonly intent: { readonly action: string; readonly target: string | null; readonly state: 'open' | 'done' | 'failed' } | null
  /** The participant list its provider last reported (`acl.update`) and whether it adopted it. */
  readonly reported: { readonly participants: readonly (readonly [string, number])[]; readonly used: boolean; readonly i: number } | null
  /** Application messages decrypted so far, and the last one. */
  readonly received: { readonly count: number; readonly text: string; readonly from: string; readonly i: number } | null
  /** The last rejection or failure (`mls.reject`, `mls.fail`). */
  readonly problem: Mark | null
  readonly extras: readonly Extra[]
}

export interface ProviderState {
  readonly provider: string
  /** Rooms it hosts as hub. */
  readonly hosts: readonly string[]
  /** The room's epoch as the hub last sequenced it. */
  readonly epochs: Readonly<Record<string, number | null>>
  /** Proposals the hub has made in each room and no commit has yet sequenced. */
  readonly pending: Readonly<Record<string, readonly Proposal[]>>
  /** Adversary moves taken so far (`attack.*`). */
  readonly moves: readonly Mark[]
  /** The last commit it refused (`policy.reject`). */
  readonly problem: Mark | null
  readonly extras: readonly Extra[]
}

export interface Snapshot {
  /** The event just applied; -1 before the first. */
  readonly i: number
  /** Rooms in order of first appearance. */
  readonly rooms: readonly string[]
  /** Keyed by `clientKey(room, client)`. */
  readonly clients: Readonly<Record<string, ClientRoomState>>
  readonly providers: Readonly<Record<string, ProviderState>>
  /** Per room: the participant list as created, changed only by honest participants' completed intents. */
  readonly agreed: Readonly<Record<string, PolicyView>>
  /** Per user: the first adversary move that named it as target. */
  readonly namedBy: Readonly<Record<string, Mark & { readonly actor: string }>>
}

export const clientKey = (room: string, client: string): string => `${room} ${client}`
