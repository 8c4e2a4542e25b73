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

export type StepKind = StepAction['do']
export const HONEST_ACTIONS: readonly StepKind[] = ['add', 'remove', 'send', 'commit', 'externalJoin']
export const ADVERSARY_ACTIONS: readonly StepKind[] = ['injectAdd', 'forgeAcl']

export type { Capability } from '../../model/adversary/index.js'
export const CAPABILITIES: readonly Capability[] = ['admitJoin', 'forgeAcl', 'injectAdd']

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
