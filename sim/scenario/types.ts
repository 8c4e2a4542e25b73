/**
 * The scenario contract (design.md "Scenario"; documented in docs/scenario-format.md).
 *
 * A scenario is what a user writes: a small world (providers, users and their clients, rooms), a
 * network semantics, a list of steps (honest actions and adversary actions) and the verdict it
 * expects for each property. Names in a scenario are short (`alice`, `a.example`, `clubhouse`);
 * `resolveScenario` turns them into MIMI URIs once, at the boundary.
 */
import type { Capability } from '../../model/adversary/index.js'

export type StepAction =
  /** An honest participant adds another user (and all that user's clients) to the room. PROTO §3.2–3.3. */
  | { readonly actor: string; readonly do: 'add'; readonly room: string; readonly target: string; readonly role?: string }
  /** An honest participant removes another user and all their clients. PROTO §3.5. */
  | { readonly actor: string; readonly do: 'remove'; readonly room: string; readonly target: string }
  /** A member sends an application message. PROTO §3.4, §5.4. */
  | { readonly actor: string; readonly do: 'send'; readonly room: string; readonly text: string }
  /** A member commits whatever proposals are pending (the hub "requires" it, PROTO §3.5). */
  | { readonly actor: string; readonly do: 'commit'; readonly room: string }
  /** A client not in the room asks the hub for the GroupInfo and joins by external commit. PROTO §5.6. */
  | { readonly actor: string; readonly do: 'externalJoin'; readonly room: string }
  /** Adversary (a malicious hub): sends an external Add proposal for `target`'s clients. Digest S2. */
  | { readonly actor: string; readonly do: 'injectAdd'; readonly room: string; readonly target: string }
  /** Adversary (a malicious provider): tells its own client `victim` that `target` is a participant. Digest S2. */
  | { readonly actor: string; readonly do: 'forgeAcl'; readonly room: string; readonly victim: string; readonly target: string }
  /** Remove a participant's clients, leaving it listed. POL §8.1.2 canKick. */
  | { readonly actor: string; readonly do: 'kick'; readonly room: string; readonly target: string }
  /** Remove a participant's clients and move it to role 1 "banned". POL §8.1.3 canBan. */
  | { readonly actor: string; readonly do: 'ban'; readonly room: string; readonly target: string }
  /**
   * Move a participant to another role: another user's (canChangeUserRole; canUnBan from "banned") or,
   * when `target` is the actor, its own (canChangeOwnRole, to its first preauth match). POL §8.1.3.
   */
  | { readonly actor: string; readonly do: 'changeRole'; readonly room: string; readonly target: string; readonly role: string }
  /** Change policy components: metadata (rename), base policy, role definitions, preauth, raw list entries. */
  | { readonly actor: string; readonly do: 'edit'; readonly room: string; readonly edits: readonly EditSpec[] }
  /** Leave the room: the hub proposes the leaver's removal on its behalf. PROTO §3.5, POL §8.1.2 canRemoveSelf. */
  | { readonly actor: string; readonly do: 'leave'; readonly room: string }
  /**
   * The hub, as MLS external sender, proposes changes within its preauthorized role (an honest hub
   * refuses what its role does not allow; a malicious one proposes anyway). POL §4, digest S3.
   */
  | { readonly actor: string; readonly do: 'hubPropose'; readonly room: string; readonly edits?: readonly EditSpec[]; readonly kick?: readonly string[] }

/** A preauth entry (POL §4): the claims that must all match, and the role (by name) it grants. */
export interface PreauthSpec {
  readonly user?: string
  readonly provider?: string
  readonly kind?: 'user' | 'service'
  readonly role: string
}

export interface BaseSpec {
  readonly fixedMembership?: boolean
  readonly multiDevice?: boolean
  readonly maxUsers?: number | null
  readonly maxClients?: number | null
}

/** One policy edit, with users and roles by name (resolved against the room's role set). */
export type EditSpec =
  | {
      readonly component: 'participants'
      readonly add?: readonly { readonly user: string; readonly role: string }[]
      readonly remove?: readonly string[]
      readonly change?: readonly { readonly user: string; readonly role: string }[]
    }
  | { readonly component: 'roles'; readonly template?: string; readonly grant?: readonly { readonly role: string; readonly capability: string; readonly to?: readonly string[] }[] }
  | { readonly component: 'preauth'; readonly entries: readonly PreauthSpec[] }
  | ({ readonly component: 'base' } & BaseSpec)
  | { readonly component: 'metadata'; readonly name?: string; readonly description?: string; readonly avatar?: string; readonly subject?: string; readonly mood?: string }

