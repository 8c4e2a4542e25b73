/**
 * (c) Search: for every property × design, how long the property search (sim/check, fast-check over
 * SymbolicMls) takes to find its first counterexample — in seconds and in runs — how short the
 * shrunk counterexample is, how long the whole check takes, and whether RealMls confirms it.
 * `check` with seed 1, 300 runs, up to 8 steps, confirm on, over SMALL_WORLD; each check runs 3 times
 * and the seconds are medians (what is found is fixed by the seed, and checked to be equal).
 * The highlight is S2: `noEavesdropper` under `policy=service` (a malicious hub injects its own user).
 *
 * Runs-to-first and shrunk length are machine-independent. "check s" is search plus shrinking
 * (CheckResult.seconds); "total s" adds the RealMls replay that confirms the counterexample.
 * Baseline: one plain symbolic run of (b) under the same design, measured in the same report —
 * `perRunRatio` (filled in by run.ts) is the search's seconds per run (to the first counterexample,
 * or over all runs when none is found) divided by (b)'s seconds per run: what fast-check's
 * generation and the search loop add on top of simulating.
 */
import { allDesigns, type Design, designLabel } from '../model/design.js'
import { PROPERTIES, type Property } from '../properties/index.js'
import { check, SMALL_WORLD } from '../sim/check/index.js'
import { median } from './stats.js'

export interface SearchRow {
  readonly property: string
  readonly design: Design
  /** Runs fast-check made: up to the first failure, or all of them when the property held. */
  readonly runs: number
  readonly found: boolean
  readonly runsToFirst: number | null
  readonly secondsToFirst: number | null
  readonly shrinks: number | null
  readonly shrunkLength: number | null
  readonly confirmed: boolean | null
  readonly confirmNote: string | null
  readonly checkSeconds: number
  readonly totalSeconds: number
  readonly highlight: boolean
  /** Search seconds per run ÷ (b)'s seconds per symbolic run (NaN until withPerRunRatio). */
  readonly perRunRatio: number
}

export const HIGHLIGHT = { property: 'noEavesdropper', design: 'policy=service' } as const

async function once(design: Design, property: Property, runs: number, seed: number, maxSteps: number): Promise<SearchRow> {
  const t0 = performance.now()
  const r = await check({ world: SMALL_WORLD, design, property, runs, seed, maxSteps, confirm: true })
  const totalSeconds = (performance.now() - t0) / 1000
  const v = r.violation
  return {
    property: property.id,
    design,
    runs: r.runs,
    found: v !== null,
    runsToFirst: v?.foundAfterRuns ?? null,
    secondsToFirst: v?.secondsToFirst ?? null,
    shrinks: v?.shrinks ?? null,
    shrunkLength: v?.length ?? null,
    confirmed: v?.confirmed ?? null,
    confirmNote: v?.confirmNote ?? null,
    checkSeconds: r.seconds,
    totalSeconds,
    highlight: property.id === HIGHLIGHT.property && designLabel(design) === HIGHLIGHT.design,
    perRunRatio: NaN,
  }
}

/** Each check `reps` times (the seed fixes what is found; only the seconds vary): median seconds. */
export async function measureSearch(reps = 3, runs = 300, seed = 1, maxSteps = 8): Promise<SearchRow[]> {
  const cells = allDesigns().flatMap((design) => PROPERTIES.map((property) => ({ design, property, tries: [] as SearchRow[] })))
  for (let k = 0; k < reps; k++) for (const c of cells) c.tries.push(await once(c.design, c.property, runs, seed, maxSteps))
  return cells.map(({ tries }) => {
    const first = tries[0]!
    const same = (t: SearchRow) => t.runs === first.runs && t.runsToFirst === first.runsToFirst && t.shrunkLength === first.shrunkLength
    if (!tries.every(same)) throw new Error(`search ${first.property} under ${designLabel(first.design)} is not reproducible from its seed`)
    const seconds = (pick: (t: SearchRow) => number | null) => (first.found ? median(tries.map((t) => pick(t) ?? NaN)) : null)
    return {
      ...first,
      secondsToFirst: seconds((t) => t.secondsToFirst),
      checkSeconds: median(tries.map((t) => t.checkSeconds)),
      totalSeconds: median(tries.map((t) => t.totalSeconds)),
    }
  })
}

/** Fill in `perRunRatio` against (b)'s seconds per plain symbolic run under the same design. */
export function withPerRunRatio(rows: readonly SearchRow[], secondsPerRun: (design: Design) => number): SearchRow[] {
  return rows.map((r) => {
    const perRun = r.found ? r.secondsToFirst! / r.runsToFirst! : r.checkSeconds / r.runs
    return { ...r, perRunRatio: perRun / secondsPerRun(r.design) }
  })
}
