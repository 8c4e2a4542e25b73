/**
 * `mimi-sim check --policy FILE|TEMPLATE --property escalation|hubLeastPrivilege|fixedMembership`:
 * the escalation search over authorized commits from a role set (sim/escalate/), reached from
 * `check` when `--policy` is given. Prints the shortest path, or the bound within which none
 * exists; with `--mutate`, first searches mutations of the role set (fast-check) for the smallest
 * one that breaks the property. Exit 1 when an escalation is found (0 with `--expect violated`),
 * 0 when none exists within the bound, 2 on bad input (a one-line error naming the entry).
 */
import { readFile, stat } from 'node:fs/promises'
import { capabilityNamed, type HubRole } from '../../../model/policy/index.js'
import {
  type Ask, describeMutation, findBreakingRoleSet, frame, type PolicySpec, PROPERTIES, type PropertyName, reportJson, reportText, search, templateNames, templateSpec, validatePolicy,
} from '../../escalate/index.js'
import { parseJson } from '../../scenario/index.js'
import { atMost, designFlags, type FlagSpec, parseArgs, UsageError } from '../args.js'

export const ESCALATE_FLAGS: Record<string, FlagSpec> = {
  policy: { kind: 'string', help: `role-set file (docs/policy-format.md) or Appendix A template (${templateNames().join(', ')}): run the escalation search`, value: 'cooperative' },
  property: { kind: 'list', help: `with --policy: ${PROPERTIES.join(', ')}`, value: 'hubLeastPrivilege' },
  from: { kind: 'string', help: 'with --policy: the role (or hub) whose escalation to search for', value: 'ordinary_user' },
  gains: { kind: 'string', help: 'with --policy: the capability it must not come to hold (escalation)', value: 'canBan' },
  actors: { kind: 'string', help: 'with --policy: from (only --from acts; default for escalation) or all (every principal acts)', value: 'all' },
  depth: { kind: 'int', help: 'with --policy: the most commits in a path (default 4)', value: '5' },
  'max-states': { kind: 'int', help: 'with --policy: the state budget (default 200000)', value: '500000' },
  mutate: { kind: 'boolean', help: 'with --policy: search mutations of the role set (fast-check, --runs, --seed) for the smallest that breaks the property' },
  design: { kind: 'list', help: 'hubRole=policy_enforcer (default) or hubRole=least_privilege', value: 'hubRole=least_privilege' },
  runs: { kind: 'int', help: 'with --mutate: how many mutated role sets to try (default 100)', value: '300' },
  seed: { kind: 'int', help: 'with --mutate: fast-check seed (default 1)', value: '7' },
  expect: { kind: 'string', help: 'holds (default) or violated: which outcome counts as success for the exit code', value: 'violated' },
  json: { kind: 'boolean', help: 'print one JSON object on stdout and nothing else' },
  help: { kind: 'boolean', help: 'show this help' },
}

const HUB_ROLES: readonly HubRole[] = ['policy_enforcer', 'least_privilege']
const POLICY_HELP = 'docs/policy-format.md'

async function loadPolicy(arg: string): Promise<{ label: string; spec: PolicySpec }> {
  const tpl = templateSpec(arg)
  if (tpl) return { label: arg, spec: tpl }
  let isFile = false
  try {
    isFile = (await stat(arg)).isFile()
  } catch {
    isFile = false
  }
  if (!isFile) throw new UsageError(`--policy ${arg}: no such template or file (templates: ${templateNames().join(', ')}; or give a path to a role-set .json file, ${POLICY_HELP})`)
  const parsed = parseJson(await readFile(arg, 'utf8'))
  if (!parsed.ok) throw new UsageError(`${arg}: ${parsed.error}`)
  const v = validatePolicy(parsed.json)
  if (!v.ok) throw new UsageError(`${arg}: ${v.error}`)
  return { label: arg, spec: v.spec }
}

function askOf(flags: Readonly<Record<string, unknown>>): Ask {
  const props = (flags.property as string[] | undefined) ?? []
  if (props.length !== 1) throw new UsageError(`--policy needs exactly one --property (valid: ${PROPERTIES.join(', ')})`)
  const property = props[0]!
  if (!(PROPERTIES as readonly string[]).includes(property)) throw new UsageError(`--property ${property}: not a property of the escalation search (valid with --policy: ${PROPERTIES.join(', ')})`)
  let hubRole: HubRole = 'policy_enforcer'
  for (const [k, v] of Object.entries(designFlags(flags.design as string[] | undefined))) {
    if (k === 'hubRole') {
      if (!(HUB_ROLES as readonly string[]).includes(v)) throw new UsageError(`--design hubRole=${v}: unknown value (valid: ${HUB_ROLES.join(', ')})`)
      hubRole = v as HubRole
    } else if (k === 'policy') {
      if (v !== 'mls') throw new UsageError(`--design policy=${v}: the escalation search judges every commit as the clients do (policy=mls); under policy=service the hub is trusted outright`)
    } else throw new UsageError(`--design ${k}: not a knob of the escalation search (valid: hubRole)`)
  }
  let gains
  if (flags.gains !== undefined) {
    gains = capabilityNamed(flags.gains as string)
    if (!gains) throw new UsageError(`--gains ${String(flags.gains)}: unknown capability (see the MIMI Role Capabilities registry, POL §10.2)`)
  }
  const actors = flags.actors as string | undefined
  if (actors !== undefined && actors !== 'from' && actors !== 'all') throw new UsageError(`--actors ${actors}: expected from or all`)
  const depth = (flags.depth as number | undefined) ?? 4
  if (depth < 1 || depth > 12) throw new UsageError(`--depth ${depth}: expected 1 to 12 commits`)
  const maxStates = (flags['max-states'] as number | undefined) ?? 200_000
  if (maxStates < 1) throw new UsageError('--max-states must be at least 1')
  return {
    property: property as PropertyName,
    ...(flags.from !== undefined ? { from: flags.from as string } : {}),
    ...(gains ? { gains } : {}),
    ...(actors ? { actors: actors as 'from' | 'all' } : {}),
    hubRole,
    variant: 'draft',
    depth,
    maxStates,
  }
}

