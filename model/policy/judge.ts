/**
 * Judging what MLS delivers — a commit or a proposal, split by sender into `IncomingChange.parts` —
 * against the agreed room state: the bridge between the MLS engines and `authorize`.
 *
 * Every enforcer calls this: each client on every incoming commit and proposal under policy=mls
 * (draft-ietf-mls-extensions-09 §4.7), and the hub on every /update before fan-out
 * (draft-ietf-mimi-protocol-06 §5.3). Context parts are decoded into the AppDataUpdates they carry
 * (roomContext.ts); under policy=service the committer hands the hub its updates beside the commit
 * instead, and they are attributed to the committer.
 *
 * A verdict is a pure function of its input, and every member judges the same change against the
 * same agreed state (often twice: to validate, then to describe it), so verdicts are memoized by the
 * identity of the state and the change (WeakMaps, never iterated) and the members and variant.
 */
import { userOfClient, type ClientId } from '../ids.js'
import type { ChangeSender, IncomingChange } from '../mls/types.js'
import { authorize } from './authorize.js'
import type { Principal } from './principal.js'
import type { Authorization, Part, PolicyVariant } from './proposals.js'
import { decodeContext } from './roomContext.js'
import type { RoomState } from './roomState.js'
import type { PolicyUpdate } from './updates.js'

export function principalOfSender(s: ChangeSender): Principal {
  switch (s.kind) {
    case 'member':
      return { kind: 'member', user: userOfClient(s.client), client: s.client }
    case 'newMember':
      return { kind: 'joiner', user: userOfClient(s.client), client: s.client }
    case 'external':
      return { kind: 'external', provider: s.provider }
  }
}

export interface JudgeInput {
  readonly before: RoomState
  /** Clients in the group before the change, sorted. */
  readonly members: readonly ClientId[]
  readonly change: IncomingChange
  /** policy=service: the updates the committer asked the hub for (the context is not used). */
  readonly serviceUpdates?: readonly PolicyUpdate[]
  readonly variant?: PolicyVariant
}

const VERDICTS_KEPT = 16
const verdicts = new WeakMap<RoomState, WeakMap<IncomingChange, Map<string, Authorization>>>()

export function judgeChange(input: JudgeInput): Authorization {
  // The committer's updates under policy=service are built per request: not worth remembering.
  if (input.serviceUpdates) return judgeFresh(input)
  let byChange = verdicts.get(input.before)
  if (!byChange) verdicts.set(input.before, (byChange = new WeakMap()))
  let known = byChange.get(input.change)
  if (!known) byChange.set(input.change, (known = new Map()))
  const key = `${input.variant ?? 'draft'}|${input.members.join(',')}`
  let v = known.get(key)
  if (v === undefined) {
    v = judgeFresh(input)
    if (known.size >= VERDICTS_KEPT) known.clear()
    known.set(key, v)
  }
  return v
}

function judgeFresh(input: JudgeInput): Authorization {
  const { before, change } = input
  const committer = change.kind === 'commit' ? principalOfSender(change.sender) : null
  const parts: Part[] = []
  if (input.serviceUpdates && committer) for (const update of input.serviceUpdates) parts.push({ kind: 'update', by: committer, update })
  for (const part of change.parts) {
    const by = principalOfSender(part.sender)
    if (part.context !== null && !input.serviceUpdates) {
      const decoded = decodeContext(before, part.context)
      if (!decoded.ok) return { kind: 'rejected', rule: 'contextMatchesUpdates', reason: decoded.reason }
      for (const update of decoded.updates) parts.push({ kind: 'update', by, update })
    }
    for (const client of part.adds) parts.push({ kind: 'add', by, client })
    for (const client of part.removes) parts.push({ kind: 'remove', by, client })
  }
  if (change.sender.kind === 'newMember') parts.push({ kind: 'join', by: { kind: 'joiner', user: userOfClient(change.sender.client), client: change.sender.client } })
  return authorize(before, { committer, parts, members: input.members }, input.variant ?? 'draft')
}
