/**
 * The timeline overview against a brute-force reading of the same spans: per track the span count and
 * busy time of its outermost spans, per bucket the busy share, and the span names with the most time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpanKind, type Trace } from '../../../electron/core/model/trace';
import { TraceBuilder } from '../../../electron/core/model/trace-builder';
import { timelineOverview } from '../../../electron/core/report/report-timeline';

interface SpanSpec {
  track: number;
  start: number;
  duration: number;
  depth: number;
  name: string;
}

function traceOf(spans: SpanSpec[]): Trace {
  const builder = new TraceBuilder();
  builder.addTrack({ kind: 'cpu-thread', name: 'thread' });
  builder.addTrack({ kind: 'gpu-stream', name: 'stream' });
  for (const s of spans) {
    builder.addSpan({
      startNs: s.start,
      durationNs: s.duration,
      track: s.track,
      name: s.name,
      kind: SpanKind.Kernel,
      depth: s.depth,
    });
  }
  return builder.build({ id: 't', source: 'test' });
}

/** Busy share of bucket b of track t, by sampling the bucket at 1 ns steps (spans on whole ns). */
function sampledShare(spans: SpanSpec[], track: number, from: number, to: number): number {
  let busy = 0;
  for (let t = from; t < to; t++) {
    busy += spans.filter(
      (s) => s.track === track && s.depth === 0 && s.start <= t && t < s.start + s.duration,
    ).length;
  }
  return Math.min(1, busy / (to - from));
}

const spanSpec = fc.record({
  track: fc.integer({ min: 0, max: 1 }),
  start: fc.integer({ min: 0, max: 2000 }),
  duration: fc.integer({ min: 1, max: 400 }),
  depth: fc.integer({ min: 0, max: 1 }),
  name: fc.constantFrom('a', 'b', 'c'),
});

describe('timelineOverview', () => {
  it('matches a brute-force reading on random traces (buckets of whole nanoseconds)', () => {
    fc.assert(
      fc.property(fc.array(spanSpec, { minLength: 1, maxLength: 30 }), (spans) => {
        const first = Math.min(...spans.map((s) => s.start));
        const last = Math.max(...spans.map((s) => s.start + s.duration));
        // Shift so the trace spans a multiple of the bucket count: each bucket is whole nanoseconds.
        const buckets = 4;
        const width = Math.ceil((last - first) / buckets);
        const padded = [
          ...spans,
          { track: 0, start: first + width * buckets - 1, duration: 1, depth: 1, name: 'pad' },
        ];
        const overview = timelineOverview([traceOf(padded)], [], buckets).traces[0]!;
        expect(overview.durationMs).toBeCloseTo((width * buckets) / 1e6, 12);
        for (const [t, name] of ['thread', 'stream'].entries()) {
          const own = padded.filter((s) => s.track === t);
          const track = overview.tracks.find((k) => k.name === name);
          if (own.length === 0) {
            expect(track).toBeUndefined();
            continue;
          }
          expect(track!.spans).toBe(own.length);
          const busy = own.filter((s) => s.depth === 0).reduce((sum, s) => sum + s.duration, 0);
          expect(track!.busyMs).toBeCloseTo(busy / 1e6, 12);
          for (let b = 0; b < buckets; b++) {
            const expected = sampledShare(padded, t, first + b * width, first + (b + 1) * width);
            expect(track!.occupancy[b]).toBeCloseTo(expected, 3);
          }
        }
        const total = (name: string) =>
          padded.filter((s) => s.name === name).reduce((sum, s) => sum + s.duration, 0);
        expect(overview.topSpans[0]!.totalMs).toBeCloseTo(
          Math.max(...['a', 'b', 'c', 'pad'].map(total)) / 1e6,
          12,
        );
      }),
      { numRuns: 150 },
    );
  });

  it('gives an empty trace no duration and no track', () => {
    const overview = timelineOverview([traceOf([])], []).traces[0]!;
    expect(overview).toMatchObject({ durationMs: 0, spans: 0, tracks: [], topSpans: [] });
  });
});
