/**
 * Nesting depths of spans on each track, from their times alone: sort by start (longer first on ties)
 * and keep a stack of open spans. Also tells whether a track nests properly (every pair of spans is
 * either disjoint or one inside the other), which Perfetto and chrome://tracing require of one thread.
 */
import type { SpanColumns } from './trace';

/** Span indices of each track, each list sorted by start, longer first on ties. */
export function spansByTrack(spans: SpanColumns, trackCount: number): Uint32Array[] {
  const counts = new Uint32Array(trackCount);
  for (let i = 0; i < spans.count; i++) counts[spans.track[i]!]!++;
  const lists = Array.from(counts, (count) => new Uint32Array(count));
  const filled = new Uint32Array(trackCount);
  for (let i = 0; i < spans.count; i++) {
    const track = spans.track[i]!;
    lists[track]![filled[track]!++] = i;
  }
  const byStart = (a: number, b: number): number =>
    spans.start[a]! - spans.start[b]! || spans.duration[b]! - spans.duration[a]! || a - b;
  return lists.map((list) => list.sort(byStart));
}

/** Nesting depth of every span on its track, and the tracks whose spans overlap without nesting. */
export function nestingDepths(
  spans: SpanColumns,
  trackCount: number,
): { depth: Uint8Array; broken: Set<number> } {
  const depth = new Uint8Array(spans.count);
  const broken = new Set<number>();
  spansByTrack(spans, trackCount).forEach((list, track) => {
    const openEnds: number[] = [];
    for (const i of list) {
      const start = spans.start[i]!;
      const end = start + spans.duration[i]!;
      while (openEnds.length > 0 && openEnds[openEnds.length - 1]! <= start) openEnds.pop();
      if (openEnds.length > 0 && end > openEnds[openEnds.length - 1]!) broken.add(track);
      depth[i] = Math.min(openEnds.length, 255);
      openEnds.push(end);
    }
  });
  return { depth, broken };
}

/** Writes `spans.depth` from nesting; returns the tracks whose spans overlap without nesting. */
export function assignDepths(spans: SpanColumns, trackCount: number): Set<number> {
  const { depth, broken } = nestingDepths(spans, trackCount);
  spans.depth.set(depth.subarray(0, spans.count));
  return broken;
}
