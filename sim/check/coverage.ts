/**
 * Coverage of a property search (design.md: "random search hides its coverage: report distinct
 * states, transitions and draft sections exercised"), in the explorer's terms so that `check` and
 * `explore` report the same things: every run the search makes is walked through the explore model
 * of its world (sim/explore/walk.ts: the runner's loop on the compiled machines and SymbolicMls),
 * counting distinct global states and distinct transitions (state, move), the machine transitions
 * fired, the events each actor kind received and the trace event types it produced, and the draft
 * sections behind them (sim/explore/coverage.ts: property `spec` tags and the event-type table).
 *
 * With `--engine real` the runs are still measured on the symbolic model: coverage describes what
 * the runs asked of the protocol, which both engines are held to model alike.
 */
import type { DesignInput } from '../../model/design.js'
import type { Property } from '../../properties/types.js'
import { buildModel, Coverage, type CoverageReport, coverageOf, type ExploreModel, FingerprintSet, StateKeys, walk } from '../explore/index.js'
import type { Scenario } from '../scenario/types.js'
import { type GeneratedRun, stepAlphabet } from './arbitraries.js'

export class RunCoverage {
  private readonly keys: StateKeys
  private readonly cov = new Coverage()
  private readonly moveOf: ReadonlyMap<string, number>
  private readonly seenEdges = new Set<string>()
  readonly states = new FingerprintSet()
  readonly edges = new FingerprintSet()

  private constructor(private readonly model: ExploreModel) {
    this.keys = new StateKeys(model)
    this.moveOf = new Map(model.moves.map((m, i) => [JSON.stringify(m.action), i]))
    this.visit(model.initial)
  }

  /** Coverage over `world`'s whole step alphabet, the one runArbitrary draws runs from. */
  static async create(world: Scenario, design: DesignInput, property: Property): Promise<RunCoverage> {
    return new RunCoverage(await buildModel(world, { design, properties: [property], free: true, maxSteps: null, alphabet: stepAlphabet(world).flat() }))
  }

  private visit(s: Parameters<StateKeys['key']>[0]): number {
    const k = this.keys.key(s)
    if (k.fresh) {
      const [hi, lo] = this.keys.fp(k.id)
      this.states.add(hi, lo)
    }
    return k.id
  }

  observe(run: GeneratedRun): void {
    const moves = run.steps.map((step) => {
      const m = this.moveOf.get(JSON.stringify(step))
      if (m === undefined) throw new Error(`coverage: step ${JSON.stringify(step)} is not in the world's step alphabet`)
      return m
    })
    walk(this.model, moves, run.choices, this.cov, (from, code, to) => {
      const f = this.visit(from)
      this.visit(to)
      const edge = `${f}:${code}`
      if (this.seenEdges.has(edge)) return
      this.seenEdges.add(edge)
      const [hi, lo] = this.keys.edgeFp(f, code)
      this.edges.add(hi, lo)
    })
  }

  report(): CoverageReport {
    this.cov.states = this.states.size
    this.cov.transitions = this.edges.size
    return coverageOf(this.model, this.cov)
  }
}
