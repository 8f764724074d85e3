/**
 * What is under the pointer: the bucket of a lane whose drawn extent holds a time (within a tolerance
 * of a few pixels, so a one-pixel kernel can be clicked), and the longest span it stands for.
 */
import type { LaneBuckets, TraceWindow } from '../../../electron/core/model/timeline-data';

export interface Hit {
  lane: LaneBuckets;
  index: number;
  span: number;
}

export function bucketAt(
  window: TraceWindow | undefined,
  track: number,
  depth: number,
  t: number,
  toleranceNs: number,
): Hit | undefined {
  const lane = window?.lanes.find((candidate) => candidate.track === track && candidate.depth === depth);
  if (!lane || lane.count === 0) return undefined;
  // The last bucket starting at or before t + tolerance, then back while one still reaches t.
  let lo = 0;
  let hi = lane.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lane.start[mid]! <= t + toleranceNs) lo = mid + 1;
    else hi = mid;
  }
  let best: number | undefined;
  let bestDistance = Infinity;
  for (let b = lo - 1; b >= 0 && b >= lo - 8; b--) {
    const [start, end] = [lane.start[b]!, lane.end[b]!];
    const distance = t < start ? start - t : t > end ? t - end : 0;
    if (distance <= toleranceNs && distance < bestDistance) {
      best = b;
      bestDistance = distance;
    }
  }
  return best === undefined ? undefined : { lane, index: best, span: lane.span[best]! };
}
