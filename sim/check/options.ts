/**
 * What a property search is asked (the world, the design, the property, the budget) and what it
 * answers: the shortest counterexample it found, with its RealMls replay, and the coverage of the
 * runs it made. Shared by the single search, its shards and their merge.
 */
import type { DesignInput } from '../../model/design.js'
import type { EngineName } from '../../model/mls/types.js'
import type { Property } from '../../properties/types.js'
import type { CoverageReport } from '../explore/index.js'
import type { Scenario, StepAction } from '../scenario/types.js'
import type { Trace } from '../trace/events.js'

export interface CheckOptions {
  readonly world: Scenario
  readonly design: DesignInput
  readonly property: Property
  readonly runs: number
  readonly seed: number
  readonly maxSteps: number
  /** Replay a symbolic counterexample with RealMls (default true). */
  readonly confirm?: boolean
  /** The engine generated runs go through (default symbolic; real is exact but far slower). */
  readonly engine?: EngineName
  /** Measure coverage (default true). */
  readonly coverage?: boolean
  readonly onProgress?: (runsDone: number) => void
}

export interface Counterexample {
  readonly steps: readonly StepAction[]
  readonly choices: readonly number[]
  /** Number of steps of the shrunk run. */
  readonly length: number
  /** Runs drawn before the first violation (its index in the first stage, plus one), and shrink steps taken after it. */
  readonly foundAfterRuns: number
  readonly shrinks: number
  readonly secondsToFirst: number
  readonly trace: Trace
  readonly confirmed: boolean | null
  readonly realTrace: Trace | null
  readonly confirmNote: string
}

export interface CheckResult {
  readonly property: string
  readonly design: DesignInput
  readonly seed: number
  /** Runs executed (by every shard, when split: work, not outcome). */
  readonly runs: number
  readonly seconds: number
  readonly violation: Counterexample | null
  /** What the runs exercised, in the explorer's terms (null when not measured). */
  readonly coverage: CoverageReport | null
  /** How many shards did the search (1: in one thread). */
  readonly shards: number
}
