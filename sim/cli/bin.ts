/** Process entry for `npm start` and `bin/mimi-sim.js`: run `main` and set the exit code. */
import { main } from './main.js'

// `mimi-sim show trace.json | head` closes stdout early; that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0)
  throw err
})

process.exitCode = await main(process.argv.slice(2))
