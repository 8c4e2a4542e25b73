/**
 * Parts of an actor's context that only a few of its events read or change. Every other event
 * carries such a part over untouched, so its reaction is the same whatever the part holds: the
 * explorer keys its memo of reactions without the part for those events and puts the part back
 * after (sim/explore/passThrough.ts). A hub's list of recent messages, for instance, is read only
 * when a message is submitted, yet it differs between almost every two orders in which messages
 * were accepted — keyed with it, the hub would answer the same commit once per such order.
 *
 * Each declaration lives next to the context type it describes; test/sim/explore/passThrough.test.ts
 * holds it to the model (replacing the part changes no other event's reaction), and the explorer
 * checks on every reaction it keys this way that the part came out as it went in. A handler that
 * starts to read a declared part must add its event to `touchedBy`: that test fails until it does
 * (on the events its searches meet). No draft section: this describes the model's code, not MIMI.
 */

export interface PassThrough {
  /** Where the part lies in the context; `*` stands for every key of a record (every room). */
  readonly path: readonly string[]
  /** The events whose reactions may read or change it: `deliver:<message type>`, or an event type. */
  readonly touchedBy: readonly string[]
}
