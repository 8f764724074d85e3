/**
 * Projects CPU calls (CUDA API launches) onto NVTX push/pop ranges of the same thread: for each call,
 * the innermost range that encloses its start. Push/pop ranges on one thread nest by construction, so
 * one sweep with a stack answers every call in O(ranges + calls) once both are in (thread, time) order.
 * It also yields nesting depths, which the Trace and the Chrome trace export need.
 */

/** Intervals in any order; `thread` is a small non-negative integer (a track index). */
export interface ThreadIntervals {
  count: number;
  thread: Uint32Array;
  start: Float64Array;
  end: Float64Array;
}

export function emptyIntervals(capacity: number): ThreadIntervals {
  return {
    count: 0,
    thread: new Uint32Array(capacity),
    start: new Float64Array(capacity),
    end: new Float64Array(capacity),
  };
}

export interface NvtxProjection {
  /** Nesting depth of each range on its thread (0 = outermost). */
  rangeDepth: Uint8Array;
  /** Number of ranges enclosing each call. */
  callDepth: Uint8Array;
  /** Index of the innermost range enclosing each call, -1 when none. */
  callRange: Int32Array;
}

const MAX_DEPTH = 255;

/** Precedes: earlier start first; for equal starts the longer (enclosing) interval first. */
function before(intervals: ThreadIntervals, a: number, b: number): number {
  return intervals.start[a]! - intervals.start[b]! || intervals.end[b]! - intervals.end[a]!;
}

/**
 * Indices sorted by (thread, start, longer first). Exports are usually already in time order, so the
 * time sort is skipped when it is not needed; threads are then grouped by a stable counting sort.
 */
export function threadTimeOrder(intervals: ThreadIntervals): Uint32Array {
  const n = intervals.count;
  let byTime = new Uint32Array(n);
  for (let i = 0; i < n; i++) byTime[i] = i;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = before(intervals, i - 1, i) <= 0;
  if (!sorted) byTime = byTime.sort((a, b) => before(intervals, a, b));
  let threads = 0;
  for (let i = 0; i < n; i++) threads = Math.max(threads, intervals.thread[i]! + 1);
  const offsets = new Uint32Array(threads + 1);
  for (let i = 0; i < n; i++) offsets[intervals.thread[i]! + 1]!++;
  for (let t = 0; t < threads; t++) offsets[t + 1]! += offsets[t]!;
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const i = byTime[k]!;
    order[offsets[intervals.thread[i]!]!++] = i;
  }
  return order;
}

export function projectCallsOntoRanges(ranges: ThreadIntervals, calls: ThreadIntervals): NvtxProjection {
  const rangeOrder = threadTimeOrder(ranges);
  const callOrder = threadTimeOrder(calls);
  const rangeDepth = new Uint8Array(ranges.count);
  const callDepth = new Uint8Array(calls.count);
  const callRange = new Int32Array(calls.count).fill(-1);
  let stack = new Int32Array(64);
  let top = 0;
  let next = 0;

  /** Drops open ranges that belong to another thread or end at or before `time`. */
  const closeBefore = (thread: number, time: number): void => {
    while (top > 0) {
      const open = stack[top - 1]!;
      if (ranges.thread[open] === thread && ranges.end[open]! > time) break;
      top--;
    }
  };
  const openRange = (r: number): void => {
    closeBefore(ranges.thread[r]!, ranges.start[r]!);
    rangeDepth[r] = Math.min(top, MAX_DEPTH);
    if (top === stack.length) {
      const bigger = new Int32Array(stack.length * 2);
      bigger.set(stack);
      stack = bigger;
    }
    stack[top++] = r;
  };
  const startsNoLaterThan = (r: number, thread: number, time: number): boolean =>
    ranges.thread[r]! < thread || (ranges.thread[r] === thread && ranges.start[r]! <= time);

  for (let k = 0; k < calls.count; k++) {
    const c = callOrder[k]!;
    const thread = calls.thread[c]!;
    const time = calls.start[c]!;
    while (next < ranges.count && startsNoLaterThan(rangeOrder[next]!, thread, time))
      openRange(rangeOrder[next++]!);
    closeBefore(thread, time);
    callDepth[c] = Math.min(top, MAX_DEPTH);
    if (top > 0) callRange[c] = stack[top - 1]!;
  }
  while (next < ranges.count) openRange(rangeOrder[next++]!);
  return { rangeDepth, callDepth, callRange };
}
