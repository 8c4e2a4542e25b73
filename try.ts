import { check, SMALL_WORLD } from './sim/check/index.js'
import { propertyById } from './properties/index.js'
for (const policy of ['service', 'mls'] as const) for (const pid of ['noEavesdropper', 'policyAgreement', 'rosterMatchesMembership']) {
  const r = await check({ world: SMALL_WORLD, design: { policy }, property: propertyById(pid)!, runs: 300, seed: 42, maxSteps: 8 })
  console.log(policy, pid, r.runs, r.seconds.toFixed(2), r.violation ? { len: r.violation.length, steps: r.violation.steps, choices: r.violation.choices.length, confirmed: r.violation.confirmed, note: r.violation.confirmNote, after: r.violation.foundAfterRuns, shrinks: r.violation.shrinks } : null)
}
