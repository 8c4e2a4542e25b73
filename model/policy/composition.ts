/**
 * What may share a commit (digest §2.9): roles_list not with any participant-list change (POL §3);
 * preauth_list not with participant changes other than removals (POL §4); one room-metadata update
 * per commit (PROTO §7.6); no user touched twice (PROTO §7.5); and — our reading of MLSX §4.7 — one
 * update per other component, so the order of two would not matter; and a committer never commits its
 * own removal (RFC 9420 §12.2).
 */
import { shortName as short, type UserId } from '../ids.js'
import { type Rejection, rejected } from './authorize.js'
import type { ProposalList } from './proposals.js'

export function composition(list: ProposalList): Rejection | null {
  const updates = list.parts.flatMap((p) => (p.kind === 'update' ? [p.update] : []))
  const count = (c: string) => updates.filter((u) => u.component === c).length
  const listChanges = updates.flatMap((u) => (u.component === 'participants' ? [u] : []))
  const clientChanges = list.parts.some((p) => p.kind !== 'update')
  const anyListChange = listChanges.some((u) => u.add.length + u.remove.length + u.change.length > 0)
  if (count('roles') > 0 && (anyListChange || clientChanges)) {
    return rejected('rolesWithParticipantChange', 'a roles_list update may not share a commit with a participant-list change (POL §3)')
  }
  const nonRemoval = listChanges.some((u) => u.add.length + u.change.length > 0) || list.parts.some((p) => p.kind === 'add' || p.kind === 'join')
  if (count('preauth') > 0 && nonRemoval) {
    return rejected('preauthWithParticipantChange', 'a preauth_list update may not share a commit with participant changes other than removals (POL §4)')
  }
  if (count('metadata') > 1) return rejected('oneMetadataUpdate', 'only one room-metadata update is allowed per commit (PROTO §7.6)')
  for (const c of ['roles', 'preauth', 'base']) {
    if (count(c) > 1) return rejected('oneUpdatePerComponent', `two ${c} updates in one commit (MLSX §4.7)`)
  }
  const touched = new Set<UserId>()
  for (const u of listChanges) {
    for (const user of [...u.add.map(([x]) => x), ...u.remove, ...u.change.map(([x]) => x)]) {
      if (touched.has(user)) return rejected('userTouchedTwice', `the commit touches ${short(user)} twice in the participant list (PROTO §7.5)`)
      touched.add(user)
    }
  }
  const c = list.committer
  if (c && c.kind === 'member' && list.parts.some((p) => p.kind === 'remove' && p.client === c.client)) {
    return rejected('committerRemoved', `${short(c.client)} cannot commit its own removal (RFC 9420 §12.2)`)
  }
  const removed = new Set<string>()
  for (const p of list.parts) {
    if (p.kind !== 'remove') continue
    if (removed.has(p.client)) return rejected('userTouchedTwice', `the commit removes ${short(p.client)} twice`)
    removed.add(p.client)
  }
  return null
}
