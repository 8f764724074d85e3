/**
 * What the timeline draws for a time window: for each asked track and each of its nesting levels, the
 * level-of-detail buckets (trace-lod.ts) with the name and kind of each bucket's longest span, and the
 * names those buckets use. Its size follows the window's buckets, not the trace.
 */
import type { Trace } from '../model/trace';
import { queryBucketNs, queryTrack, type TraceLod } from '../model/trace-lod';
import type { LaneBuckets, TraceWindow } from '../model/timeline-data';

export type { LaneBuckets, TraceWindow };

export function timelineWindow(
  trace: Trace,
  lod: TraceLod,
  tracks: number[],
  startNs: number,
  endNs: number,
  bucketNs: number,
): TraceWindow {
  const { spans, strings } = trace;
  const names: Record<string, string> = {};
  const lanes: LaneBuckets[] = [];
  for (const track of new Set(tracks)) {
    queryTrack(lod, track, startNs, endNs, bucketNs).forEach((buckets, depth) => {
      if (buckets.count === 0) return;
      const name = new Uint32Array(buckets.count);
      const kind = new Uint8Array(buckets.count);
      for (let b = 0; b < buckets.count; b++) {
        const span = buckets.span[b]!;
        name[b] = spans.name[span]!;
        kind[b] = spans.kind[span]!;
        names[name[b]!] ??= strings[name[b]!] ?? '';
      }
      lanes.push({
        track,
        depth,
        count: buckets.count,
        span: buckets.span,
        spanCount: buckets.spanCount,
        start: buckets.start,
        end: buckets.end,
        name,
        kind,
      });
    });
  }
  return { bucketNs: queryBucketNs(startNs, endNs, bucketNs), startNs, endNs, lanes, names };
}
