/**
 * `--help` texts. The top-level help teaches the workflow (list → run → check → show); each
 * command's help lists its flags from the same table the parser uses, so they cannot drift.
 */
import type { FlagSpec } from './args.js'

export const OVERVIEW = `mimi-sim — simulate MIMI rooms on real MLS and search for attacks

usage: mimi-sim <command> [options]

commands:
  list                    the scenario catalogue, with what each scenario expects
  run <scenario|file>     run one scenario; check its properties; write its trace
  check                   search generated runs for a property violation, shrink it,
                          confirm it with real MLS, write its trace and a replay command
  check --policy <file>   search authorized commits from a role set (or template) for an escalation
  explore [scenario]      exhaustive bounded search: shortest counterexample, or none within the depth
  merge <shard.json>…     combine the shards of one split explore search (--shard i/n)
  compare [scenario…]     every scenario under every design, as a design × property matrix
  show <trace.json>       print a trace step by step, one explained line per event
  view <trace.json>       open a trace in the browser viewer (127.0.0.1), or --html FILE
  export <trace.json>     a trace as an ASCII ladder (--format ascii) or Mermaid diagram
  start                   the main job (npm start): compare the catalogue, search every property

a first session:
  npx mimi-sim list
  npx mimi-sim run hub-injects-eavesdropper --design policy=service
  npx mimi-sim check --design policy=service --property noEavesdropper
  npx mimi-sim show out/check-noEavesdropper--policy-service.json
  npx mimi-sim view out/hub-injects-eavesdropper--policy-service.json
  npx mimi-sim run policy-enforcer-escalation --design hubRole=least_privilege
  npx mimi-sim check --policy cooperative --property hubLeastPrivilege

designs: --design policy=service  only the hub checks the room policy; clients trust their provider
         --design policy=mls      the policy lives in the MLS GroupContext; every client checks it
         --design hubRole=policy_enforcer  the hub's preauthorized role is the draft's example (default)
         --design hubRole=least_privilege  the same role without the capabilities that redefine the room

exit codes: 0 what was asked holds, 1 it does not, 2 bad input or usage, 3 internal error (a bug)
more: mimi-sim <command> --help; docs/scenario-format.md, docs/trace-format.md, docs/properties.md,
      docs/policy-format.md, docs/findings.md, docs/viewer.md, docs/explore.md`

export function commandHelp(usage: string, about: string, flags: Readonly<Record<string, FlagSpec>>): string {
  const rows = Object.entries(flags).map(([name, f]) => {
    const left = `--${name}${f.kind === 'boolean' ? '' : ` ${f.value ?? 'VALUE'}`}`
    return `  ${left.padEnd(30)} ${f.help}`
  })
  return `usage: ${usage}\n\n${about}\n\noptions:\n${rows.join('\n')}`
}
