/**
 * SymbolicMls without Promises: the explorer runs every MLS operation inline, in the middle of a
 * transition, the way sim/runtime.ts `runMls` does with `await` — the same operations (RFC 9420 as
 * modelled by model/mls/symbolic/), the same outcomes, minus one microtask per call on the hot path.
 *
 * Every operation calls the engine's own synchronous core (the functions createSymbolicMls wraps in
 * Promises); only the mapping from effect to outcome is restated, as runtime.ts states it.
 * test/sim/explore/mls.test.ts checks every operation against `runMls` on the same inputs.
 */
import type { MlsOp, MlsOutcome } from '../../model/effects.js'
import { commitSync } from '../../model/mls/symbolic/commit.js'
import { joinExternalSync, proposeExternalAddSync, proposeExternalContextSync, proposeExternalRemoveSync } from '../../model/mls/symbolic/external.js'
import { joinSync, protectSync, viewSync as viewOf } from '../../model/mls/symbolic/member.js'
import { processSync } from '../../model/mls/symbolic/process.js'

/** One MLS effect, as sim/runtime.ts `runMls` does it with the symbolic engine. Misuse throws, as there. */
export function runMlsSync(op: MlsOp): MlsOutcome {
  switch (op.op) {
    case 'commit': {
      const result = commitSync(op.group, op.request)
      return { op: 'commit', result, view: viewOf(result.state) }
    }
    case 'process': {
      const result = processSync(op.group, op.wire, op.validator)
      return { op: 'process', result, view: 'state' in result ? viewOf(result.state) : null }
    }
    case 'join': {
      const result = joinSync(op.identity, op.kp, op.welcome)
      return { op: 'join', result, view: result.kind === 'joined' ? viewOf(result.state) : null }
    }
    case 'protect': {
      const r = protectSync(op.group, op.text)
      return { op: 'protect', state: r.state, message: r.message, view: viewOf(r.state) }
    }
    case 'joinExternal': {
      let r
      try {
        r = joinExternalSync(op.identity, op.kp, op.groupInfo)
      } catch (err) {
        return { op: 'joinExternal.failed', error: `${(err as Error).constructor.name}: ${(err as Error).message}` }
      }
      return { op: 'joinExternal', state: r.state, commit: r.commit, groupInfo: r.groupInfo, view: viewOf(r.state) }
    }
    case 'proposeExternalAdd':
      return { op: 'proposeExternalAdd', proposal: proposeExternalAddSync(op.sender, op.groupInfo, op.kp) }
    case 'proposeExternalRemove':
      return { op: 'proposeExternalRemove', proposal: proposeExternalRemoveSync(op.sender, op.groupInfo, op.client) }
    case 'proposeExternalContext':
      return { op: 'proposeExternalContext', proposal: proposeExternalContextSync(op.sender, op.groupInfo, op.context) }
    default:
      throw new Error(`explore: MLS operation "${(op as { op: string }).op}" has no synchronous symbolic core in sim/explore/mls.ts yet`)
  }
}
