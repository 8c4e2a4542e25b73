/**
 * Writes scenarios/policies/<template>.json from model/policy/templates.ts (run with
 * `npx tsx sim/escalate/exportTemplates.ts`), so the example files are exports of the one
 * transcription of draft-ietf-mimi-room-policy-03 Appendix A; test/sim/escalate/templateFiles.test.ts
 * fails when they drift apart.
 */
import { writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { formatPolicyFile, templateFile, templateNames } from './templateFiles.js'

export const POLICY_DIR = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'scenarios', 'policies')

export function policyFileText(name: string): string {
  return formatPolicyFile(templateFile(name)) + '\n'
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const name of templateNames()) {
    writeFileSync(join(POLICY_DIR, `${name}.json`), policyFileText(name))
    console.log(`wrote ${join('scenarios', 'policies', `${name}.json`)}`)
  }
}
