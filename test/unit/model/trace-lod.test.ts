/**
 * The level-of-detail index against a brute-force scan of the same spans, on random traces (fast-check),
 * and on the bad inputs of issue 11: no spans, a million zero-length spans, spans out of order,
 * overlapping spans on one track, non-finite times.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpanKind, type Trace } from '../../../electron/core/model/trace';
import { TraceBuilder } from '../../../electron/core/model/trace-builder';
import {
  buildTraceLod,
  lodBucketNs,
  lodWindow,
  MAX_QUERY_BUCKETS,
  queryBucketNs,
  queryLane,
  queryTrack,
  windowServes,
  type LodBuckets,
} from '../../../electron/core/model/trace-lod';

interface RandomSpan {
  track: number;
  depth: number;
  start: number;
  duration: number;
}

function traceOf(spans: RandomSpan[], trackCount: number): Trace {
  const builder = new TraceBuilder(spans.length);
  for (let t = 0; t < trackCount; t++) builder.addTrack({ kind: 'gpu-stream', name: `stream ${t}` });
  spans.forEach((span, i) =>
    builder.addSpan({
      startNs: span.start,
      durationNs: span.duration,
      track: span.track,
      name: `k${i % 5}`,
      kind: SpanKind.Kernel,
      depth: span.depth,
    }),
  );
  return builder.build({ id: 'random', source: 'test' });
}

interface BucketSummary {
  span: number;
  spanCount: number;
  start: number;
  end: number;
}

/** What a query must return, by a plain scan over every span of the trace. */
function bruteForce(
  trace: Trace,
  track: number,
  depth: number,
  windowStart: number,
  windowEnd: number,
  bucket: number,
): BucketSummary[] {
  const { spans } = trace;
  const clean = (d: number) => (d > 0 && Number.isFinite(d) ? d : 0);
  const lane: number[] = [];
  for (let i = 0; i < spans.count; i++)
    if (spans.track[i] === track && spans.depth[i] === depth && Number.isFinite(spans.start[i]!))
      lane.push(i);
  lane.sort(
    (a, b) =>
      spans.start[a]! - spans.start[b]! || clean(spans.duration[b]!) - clean(spans.duration[a]!) || a - b,
  );
  const start = (i: number) => spans.start[i]!;
  const end = (i: number) => spans.start[i]! + clean(spans.duration[i]!);
  if (!(windowEnd >= windowStart)) return [];
  const members: number[] = [];
  let reachingIn = -1;
  for (const i of lane) {
    if (start(i) < windowStart) {
      if (reachingIn < 0 || end(i) > end(reachingIn)) reachingIn = i;
    } else if (start(i) <= windowEnd) members.push(i);
  }
  if (reachingIn >= 0 && end(reachingIn) > windowStart) members.unshift(reachingIn);
  const groups = new Map<number, number[]>();
  for (const i of members) {
    const key = Math.floor(start(i) / bucket);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  return [...groups.values()].map((group) => {
    let longest = group[0]!;
    for (const i of group) if (end(i) - start(i) > end(longest) - start(longest)) longest = i;
    const last = group[group.length - 1]!;
    return {
      span: longest,
      spanCount: group.length,
      start: start(group[0]!),
      end: Math.max(end(longest), end(last)),
    };
  });
}

function rows(buckets: LodBuckets): BucketSummary[] {
  return Array.from({ length: buckets.count }, (_, b) => ({
    span: buckets.span[b]!,
    spanCount: buckets.spanCount[b]!,
    start: buckets.start[b]!,
    end: buckets.end[b]!,
  }));
}

/** Doubles in thousandths of a ns (no subnormals, whose division by a bucket size is inexact). */
const thousandths = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true }).map((x) => Math.round(x * 1000) / 1000);
const time = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 2000 }) },
  { weight: 2, arbitrary: thousandths(-50, 2000) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, 500) },
);
const duration = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 400 }) },
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constantFrom(-5, Number.NaN, 1e4) },
);
const randomSpan = (tracks: number, depths: number) =>
  fc.record({
    track: fc.integer({ min: 0, max: tracks - 1 }),
    depth: fc.integer({ min: 0, max: depths - 1 }),
    start: time,
    duration,
  });
/** Many short lanes, or one long lane (where the range-maximum index's sparse table does the work). */
const randomTrace = fc.oneof(
  fc
    .integer({ min: 1, max: 3 })
    .chain((tracks) => fc.tuple(fc.constant(tracks), fc.array(randomSpan(tracks, 4), { maxLength: 300 }))),
  fc.tuple(fc.constant(1), fc.array(randomSpan(1, 1), { minLength: 200, maxLength: 3000 })),
);
const query = fc.record({
  from: thousandths(-100, 2100),
  width: thousandths(0, 2500),
  bucket: fc.double({ min: 0.01, max: 3000, noNaN: true }),
});

