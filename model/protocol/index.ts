export { summarize, type FanoutItem, type Message, type MessageType } from './messages.js'
export * from './status.js'