export type StepKind = StepAction['do']
export const HONEST_ACTIONS: readonly StepKind[] = ['add', 'remove', 'send', 'commit', 'externalJoin', 'kick', 'ban', 'changeRole', 'edit', 'leave']
export const ADVERSARY_ACTIONS: readonly StepKind[] = ['injectAdd', 'forgeAcl']
/** Steps a hub provider takes in its own name (honest or not). */
export const HUB_ACTIONS: readonly StepKind[] = ['hubPropose']

export type { Capability } from '../../model/adversary/index.js'
export const CAPABILITIES: readonly Capability[] = ['admitJoin', 'forgeAcl', 'forgetProposals', 'injectAdd']

export interface ProviderSpec {
  /** Domain name, e.g. `a.example`. */
  readonly id: string
  /** Present when the provider is malicious: what it may do, and how many times in one run. */
  readonly malicious?: { readonly capabilities: readonly Capability[]; readonly budget: number }
}

export interface UserSpec {
  /** Local name, e.g. `alice` (the user URI is mimi://<provider>/u/<id>). */
  readonly id: string
  readonly provider: string
  /** Number of clients (devices); default 1. */
  readonly clients?: number
  /** A malicious user's clients follow the adversary's steps and join whatever they can. */
  readonly malicious?: boolean
  /** How this user's clients read the draft where it is ambiguous (S19); default `draft`. */
  readonly policyEngine?: 'draft' | 'kick-unlists'
}

export interface RoomSpec {
  readonly id: string
  /** One room primitive, three specializations (seed minutes; POL §5). */
  readonly kind: 'one-to-one' | 'ad-hoc' | 'named'
  /** Hub provider id; the room URI is mimi://<hub>/r/<id>. */
  readonly hub: string
  /** Policy template name (POL Appendix A), e.g. `cooperative`. */
  readonly policy: string
  /** The user whose client creates the MLS group; must be one of `participants`. */
  readonly creator: string
  readonly participants: readonly { readonly user: string; readonly role: string }[]
  /** Preauthorized users (POL §4), after the hub's own entry, which the simulator adds (hub → policy_enforcer). */
  readonly preauth?: readonly PreauthSpec[]
  /** Base room policy (POL §5); one-to-one and ad-hoc rooms have fixed membership whatever this says. */
  readonly base?: BaseSpec
  /** Valid join codes and the role each names (POL §6.2, §8.1.1 canUseJoinCode). */
  readonly joinCodes?: readonly { readonly code: string; readonly role: string }[]
}

export interface NetworkSpec {
  /** `per-link`: FIFO on each (from, to) link; `unordered`: any pending message may go next. */
  readonly ordering: 'per-link' | 'unordered'
  /** May the network drop a message (each drop is a choice, within `maxFaults`)? */
  readonly loss?: boolean
  /** May the network deliver a message twice? */
  readonly duplication?: boolean
  /** Upper bound on drops plus duplicates in one run (default 2). */
  readonly maxFaults?: number
}

export type Expectation = 'holds' | 'violated'

export interface Scenario {
  readonly name: string
  readonly description: string
  /** Draft references, e.g. `draft-ietf-mimi-protocol-06 §5.3`. */
  readonly spec: readonly string[]
  /** Design knobs fixed by the scenario (the CLI's --design overrides them). */
  readonly design?: Readonly<Record<string, string>>
  readonly providers: readonly ProviderSpec[]
  readonly users: readonly UserSpec[]
  readonly rooms: readonly RoomSpec[]
  readonly network: NetworkSpec
  readonly steps: readonly StepAction[]
  /**
   * Expected verdict per property. A value may depend on the design: `{ "policy=service": "violated",
   * "policy=mls": "holds" }` (the first key whose knob=value matches the run's design wins).
   */
  readonly expect: Readonly<Record<string, Expectation | Readonly<Record<string, Expectation>>>>
}
