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
  /** An event among them that only asks one question of the part and may add to it (see `Asked`). */
  readonly asked?: Asked
}

/**
 * An event that reads a part only through one question — has this message been seen? — and changes
 * it, if at all, only by adding the message. Its reaction is then the same for every part that
 * gives the same answer, apart from the part itself: kept, or with the message added. The explorer
 * computes such a reaction once per answer and snapshot without the part, and for any other part
 * takes it over with that part kept or added to. The handler must ask and add through these very
 * functions.
 */
export interface Asked {
  /** The event: `deliver:<message type>`. */
  readonly by: string
  /** The key at the path's `*` (the room) whose part the event's message asks about. */
  readonly at: (msg: unknown) => string
  /** The question, asked of the part there. */
  readonly holds: (part: unknown, msg: unknown) => boolean
  /** The part with the message added, as the handler makes it. */
  readonly adds: (part: unknown, msg: unknown) => unknown
}

/**
 * The declaration of a part that only messages of one type touch, asking `holds` of it and adding
 * with `adds` (`Asked`); the message's room is the part's key at the path's `*`.
 */
export function askedBy<M extends { readonly type: string; readonly room: string }, P>(
  path: readonly string[],
  type: M['type'],
  holds: (part: P, msg: M) => boolean,
  adds: (part: P, msg: M) => P,
): PassThrough {
  const by = `deliver:${type}`
  return { path, touchedBy: [by], asked: { by, at: (msg) => (msg as M).room, holds: (part, msg) => holds(part as P, msg as M), adds: (part, msg) => adds(part as P, msg as M) } }
}
