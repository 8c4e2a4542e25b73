import { describe, expect, it } from 'vitest'
import { parseCachegrind } from '../../bench/cachegrind.js'

// Abridged from valgrind 3.19 cachegrind (--cache-sim=yes) on a 5-step first search.
const summary = `==20706== I   refs:      8,302,809,894
==20706== I1  misses:       39,475,975
==20706== LLi misses:           73,808
==20706==
==20706== D   refs:      1,696,018,512  (1,149,195,838 rd   + 546,822,674 wr)
==20706== D1  misses:       74,978,887  (   68,709,242 rd   +   6,269,645 wr)
==20706== LLd misses:       10,935,313  (    9,801,073 rd   +   1,134,240 wr)
==20706== D1  miss rate:           4.4% (          6.0%     +         1.1%  )
`

describe('cachegrind summary (bench:instructions)', () => {
  it('reads instructions and first-level data misses, commas dropped', () => {
    expect(parseCachegrind(`100576 162170\n${summary}`)).toEqual({ instructions: 8_302_809_894, d1Misses: 74_978_887 })
  })

  it('gives null when the summary is missing (valgrind failed, or the program never ran)', () => {
    expect(parseCachegrind('valgrind: failed to start tool')).toBeNull()
    expect(parseCachegrind(summary.split('\n').filter((l) => !l.includes('D1  misses')).join('\n'))).toBeNull()
  })
})
