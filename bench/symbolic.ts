/**
 * (b) Symbolic throughput: generated runs of the small world (SMALL_WORLD, up to 8 steps, the runs
 * the property search draws) through runScenario with the symbolic MLS engine, under each design;
 * every run checks all properties, as `mimi-sim run` does. Reported: runs/s, scenario steps/s,
 * network deliveries/s and machine transitions/s (the runner's own counters).
 *
 * Baseline: XState's raw `transition()` on a trivial two-state toggle machine, measured in the same
 * repetitions. It is the cheapest thing a simulated transition can possibly cost (design.md: search
 * must not call `transition()` per step), so "raw transitions per simulated transition" shows how
 * much a simulated transition costs on top of XState — the model's actions, MLS, network and trace.
 */
import fc from 'fast-check'
import { createMachine, initialTransition, transition } from 'xstate'
import { allDesigns, type Design, designLabel } from '../model/design.js'
import { PROPERTIES } from '../properties/index.js'
import { type GeneratedRun, runArbitrary, scenarioOf, SMALL_WORLD } from '../sim/check/index.js'
import { runScenario } from '../sim/runner.js'
import { type Both, interleave, medianSpan, pairedRatio, type Span, stopwatch } from './stats.js'

export interface DesignThroughput {
  readonly design: Design
  /** Totals over one pass of all sampled runs. */
  readonly runs: number
  readonly steps: number
  readonly deliveries: number
  readonly transitions: number
  /** Runs that threw (a model bug; they still count towards the time). */
  readonly errors: number
  /** Median seconds for one pass, and the rates derived from it (per CPU second and per wall second). */
  readonly seconds: Both
  readonly runsPerSec: Both
  readonly stepsPerSec: Both
  readonly deliveriesPerSec: Both
  readonly transitionsPerSec: Both
  /** Raw XState transitions that fit in the time of one simulated transition (paired per repetition). */
  readonly rawTransitionsPerSimTransition: Both
}

export interface SymbolicFigures {
  readonly sampleSeed: number
  readonly maxSteps: number
  readonly reps: number
  readonly xstate: { readonly transitionsPerPass: number; readonly transitionsPerSec: Both }
  readonly designs: readonly DesignThroughput[]
}

const toggle = createMachine({ id: 'toggle', initial: 'off', states: { off: { on: { T: 'on' } }, on: { on: { T: 'off' } } } })

function rawXState(n: number): Span {
  let [snap] = initialTransition(toggle)
  const event = { type: 'T' } as const
  const sw = stopwatch()
  for (let i = 0; i < n; i++) [snap] = transition(toggle, snap, event)
  const span = sw()
  if (snap.value !== (n % 2 === 0 ? 'off' : 'on')) throw new Error('toggle machine went wrong')
  return span
}

interface Pass { readonly span: Span; readonly steps: number; readonly deliveries: number; readonly transitions: number; readonly errors: number }

async function pass(runs: readonly GeneratedRun[], design: Design): Promise<Pass> {
  let steps = 0
  let deliveries = 0
  let transitions = 0
  let errors = 0
  const sw = stopwatch()
  for (const [i, run] of runs.entries()) {
    steps += run.steps.length
    try {
      const r = await runScenario(scenarioOf(SMALL_WORLD, run, `bench-${i}`), { design, engine: 'symbolic', choices: run.choices, properties: PROPERTIES })
      deliveries += r.deliveries
      transitions += r.transitions
    } catch {
      errors += 1
    }
  }
  return { span: sw(), steps, deliveries, transitions, errors }
}

const rate = (count: number, s: Both): Both => ({ cpu: count / s.cpu, wall: count / s.wall })
const inSeconds = (ms: Both): Both => ({ cpu: ms.cpu / 1000, wall: ms.wall / 1000 })

export async function measureSymbolic(numRuns: number, reps: number, warmup: number, seed = 1, maxSteps = 8, xstateN = 20_000): Promise<SymbolicFigures> {
  const runs = fc.sample(runArbitrary(SMALL_WORLD, maxSteps), { numRuns, seed })
  const designs = allDesigns()
  const variants: Record<string, () => Promise<Pass>> = {
    xstate: async () => ({ span: rawXState(xstateN), steps: 0, deliveries: 0, transitions: xstateN, errors: 0 }),
  }
  for (const d of designs) variants[designLabel(d)] = () => pass(runs, d)
  const f = await interleave(variants, reps, warmup)
  const xstate = f.xstate!.map((p) => p.span)
  return {
    sampleSeed: seed,
    maxSteps,
    reps,
    xstate: { transitionsPerPass: xstateN, transitionsPerSec: rate(xstateN, inSeconds(medianSpan(xstate))) },
    designs: designs.map((design) => {
      const passes = f[designLabel(design)]!
      const first = passes[0]!
      const seconds = inSeconds(medianSpan(passes.map((p) => p.span)))
      // time of one simulated transition / time of one raw transition, within each repetition
      const perSim = passes.map((p) => ({ cpu: p.span.cpu / first.transitions, wall: p.span.wall / first.transitions }))
      const perRaw = xstate.map((x) => ({ cpu: x.cpu / xstateN, wall: x.wall / xstateN }))
      return {
        design,
        runs: runs.length,
        steps: first.steps,
        deliveries: first.deliveries,
        transitions: first.transitions,
        errors: first.errors,
        seconds,
        runsPerSec: rate(runs.length, seconds),
        stepsPerSec: rate(first.steps, seconds),
        deliveriesPerSec: rate(first.deliveries, seconds),
        transitionsPerSec: rate(first.transitions, seconds),
        rawTransitionsPerSimTransition: pairedRatio(perSim, perRaw),
      }
    }),
  }
}
