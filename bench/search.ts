/**
 * (c) Search: for every property × design, how long the property search (sim/check, fast-check over
 * SymbolicMls) takes to find its first counterexample — in seconds and in runs — how short the
 * shrunk counterexample is, how long the whole check takes, and whether RealMls confirms it.
 * `check` with seed 1, 300 runs, up to 8 steps, confirm on, over SMALL_WORLD; each check runs 3 times
 * and the seconds are medians (what is found is fixed by the seed, and checked to be equal).
 * The highlight is S2: `noEavesdropper` under `policy=service` (a malicious hub injects its own user).
 *
 * Runs-to-first and shrunk length are machine-independent. "check s" is the wall time of the whole
 * `check` call: search, shrinking, the search for shorter runs, and the RealMls confirmation.
 * Baseline: one plain symbolic run of (b) under the same design, measured in the same report —
 * `perRunRatio` (filled in by run.ts) is the search's seconds per run (to the first counterexample,
 * or over all runs when none is found) divided by (b)'s seconds per run: what fast-check's
 * generation and the search loop add on top of simulating.
 */
import { allDesigns, type Design, designLabel } from '../model/design.js'
import { PROPERTIES, type Property } from '../properties/index.js'
import { check, SMALL_WORLD } from '../sim/check/index.js'
import { type Both, median, type Span, stopwatch } from './stats.js'

export interface SearchRow {
  readonly property: string
  readonly design: Design
  /** Runs the whole check made (with a violation: including the search for shorter ones). */
  readonly runs: number
  readonly found: boolean
  readonly runsToFirst: number | null
  /** Seconds from the start of `check` to the first violating run (CPU and wall). */
  readonly secondsToFirst: Both | null
  readonly shrinks: number | null
  readonly shrunkLength: number | null
  readonly confirmed: boolean | null
  readonly confirmNote: string | null
  /** Seconds of the whole check: search, shrinking, shorter-run search, RealMls confirmation. */
  readonly seconds: Both
  readonly highlight: boolean
  /** Search seconds per run ÷ (b)'s seconds per symbolic run (NaN until withPerRunRatio). */
  readonly perRunRatio: Both
}

export const HIGHLIGHT = { property: 'noEavesdropper', design: 'policy=service' } as const

const NONE: Both = { cpu: NaN, wall: NaN }
const inSeconds = (ms: Span): Both => ({ cpu: ms.cpu / 1000, wall: ms.wall / 1000 })

async function once(design: Design, property: Property, runs: number, seed: number, maxSteps: number): Promise<SearchRow> {
  const sw = stopwatch()
  let first: Span | null = null
  // The same property, noting when it is first violated (check notes it too, but in wall time only).
  const watched: Property = {
    ...property,
    holds: (run) => {
      const v = property.holds(run)
      if (v.status === 'violated' && first === null) first = sw()
      return v
    },
  }
  const r = await check({ world: SMALL_WORLD, design, property: watched, runs, seed, maxSteps, confirm: true })
  const seconds = inSeconds(sw())
  const v = r.violation
  return {
    property: property.id,
    design,
    runs: r.runs,
    found: v !== null,
    runsToFirst: v?.foundAfterRuns ?? null,
    secondsToFirst: v && first ? inSeconds(first) : null,
    shrinks: v?.shrinks ?? null,
    shrunkLength: v?.length ?? null,
    confirmed: v?.confirmed ?? null,
    confirmNote: v?.confirmNote ?? null,
    seconds,
    highlight: property.id === HIGHLIGHT.property && designLabel(design) === HIGHLIGHT.design,
    perRunRatio: NONE,
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
    const med = (pick: (t: SearchRow) => Both): Both => ({ cpu: median(tries.map((t) => pick(t).cpu)), wall: median(tries.map((t) => pick(t).wall)) })
    return { ...first, secondsToFirst: first.found ? med((t) => t.secondsToFirst ?? NONE) : null, seconds: med((t) => t.seconds) }
  })
}

/** Fill in `perRunRatio` against (b)'s seconds per plain symbolic run under the same design. */
export function withPerRunRatio(rows: readonly SearchRow[], secondsPerRun: (design: Design) => Both): SearchRow[] {
  return rows.map((r) => {
    const [time, n] = r.found && r.secondsToFirst ? [r.secondsToFirst, r.runsToFirst!] : [r.seconds, r.runs]
    const base = secondsPerRun(r.design)
    return { ...r, perRunRatio: { cpu: time.cpu / n / base.cpu, wall: time.wall / n / base.wall } }
  })
}
