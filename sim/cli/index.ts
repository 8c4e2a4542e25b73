export { main } from './main.js'
export { UsageError } from './args.js'
