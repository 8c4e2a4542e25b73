/** Child process of the determinism law: prints one line per scenario × design with its trace hash. */
import { allDesigns, designLabel } from '../../model/design.js'
import { catalogue, run, sha } from '../helpers.js'

for (const s of catalogue()) {
  for (const design of allDesigns()) {
    const r = await run(s, design, 'real', 11)
    console.log(`${s.name} ${designLabel(design)} ${sha(JSON.stringify(r.trace))}`)
  }
}
