/**
 * Where things go in the sequence diagram: one row per event (so a message's arrow runs from the
 * row of its send to the row of its delivery, and its slope shows how long it was in flight and
 * what overtook it, as in ShiViz's time-space diagrams), lanes left to right with a gap between
 * provider groups, and the event's explanation in a column to the right of the lanes.
 */
import type { LaneLayout } from '../layout/lanes.js'

export const ROW_H = 20
export const HEAD_H = 62
const GUTTER = 76
const LANE_W = 90
const GROUP_GAP = 12

export interface Geometry {
  readonly laneX: readonly number[]
  readonly lanesLeft: number
  readonly lanesRight: number
  readonly textX: number
  readonly width: number
  readonly height: number
  readonly rowY: (i: number) => number
  /** Group extents, for the provider boxes. */
  readonly groupBox: readonly { readonly x0: number; readonly x1: number }[]
}

export function geometry(layout: LaneLayout, events: number): Geometry {
  const laneX = layout.lanes.map((l) => GUTTER + l.index * LANE_W + l.group * GROUP_GAP + LANE_W / 2)
  const lanesRight = (laneX[laneX.length - 1] ?? GUTTER) + LANE_W / 2
  const groupBox = layout.groups.map((g) => ({ x0: laneX[g.lanes[0]!.index]! - LANE_W / 2 + 4, x1: laneX[g.lanes[g.lanes.length - 1]!.index]! + LANE_W / 2 - 4 }))
  const textX = lanesRight + 14
  return {
    laneX,
    lanesLeft: GUTTER,
    lanesRight,
    textX,
    width: textX + 760,
    height: events * ROW_H + ROW_H,
    rowY: (i: number) => i * ROW_H + ROW_H / 2 + 4,
    groupBox,
  }
}

/** Rows [first, last] inside a viewport of the scrolling body, with a margin either side. */
export function visibleRows(scrollTop: number, viewHeight: number, events: number, margin = 4): readonly [number, number] {
  // The lane header is sticky inside the scroller, so body row 0 sits HEAD_H below the content top.
  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - margin)
  const last = Math.min(events - 1, Math.ceil((scrollTop + viewHeight - HEAD_H) / ROW_H) + margin)
  return [first, last]
}
