/**
 * The project's own scenario files (scenarios/*.json) still pass validation through the loader the
 * CLI uses (sim/scenario/load.ts), whatever files the directory holds when the test runs.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROPERTIES } from '../../../properties/index.js'
import { listScenarioFiles, loadScenarioFile } from '../../../sim/scenario/index.js'
import { ROOT } from '../../helpers.js'

const files = await listScenarioFiles(join(ROOT, 'scenarios'))

describe('scenarios/*.json', () => {
  it('the catalogue is not empty', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  for (const file of files) {
    it(`${file.slice(ROOT.length)} loads and validates`, async () => {
      const r = await loadScenarioFile(file, PROPERTIES.map((p) => p.id))
      expect(r.ok ? 'ok' : r.error).toBe('ok')
    })
  }
})
