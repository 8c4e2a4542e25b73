/**
 * How each event type is drawn: a category (colour and glyph) and whether the viewer knows the type.
 * The types of the current trace version are listed in docs/trace-format.md (a test keeps this table
 * knowing every one). New types may appear within a
 * version ("Stability"), so an unknown type is drawn by its namespace when the namespace is known
 * (a new `policy.*` note looks like a policy event) and as a generic mark otherwise — never an error.
 */

export type Category =
  | 'net'
  | 'step'
  | 'room'
  | 'intent'
  | 'commit'
  | 'proposal'
  | 'reject'
  | 'fail'
  | 'state'
  | 'hub'
  | 'app'
  | 'acl'
  | 'attack'
  | 'consent'
  | 'other'

const BY_TYPE: Readonly<Record<string, Category>> = {
  'room.create': 'room',
  'step.begin': 'step',
  'step.skip': 'step',
  'net.send': 'net',
  'net.deliver': 'net',
  'net.drop': 'net',
  'net.duplicate': 'net',
  'intent.begin': 'intent',
  'intent.retry': 'intent',
  'intent.done': 'intent',
  'mls.commit': 'commit',
  'mls.apply': 'commit',
  'mls.join': 'commit',
  'mls.proposal': 'proposal',
  'mls.reject': 'reject',
  'mls.refuseJoin': 'reject',
  'mls.fail': 'fail',
  'client.state': 'state',
  'policy.reject': 'reject',
  'policy.change': 'acl',
  'hub.propose': 'hub',
  'hub.accept': 'hub',
  'app.send': 'app',
  'app.receive': 'app',
  'acl.update': 'acl',
  'attack.inject': 'attack',
  'attack.forgeAcl': 'attack',
  'attack.admit': 'attack',
  'attack.refused': 'attack',
  'attack.forget': 'attack',
}

const BY_NAMESPACE: Readonly<Record<string, Category>> = {
  net: 'net',
  step: 'step',
  room: 'room',
  intent: 'intent',
  mls: 'commit',
  client: 'state',
  policy: 'acl',
  hub: 'hub',
  app: 'app',
  acl: 'acl',
  attack: 'attack',
  consent: 'consent',
  admin: 'acl',
}

export function isKnownType(type: string): boolean {
  return Object.hasOwn(BY_TYPE, type)
}

export function categoryOf(type: string): Category {
  if (Object.hasOwn(BY_TYPE, type)) return BY_TYPE[type]!
  const ns = type.split('.')[0]!
  if (/(reject|refuse|deny)/i.test(type)) return 'reject'
  if (/(fail|error)/i.test(type)) return 'fail'
  return Object.hasOwn(BY_NAMESPACE, ns) ? BY_NAMESPACE[ns]! : 'other'
}

/** One character for a plain-text mark (the ASCII ladder uses `*` for all; Mermaid notes use this). */
export const CATEGORY_NAMES: Readonly<Record<Category, string>> = {
  net: 'network',
  step: 'scenario step',
  room: 'room created',
  intent: 'user intent',
  commit: 'commit / join',
  proposal: 'proposal held',
  reject: 'rejection',
  fail: 'decryption / processing failure',
  state: 'client state',
  hub: 'hub accepts',
  app: 'application message',
  acl: 'policy / ACL change',
  attack: 'adversary move',
  consent: 'consent',
  other: 'other (unknown type)',
}
