/** Process entry for `npm start` and `bin/mimi-sim.js`: run `main` and set the exit code. */
import { main } from './main.js'

process.exitCode = await main(process.argv.slice(2))
