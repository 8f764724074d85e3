import { describe, expect, it } from 'vitest';
import {
  projectCallsOntoRanges,
  type ThreadIntervals,
} from '../../../electron/core/importers/nvtx-projection';

function intervals(rows: [thread: number, start: number, end: number][]): ThreadIntervals {
  return {
    count: rows.length,
    thread: Uint32Array.from(rows.map((r) => r[0])),
    start: Float64Array.from(rows.map((r) => r[1])),
    end: Float64Array.from(rows.map((r) => r[2])),
  };
}

describe('projectCallsOntoRanges', () => {
  it('finds the innermost enclosing range per thread, whatever the input order', () => {
    // Thread 0: outer [0,100] > a [10,40] > a1 [20,30]; b [50,90]. Thread 1: c [0,1000]. Given out of order.
    const ranges = intervals([
      [0, 20, 30],
      [1, 0, 1000],
      [0, 50, 90],
      [0, 0, 100],
      [0, 10, 40],
    ]);
    const calls = intervals([
      [0, 25, 26], // in a1
      [0, 35, 36], // in a
      [0, 45, 46], // in outer only
      [1, 45, 46], // in c (other thread)
      [0, 90, 95], // b ended at 90: in outer
      [0, 150, 160], // none
      [2, 25, 26], // a thread without ranges
    ]);
    const { callRange, callDepth, rangeDepth } = projectCallsOntoRanges(ranges, calls);
    expect(Array.from(callRange)).toEqual([0, 4, 3, 1, 3, -1, -1]);
    expect(Array.from(callDepth)).toEqual([3, 2, 1, 1, 1, 0, 0]);
    expect(Array.from(rangeDepth)).toEqual([2, 0, 1, 0, 1]);
  });

  it('touching ranges do not nest', () => {
    const { rangeDepth, callRange } = projectCallsOntoRanges(
      intervals([
        [0, 0, 10],
        [0, 10, 20],
      ]),
      intervals([[0, 10, 11]]),
    );
    expect(Array.from(rangeDepth)).toEqual([0, 0]);
    expect(Array.from(callRange)).toEqual([1]);
  });
});
