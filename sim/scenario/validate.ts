/**
 * Scenario validation: turns untrusted JSON (or a module's export) into a `Scenario`, or into ONE
 * line `<path>: <problem> (<fix>)`, e.g. `steps[3].room: unknown room "lobby" (known: clubhouse)`.
 *
 * Why: a scenario is what users write by hand, and everything downstream (resolveWorld, the engines)
 * assumes it is well formed. So every field of the contract (types.ts) is checked here: types,
 * required fields, enum values, unknown keys at every level, and every cross-reference.
 *
 * Order: fields are checked in the documented order (name, description, spec, design, providers,
 * users, rooms, network, steps, expect; within an object, as listed in types.ts), list items by index,
 * and an object's unknown keys before its fields (an unknown key is most often a misspelt one). The
 * first error found is reported. Because sections come in that order, each refers only to sections
 * already validated. World sections: validateWorld.ts; steps: validateSteps.ts; helpers: checks.ts.
 */
import { applyDesign, DEFAULT_DESIGN } from '../../model/design.js'
import {
  array, at, boolean, choice, fail, idx, integer, Invalid, isObj, list, object, type Obj, onlyKeys, quote, required, show, string,
} from './checks.js'
import { checkSteps } from './validateSteps.js'
import { checkWorld } from './validateWorld.js'
import type { Expectation, Scenario } from './types.js'

export type ScenarioValidation = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly error: string }

export const SCENARIO_KEYS = ['name', 'description', 'spec', 'design', 'providers', 'users', 'rooms', 'network', 'steps', 'expect'] as const
const NETWORK_KEYS = ['ordering', 'loss', 'duplication', 'maxFaults'] as const
const ORDERINGS = ['per-link', 'unordered'] as const
const VERDICTS: readonly Expectation[] = ['holds', 'violated']
export const MAX_FAULTS = 10

/**
 * Check `json` against the scenario contract. `knownProperties` are the property names `expect` may
 * use (the property suite's names). The returned scenario is `json` itself, now known to fit.
 */
export function validateScenario(json: unknown, knownProperties: readonly string[]): ScenarioValidation {
  try {
    return { ok: true, scenario: checkScenario(json, knownProperties) }
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: e.message.replace(/\r?\n/g, '\\n') }
    throw e
  }
}

function checkScenario(json: unknown, knownProperties: readonly string[]): Scenario {
  const o = object(json, 'scenario', `a scenario is an object with keys ${SCENARIO_KEYS.join(', ')}`)
  onlyKeys(o, '', SCENARIO_KEYS)
  string(required(o, 'name', '', 'give the scenario a short name, e.g. "s1-baseline"'), 'name', 'give a short name, e.g. "s1-baseline"')
  string(required(o, 'description', '', 'say in a sentence what the scenario shows'), 'description', 'say in a sentence what the scenario shows', false)
  const specHint = 'list draft references, e.g. ["draft-ietf-mimi-protocol-06 §3.2"], or []'
  array(required(o, 'spec', '', specHint), 'spec', specHint).forEach((s, i) => string(s, idx('spec', i), 'write a draft reference, e.g. "draft-ietf-mimi-protocol-06 §3.2"'))
  if (o.design !== undefined) checkDesign(o.design)
  const world = checkWorld(o)
  checkNetwork(required(o, 'network', '', `give at least { "ordering": "per-link" }; orderings: ${ORDERINGS.join(', ')}`))
  checkSteps(required(o, 'steps', '', 'list the steps in order, or [] for none'), world)
  checkExpect(required(o, 'expect', '', `give the expected verdict per property, e.g. { "${knownProperties[0] ?? 'property'}": "holds" }`), knownProperties)
  return o as unknown as Scenario
}

/** One `knob=value` override, with model/design.ts's own error text (less the redundant "design <knob>:" prefix). */
function checkKnob(knob: string, value: string, path: string): void {
  const parsed = applyDesign(DEFAULT_DESIGN, { [knob]: value })
  if (!parsed.ok) {
    const text = parsed.error.replace(/^design [^:]*: /, '')
    const open = text.lastIndexOf(' (')
    if (open > 0 && text.endsWith(')')) fail(path, text.slice(0, open), text.slice(open + 2, -1))
    fail(path, text, 'see model/design.ts KNOBS')
  }
}

function checkDesign(v: unknown): void {
  const o = object(v, 'design', 'write knob: value pairs, e.g. { "policy": "mls" }')
  for (const [knob, value] of Object.entries(o)) {
    const p = at('design', knob)
    checkKnob(knob, string(value, p, 'give the knob\'s value as a string, e.g. "mls"'), p)
  }
}

function checkNetwork(v: unknown): void {
  const o = object(v, 'network', `write e.g. { "ordering": "per-link" }; orderings: ${ORDERINGS.join(', ')}`)
  onlyKeys(o, 'network', NETWORK_KEYS)
  choice(required(o, 'ordering', 'network', `valid: ${ORDERINGS.join(', ')}`), 'network.ordering', 'ordering', ORDERINGS)
  if (o.loss !== undefined) boolean(o.loss, 'network.loss', 'true if the network may drop messages; default false')
  if (o.duplication !== undefined) boolean(o.duplication, 'network.duplication', 'true if the network may deliver a message twice; default false')
  if (o.maxFaults !== undefined) {
    integer(o.maxFaults, 'network.maxFaults', 0, MAX_FAULTS, `the most drops plus duplicates in one run, 0 to ${MAX_FAULTS}; default 2`)
  }
}

function checkVerdict(v: unknown, path: string): void {
  if (typeof v !== 'string') fail(path, `expected "holds" or "violated", got ${show(v)}`, 'write "holds" or "violated"')
  if (!(VERDICTS as readonly string[]).includes(v)) fail(path, `unknown verdict ${quote(v)}`, 'valid: holds, violated')
}

function checkExpect(v: unknown, knownProperties: readonly string[]): void {
  const o: Obj = object(v, 'expect', 'write { "<property>": "holds" | "violated" }')
  const known = [...knownProperties].sort()
  for (const [property, value] of Object.entries(o)) {
    const p = at('expect', property)
    if (!known.includes(property)) fail(p, `unknown property ${quote(property)}`, `known: ${list(known)}`)
    if (!isObj(value)) {
      if (typeof value !== 'string') {
        fail(p, `expected "holds", "violated" or an object { "knob=value": verdict }, got ${show(value)}`, 'e.g. "holds" or { "policy=service": "violated", "policy=mls": "holds" }')
      }
      checkVerdict(value, p)
      continue
    }
    const entries = Object.entries(value)
    if (entries.length === 0) fail(p, 'empty object', 'give at least one "knob=value": verdict, e.g. { "policy=mls": "holds" }')
    for (const [key, verdict] of entries) {
      const kp = at(p, key)
      const eq = key.indexOf('=')
      if (eq <= 0) fail(kp, `expected a key "knob=value", got ${quote(key)}`, 'e.g. "policy=mls"')
      checkKnob(key.slice(0, eq), key.slice(eq + 1), kp)
      checkVerdict(verdict, kp)
    }
  }
}
