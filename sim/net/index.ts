export { Network, optionLabel, type Envelope, type NetOption } from './network.js'