export async function escalateCommand(argv: readonly string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv, ESCALATE_FLAGS, 'check')
  atMost(positionals, 0, 'check', 'no arguments with --policy')
  const expect = (flags.expect as string | undefined) ?? 'holds'
  if (expect !== 'holds' && expect !== 'violated') throw new UsageError(`--expect ${expect}: expected holds or violated`)
  if (!flags.mutate && (flags.runs !== undefined || flags.seed !== undefined)) throw new UsageError('--runs and --seed apply to --mutate only (the escalation search itself is exhaustive)')
  const ask = askOf(flags)
  const { label, spec } = await loadPolicy(flags.policy as string)
  let roles = spec
  let prefix: string[] = []
  let mutation: Record<string, unknown> | null = null
  if (flags.mutate) {
    const seed = (flags.seed as number | undefined) ?? 1
    const runs = (flags.runs as number | undefined) ?? 100
    const framedBase = frame(spec, ask)
    if (!framedBase.ok) throw new UsageError(framedBase.error)
    const m = findBreakingRoleSet(spec, ask, { seed, runs })
    if (!m.found) {
      const doc = { policy: label, property: ask.property, mutate: { seed, runs: m.runs, found: null }, verdict: 'holds' }
      if (flags.json) process.stdout.write(JSON.stringify(doc) + '\n')
      else console.log(`role-set search (fast-check seed ${seed}): no role set within 3 mutations of ${label} breaks ${ask.property} in ${m.runs} runs (depth ≤ ${ask.depth})`)
      return expect === 'holds' ? 0 : 1
    }
    const f = m.found
    const described = f.mutations.map((x) => describeMutation(spec.roles, x))
    mutation = { seed, runs: f.runs, shrinks: f.shrinks, mutations: described }
    prefix = [
      `role-set search (fast-check seed ${seed}, ${f.runs} run(s), ${f.shrinks} shrink(s)): ${described.length ? 'the smallest change of the role set found that breaks it:' : `${label} breaks it as it is`}`,
      ...described.map((d) => `  - ${d}`),
      '',
    ]
    roles = { ...spec, roles: f.roles }
  }
  const framed = frame(roles, ask)
  if (!framed.ok) throw new UsageError(framed.error)
  const progress = !flags.json && process.stderr.isTTY === true
  const onProgress = (depth: number, states: number) => process.stderr.write(`\r  searching commit ${depth}: ${states} states`)
  const result = search(progress ? { ...framed.question, onProgress } : framed.question)
  if (progress) process.stderr.write('\r' + ' '.repeat(60) + '\r')
  if (result.kind === 'atStart') {
    throw new UsageError(`--from ${ask.from}: already holds ${ask.gains ?? 'it'} at the start, so there is nothing to escalate to (pick another --gains or --from)`)
  }
  const input = { policy: label, property: ask.property, hubRole: ask.hubRole, question: framed.question, framing: framed.framing, result }
  if (flags.json) {
    const doc = reportJson(input)
    process.stdout.write(JSON.stringify(mutation ? { ...doc, mutate: mutation } : doc) + '\n')
  } else {
    console.log([...prefix, reportText(input)].join('\n'))
  }
  const violated = result.kind === 'violated'
  return (expect === 'holds' ? !violated : violated) ? 0 : 1
}

/** The flags `check` gains for the escalation search (those it does not already have). */
export const CHECK_POLICY_FLAGS: Record<string, FlagSpec> = Object.fromEntries(
  ['policy', 'from', 'gains', 'actors', 'depth', 'max-states', 'mutate'].map((k) => [k, ESCALATE_FLAGS[k]!]),
)

const flagName = (arg: string) => (arg.startsWith('--') ? arg.slice(2).split('=')[0]! : null)

/**
 * Called first by `check`: with `--policy`, run the escalation search and return its exit code;
 * refuse its flags without `--policy`; otherwise null (an ordinary `check`).
 */
export async function policyDispatch(argv: readonly string[]): Promise<number | null> {
  const names = argv.map(flagName)
  if (names.includes('policy')) return escalateCommand(argv)
  const stray = names.find((n) => n !== null && n !== 'policy' && n in CHECK_POLICY_FLAGS)
  if (stray) throw new UsageError(`--${stray} applies to the escalation search only: add --policy FILE|TEMPLATE (see mimi-sim check --help)`)
  return null
}
