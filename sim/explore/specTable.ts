/**
 * The draft sections behind each trace event type, as docs/trace-format.md's Draft column gives
 * them (draft shorthand spelled out; RFC 9420 and the seed digest left out, they are not the MIMI
 * drafts): coverage reports a section as exercised when a search produced an event of a type that
 * cites it. An intent's sections depend on its action (the column's per-action list for
 * `intent.begin`), so they are looked up by action. Simulator-only types (step.*, net.*,
 * attack.refused) cite nothing except where the network carries a protocol rule. One table for
 * `check` and `explore` (sim/explore/coverage.ts reads it).
 */
const PROTO = 'draft-ietf-mimi-protocol-06'
const POL = 'draft-ietf-mimi-room-policy-03'
const ARCH = 'draft-ietf-mimi-arch-02'
const MLSX = 'draft-ietf-mls-extensions-09'

export const SPEC_OF_EVENT: Readonly<Record<string, readonly string[]>> = {
  'room.create': [`${PROTO} §3.1`, `${ARCH} §4`, `${PROTO} §7.4`, `${POL} §3`],
  'intent.begin': [`${PROTO} §3`],
  'intent.done': [`${PROTO} §5.3`, `${PROTO} §5.4`],
  'intent.retry': [`${PROTO} §5.5`],
  'net.duplicate': [`${PROTO} §5.5`],
  'mls.commit': [`${PROTO} §5.3`],
  'mls.apply': [`${PROTO} §5.5`, `${MLSX} §4.7`],
  'mls.join': [`${PROTO} §5.5`, `${PROTO} §5.6`],
  'mls.proposal': [`${PROTO} §7.4`, `${PROTO} §3.5`],
  'mls.reject': [`${MLSX} §4.7`, `${POL} §8.1`, `${PROTO} §9`],
  'mls.fail': [],
  'mls.refuseJoin': [`${POL} §1`, `${POL} §8.3`],
  'client.state': [`${ARCH} §4.2`, `${ARCH} §4.3`, `${ARCH} §4.4`, `${PROTO} §7.3`],
  'policy.reject': [`${PROTO} §5.3`, `${PROTO} §7.1`, `${PROTO} §3.5`, `${POL} §4`, `${POL} §8.1`],
  'policy.change': [`${POL} §8`, `${MLSX} §4.7`, `${PROTO} §5.3`, `${PROTO} §7.1`],
  'hub.propose': [`${PROTO} §3.5`, `${PROTO} §5.5`, `${PROTO} §7.4`, `${POL} §4`, `${POL} §8.1.2`],
  'hub.accept': [`${PROTO} §5.3`, `${PROTO} §5.4`, `${PROTO} §7.1`],
  'app.send': [`${PROTO} §3.4`, `${PROTO} §5.4`],
  'app.receive': [`${PROTO} §5.5`, `${POL} §8.3`],
  'acl.update': [`${PROTO} §9`],
  'attack.inject': [`${PROTO} §7.4`, `${PROTO} §3.5`],
  'attack.forgeAcl': [],
  'attack.admit': [`${PROTO} §5.6`],
  'attack.forget': [`${PROTO} §5.5`],
}

/** The sections an `intent.begin` of each action exercises (the Draft column of intent.begin). */
export const SPEC_OF_INTENT: Readonly<Record<string, readonly string[]>> = {
  add: [`${PROTO} §3.2`, `${PROTO} §3.3`],
  remove: [`${PROTO} §3.5`],
  commit: [`${PROTO} §3.5`],
  send: [`${PROTO} §3.4`, `${PROTO} §5.4`],
  externalJoin: [`${PROTO} §5.6`],
  kick: [`${POL} §8.1.2`],
  leave: [`${PROTO} §3.5`, `${POL} §8.1.2`],
  ban: [`${POL} §8.1.3`],
  changeRole: [`${POL} §8.1.3`],
  edit: [`${POL} §3`, `${POL} §4`, `${POL} §5`, `${POL} §8.2`, `${POL} §8.6`],
}
