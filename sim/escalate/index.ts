/**
 * The escalation search (issue 3, part 7): a small abstract world of one room's policy state, a
 * finite alphabet of proposal lists judged by model/policy's `authorize`, breadth-first search for
 * the shortest path to an escalation, role-set files, and a fast-check search over role sets.
 */
export { HUB, HUB_PRINCIPAL, worldUser, clientOf, admitted, isActive, makeStart, memberPrincipal, membersOf, StateKeys, type EscState, type Start, type StartSpec } from './world.js'
export { GRANTABLE, movesOf, type Move, type Reach, type Alphabet } from './moves.js'
export { take, type Taken } from './step.js'
export { search, successors, signature, MAX_KEPT, type Goal, type Question, type SearchResult } from './search.js'
export { validatePolicy, defaultParticipants, defaultPreauth, type PolicySpec, type PolicyCheck, type Participant } from './policyFile.js'
export { templateFile, templateSpec, templateNames } from './templateFiles.js'
export { frame, PROPERTIES, type PropertyName, type Ask, type ActorMode, type Framing, type Framed } from './questions.js'
export { bearsOn } from './bearsOn.js'
export { reportText, reportJson, type ReportInput } from './report.js'
export { applyMutations, askMutated, describeMutation, findBreakingRoleSet, mutationArbitrary, roleSetArbitrary, type Breaking, type Mutation, type MutationSearch } from './mutate.js'