describe('trace level of detail', () => {
  it('matches a brute-force scan on random traces', () => {
    fc.assert(
      fc.property(
        randomTrace,
        fc.array(query, { minLength: 1, maxLength: 8 }),
        ([tracks, spans], queries) => {
          const trace = traceOf(spans, tracks);
          const lod = buildTraceLod(trace);
          for (const { from, width, bucket } of queries) {
            for (let track = 0; track < tracks; track++) {
              for (let depth = 0; depth <= 3; depth++) {
                const lane = lod.tracks[track]!.lanes[depth];
                const expected = bruteForce(
                  trace,
                  track,
                  depth,
                  from,
                  from + width,
                  queryBucketNs(from, from + width, bucket),
                );
                if (!lane) {
                  expect(expected).toEqual([]);
                  continue;
                }
                expect(rows(queryLane(lane, from, from + width, bucket))).toEqual(expected);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers with one entry per bucket at most, whatever the bucket asked for', () => {
    fc.assert(
      fc.property(randomTrace, query, ([tracks, spans], { from, width, bucket }) => {
        const lod = buildTraceLod(traceOf(spans, tracks));
        for (const buckets of queryTrack(lod, 0, from, from + width, bucket)) {
          expect(Number.isInteger(Math.log2(buckets.bucketNs))).toBe(true);
          expect(buckets.bucketNs).toBeLessThanOrEqual(Math.max(bucket, width / MAX_QUERY_BUCKETS, 1));
          expect(buckets.count).toBeLessThanOrEqual(Math.floor(width / buckets.bucketNs) + 3);
          for (let b = 1; b < buckets.count; b++)
            expect(Math.floor(buckets.start[b]! / buckets.bucketNs)).toBeGreaterThan(
              Math.floor(buckets.start[b - 1]! / buckets.bucketNs),
            );
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rounds buckets down to powers of two and keeps one cache key while the viewport stays inside', () => {
    expect(lodBucketNs(1000)).toBe(512);
    expect(lodBucketNs(1024)).toBe(1024);
    expect(lodBucketNs(0.3)).toBe(1);
    expect(lodBucketNs(Number.NaN)).toBe(1);
    // 1000 ns a pixel: buckets of 1024 ns, at most one a pixel.
    const window = lodWindow(1_000_000, 2_000_000, 1000);
    expect(window.bucketNs).toBe(1024);
    expect(window.startNs).toBeLessThanOrEqual(500_000);
    expect(window.endNs).toBeGreaterThanOrEqual(2_500_000);
    // A small pan and a zoom that keeps the bucket size reuse the same load.
    expect(windowServes(window, 1_100_000, 2_100_000, 1000)).toBe(true);
    expect(lodWindow(1_010_000, 2_010_000, 1000).key).toBe(window.key);
    expect(windowServes(window, 1_000_000, 1_400_000, 1000)).toBe(false);
    expect(lodWindow(0, 1024_000, 1000).bucketNs).toBe(1024);
    expect(windowServes(window, 9_000_000, 10_000_000, 1000)).toBe(false);
  });

  it('handles a trace with no spans', () => {
    const lod = buildTraceLod(traceOf([], 2));
    expect(lod.tracks.map((t) => t.spanCount)).toEqual([0, 0]);
    expect([lod.startNs, lod.endNs]).toEqual([0, 0]);
    expect(queryTrack(lod, 0, 0, 1e9, 1e6)).toEqual([]);
    expect(queryTrack(lod, 7, 0, 1e9, 1e6)).toEqual([]);
  });

  it('summarises a million zero-length spans on one track into a screenful of buckets', () => {
    const builder = new TraceBuilder(1_000_000);
    const track = builder.addTrack({ kind: 'cpu-thread', name: 'busy' });
    const columns = builder.columns;
    const name = builder.intern('tick');
    for (let i = 0; i < 1_000_000; i++) {
      const span = columns.count++;
      // Out of order on purpose: a reversed sawtooth over 0..9999 ns.
      columns.start[span] = 9999 - (i % 10_000);
      columns.track[span] = track;
      columns.name[span] = name;
    }
    const lod = buildTraceLod(builder.build({ id: 'ticks', source: 'test' }));
    const [lane] = queryTrack(lod, track, 0, 10_000, 10_000 / 1000);
    expect(lane!.bucketNs).toBe(8);
    expect(lane!.count).toBe(1250);
    expect(lane!.spanCount.reduce((sum, n) => sum + n, 0)).toBe(1_000_000);
    // Even a 1 ns bucket over the whole range stays within one entry per distinct time.
    expect(queryTrack(lod, track, 0, 10_000, 1)[0]!.count).toBe(10_000);
    // And a bucket far too small for the window is widened, not obeyed.
    const wide = queryTrack(lod, track, -1e12, 1e12, 1)[0]!;
    expect(wide.bucketNs).toBeGreaterThanOrEqual(2e12 / MAX_QUERY_BUCKETS / 2);
    expect(wide.count).toBe(1);
    expect(wide.spanCount[0]).toBe(1_000_000);
  });

  it('keeps a long span that reaches into the window from before it, on overlapping spans', () => {
    const trace = traceOf(
      [
        { track: 0, depth: 0, start: 0, duration: 1000 },
        { track: 0, depth: 0, start: 10, duration: 20 },
        { track: 0, depth: 0, start: 600, duration: 50 },
      ],
      1,
    );
    const lod = buildTraceLod(trace);
    const buckets = queryLane(lod.tracks[0]!.lanes[0]!, 500, 700, 1);
    expect(rows(buckets)).toEqual([
      { span: 0, spanCount: 1, start: 0, end: 1000 },
      { span: 2, spanCount: 1, start: 600, end: 650 },
    ]);
    expect([lod.startNs, lod.endNs]).toEqual([0, 1000]);
  });

  it('leaves out spans whose start is not a number and counts them', () => {
    const lod = buildTraceLod(
      traceOf(
        [
          { track: 0, depth: 0, start: Number.NaN, duration: 5 },
          { track: 0, depth: 0, start: 5, duration: Number.NaN },
        ],
        1,
      ),
    );
    expect(lod.skipped).toBe(1);
    expect(rows(queryLane(lod.tracks[0]!.lanes[0]!, 0, 10, 1))).toEqual([
      { span: 1, spanCount: 1, start: 5, end: 5 },
    ]);
  });
});
