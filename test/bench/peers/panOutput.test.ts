import { describe, expect, it } from 'vitest'
import { parsePan } from '../../../bench/peers/panOutput.js'

// Abridged from SPIN 6.5.2's pan on bench/peers/s2.pml (MAXSTEPS=6), policy=mls.
const bfs = `(Spin Version 6.5.2 -- 6 December 2019)
	+ Breadth-First Search
State-vector 276 byte, depth reached 179, errors: 0
    40182 states, stored
	    8120 nominal states (stored-atomic)
     5048 states, matched
    45230 transitions (= stored+matched)
    32062 atomic steps
pan: elapsed time 0.0524 seconds
pan: rate 766700.38 states/second
`
const dfs = `(Spin Version 6.5.2 -- 6 December 2019)
State-vector 276 byte, depth reached 180, errors: 0
     8120 states, stored
     5048 states, matched
    13168 transitions (= stored+matched)
    38104 atomic steps
pan: elapsed time 0.0112 seconds
`
const found = `pan:1: assertion violated  !(leak) (at depth 59)
pan: wrote s2.pml.trail
Warning: Search not completed
	+ Breadth-First Search
State-vector 276 byte, depth reached 59, errors: 1
     3057 states, stored
pan: elapsed time 0.004 seconds
`

describe('parsePan', () => {
  it('counts a breadth-first pan\'s nominal states as the model\'s, apart from the states it stored inside atomic steps', () => {
    expect(parsePan(bfs)).toEqual({ stored: 40182, unique: 8120, elapsed: 0.0524, violationDepth: undefined })
  })

  it('counts every state a depth-first pan stored as the model\'s, and these agree with the breadth-first nominal count', () => {
    const d = parsePan(dfs)!
    expect(d).toEqual({ stored: 8120, unique: 8120, elapsed: 0.0112, violationDepth: undefined })
    expect(d.unique).toBe(parsePan(bfs)!.unique)
  })

  it('reads the depth of a failed assertion', () => {
    expect(parsePan(found)).toMatchObject({ stored: 3057, unique: 3057, violationDepth: 59 })
  })

  it('answers null for text that is not a pan report', () => {
    expect(parsePan('spin: s2.pml:3, Error: syntax error')).toBeNull()
  })
})
