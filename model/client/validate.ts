/**
 * The check a client runs on every incoming commit and proposal, per design.
 *
 * policy=mls: draft-ietf-mls-extensions-09 §4.7 and draft-ietf-mimi-room-policy-03 §8 — the
 * participant list and roles come from the GroupContext the members agree on, and each part's
 * sender's rights from its role there (the hub's from preauthorization, POL §4), judged by the one
 * authorization function (model/policy/judge.ts) with this client's reading of the draft (its
 * variant, S19). One unauthorized part makes the whole list invalid.
 *
 * policy=service: draft-ietf-mimi-protocol-06 §9 ("the hub is trusted to correctly enforce the
 * room's policy") — the client only checks that every client being added belongs to a user its own
 * provider reports as a participant; it has nothing better to check against.
 */
import { shortName as short } from '../ids.js'
import { userOfClient } from '../ids.js'
import type { GroupView, IncomingChange, Validator, Verdict } from '../mls/types.js'
import { judgeChange } from '../policy/judge.js'
import type { PolicyVariant } from '../policy/proposals.js'
import { admits, decodeRoomState, type RoomState } from '../policy/roomState.js'
import type { ClientContext } from './context.js'

const ok: Verdict = { ok: true }

export function groupPolicy(view: GroupView | null): RoomState | null {
  return view?.context == null ? null : (decodeRoomState(view.context) ?? null)
}

export function mlsVerdict(view: GroupView, change: IncomingChange, variant: PolicyVariant = 'draft'): Verdict {
  const before = groupPolicy(view)
  if (!before) return { ok: false, reason: 'the GroupContext carries no room policy' }
  const verdict = judgeChange({ before, members: view.members, change, variant })
  return verdict.kind === 'allowed' ? ok : { ok: false, reason: verdict.reason }
}

export function serviceVerdict(acl: RoomState | null, change: IncomingChange): Verdict {
  for (const client of change.adds) {
    if (!acl || !admits(acl, userOfClient(client))) {
      return { ok: false, reason: `Add of ${short(client)}: my provider does not list ${short(userOfClient(client))} as a participant` }
    }
  }
  return ok
}

/** The validator a client hands to its MLS engine for one incoming item. */
export function validatorFor(ctx: ClientContext, view: GroupView | null, acl: RoomState | null): Validator {
  if (ctx.malicious) return () => ok
  if (ctx.design.policy === 'mls') return (change) => (view ? mlsVerdict(view, change, ctx.variant) : { ok: false, reason: 'not in the group' })
  return (change) => serviceVerdict(acl, change)
}
