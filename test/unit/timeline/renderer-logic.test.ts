/**
 * The timeline's pure logic in the renderer: viewport arithmetic, time-axis ticks, labels trimmed to
 * fit, track layout and its lookups, hit testing on level-of-detail buckets, the window cache (one
 * request per window, none while the view stays inside it), key bindings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTraceLod } from '../../../electron/core/model/trace-lod';
import { SpanKind } from '../../../electron/core/model/trace';
import { TraceBuilder } from '../../../electron/core/model/trace-builder';
import { timelineWindow } from '../../../electron/core/analysis/timeline-window';
import { timelineTrackGroups } from '../../../electron/core/analysis/timeline-tracks';
import { bucketAt } from '../../../renderer/src/timeline/hit-test';
import { actionOf, KEY_BINDINGS } from '../../../renderer/src/timeline/keys';
import { fitLabel } from '../../../renderer/src/timeline/labels';
import { formatTime, ticks, tickStep } from '../../../renderer/src/timeline/time-axis';
import { layoutTracks, LANE_HEIGHT, trackKey } from '../../../renderer/src/timeline/track-layout';
import {
  clampView,
  fitView,
  MIN_VIEW_NS,
  panView,
  timeAt,
  widthOf,
  xOf,
  zoomView,
} from '../../../renderer/src/timeline/viewport';
import { WindowCache, type WindowRequest } from '../../../renderer/src/timeline/window-cache';

const BOUNDS = { startNs: 0, endNs: 1_000_000 };

function sampleTrace() {
  const builder = new TraceBuilder();
  const thread = builder.addTrack({ kind: 'cpu-thread', name: 'main', pid: 7, tid: 7, processName: 'app' });
  const stream = builder.addTrack({
    kind: 'gpu-stream',
    name: 'GPU 0 (H200) stream 7',
    deviceId: 0,
    streamId: 7,
    pid: 7,
  });
  builder.addSpan({
    startNs: 0,
    durationNs: 1000,
    track: thread,
    name: 'outer',
    kind: SpanKind.Nvtx,
    depth: 0,
  });
  builder.addSpan({
    startNs: 100,
    durationNs: 50,
    track: thread,
    name: 'cudaLaunchKernel',
    kind: SpanKind.Runtime,
    depth: 1,
  });
  for (let i = 0; i < 100; i++)
    builder.addSpan({
      startNs: 200 + i * 10,
      durationNs: 5,
      track: stream,
      name: `k${i % 3}`,
      kind: SpanKind.Kernel,
    });
  return builder.build({ id: 't', source: 'test' });
}

describe('timeline viewport', () => {
  it('zooms around the anchor, keeps the time under it, never below the minimum width', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 900_000, noNaN: true }),
        fc.double({ min: 1000, max: 100_000, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 0.95, noNaN: true }),
        (start, width, anchor, factor) => {
          const view = { startNs: start, endNs: start + width };
          const zoomed = zoomView(view, factor, anchor, BOUNDS);
          expect(widthOf(zoomed)).toBeGreaterThanOrEqual(MIN_VIEW_NS - 1e-9);
          expect(widthOf(zoomed)).toBeLessThan(width);
          const before = view.startNs + width * anchor;
          const after = zoomed.startNs + widthOf(zoomed) * anchor;
          // The anchor stays put unless the view had to be pushed back inside the trace.
          if (zoomed.startNs > -100_000 && zoomed.endNs < 1_100_000) expect(after).toBeCloseTo(before, 3);
        },
      ),
    );
  });

  it('pans by a fraction of the width, fits ranges, stays within the trace and its margin', () => {
    const view = { startNs: 100_000, endNs: 200_000 };
    expect(panView(view, 0.25, BOUNDS)).toEqual({ startNs: 125_000, endNs: 225_000 });
    expect(panView({ startNs: 0, endNs: 100_000 }, -5, BOUNDS).startNs).toBe(-100_000);
    expect(clampView({ startNs: -1e9, endNs: 1e9 }, BOUNDS)).toEqual({ startNs: -100_000, endNs: 1_100_000 });
    const fit = fitView({ startNs: 500, endNs: 1500 }, BOUNDS);
    expect(fit.startNs).toBeLessThan(500);
    expect(fit.endNs).toBeGreaterThan(1500);
    expect(timeAt(view, xOf(view, 150_000, 800), 800)).toBeCloseTo(150_000, 6);
  });
});

describe('timeline axis and labels', () => {
  it('picks 1-2-5 steps at least 90 px apart and labels them in the unit of the step', () => {
    const view = { startNs: 0, endNs: 10_000_000 };
    const step = tickStep(view, 1000);
    expect(step).toBe(1_000_000);
    const marks = ticks(view, 1000, 0);
    expect(marks.map((tick) => tick.label).slice(0, 3)).toEqual(['0 ms', '1 ms', '2 ms']);
    for (let k = 1; k < marks.length; k++) expect(marks[k]!.x - marks[k - 1]!.x).toBeGreaterThanOrEqual(90);
    expect(formatTime(2_500, 500)).toBe('2.5 µs');
    expect(formatTime(3e9, 1e9)).toBe('3 s');
  });

  it('trims labels to fit with an ellipsis, or drops them', () => {
    const measure = (text: string) => text.length * 7;
    expect(fitLabel('cudaLaunchKernel', 200, measure)).toBe('cudaLaunchKernel');
    expect(fitLabel('cudaLaunchKernel', 50, measure)).toBe('cudaLa…');
    expect(measure(fitLabel('cudaLaunchKernel', 50, measure))).toBeLessThanOrEqual(50);
    expect(fitLabel('cudaLaunchKernel', 10, measure)).toBe('');
  });
});

describe('timeline layout and hits', () => {
  const trace = sampleTrace();
  const lod = buildTraceLod(trace);
  const groups = timelineTrackGroups(trace, lod);

  it('stacks groups and tracks, pinned tracks first, collapsed groups as headers only', () => {
    const layout = layoutTracks([{ traceId: 't', title: 't', groups }], new Set(), new Set());
    expect(layout.rows.map((row) => [row.kind, row.label])).toEqual([
      ['group', 'app (pid 7)'],
      ['track', 'main'],
      ['group', 'GPU 0 (H200)'],
      ['track', 'stream 7'],
    ]);
    const main = layout.rows[1]!;
    expect(main.height).toBeGreaterThanOrEqual(2 * LANE_HEIGHT);
    expect(layout.rowAt(main.y + 2 + LANE_HEIGHT + 3)).toMatchObject({ row: main, depth: 1 });
    const pinned = layoutTracks(
      [{ traceId: 't', title: 't', groups }],
      new Set([trackKey('t', 1)]),
      new Set(),
    );
    expect(pinned.rows.map((row) => row.label).slice(0, 2)).toEqual(['Pinned', 'GPU 0 (H200) stream 7']);
    const collapsed = layoutTracks(
      [{ traceId: 't', title: 't', groups }],
      new Set(),
      new Set(['t:process:7']),
    );
    expect(collapsed.rows.map((row) => row.label)).toEqual(['app (pid 7)', 'GPU 0 (H200)', 'stream 7']);
    expect(collapsed.laneY(0, 0, 0)).toBeUndefined();
  });

  it("finds the bucket under the pointer, and a thin kernel within a few pixels' tolerance", () => {
    const window = timelineWindow(trace, lod, [0, 1], 0, 2000, 1);
    expect(bucketAt(window, 1, 0, 212, 0)?.span).toBe(3);
    expect(bucketAt(window, 1, 0, 208, 0)).toBeUndefined();
    expect(bucketAt(window, 1, 0, 208, 3)?.span).toBe(3);
    expect(bucketAt(window, 0, 1, 120, 0)?.span).toBe(1);
    expect(bucketAt(window, 0, 2, 120, 0)).toBeUndefined();
  });
});

describe('timeline window cache', () => {
  it('asks once per window and not again while the view stays inside it', async () => {
    const trace = sampleTrace();
    const lod = buildTraceLod(trace);
    const asked: WindowRequest[] = [];
    let loaded = 0;
    const cache = new WindowCache(
      async (request) => {
        asked.push(request);
        return timelineWindow(trace, lod, request.tracks, request.startNs, request.endNs, request.bucketNs);
      },
      () => loaded++,
      (error) => {
        throw error;
      },
    );
    expect(cache.get({ startNs: 0, endNs: 1000 }, 500, [0, 1])).toBeUndefined();
    expect(cache.get({ startNs: 0, endNs: 1000 }, 500, [0, 1])).toBeUndefined();
    await Promise.resolve();
    await Promise.resolve();
    expect(loaded).toBe(1);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.bucketNs).toBe(2);
    const data = cache.get({ startNs: 20, endNs: 1020 }, 500, [0, 1]);
    expect(data?.lanes.length).toBeGreaterThan(0);
    expect(asked).toHaveLength(1);
    cache.get({ startNs: 0, endNs: 100_000 }, 500, [0, 1]);
    expect(asked).toHaveLength(2);
  });
});

describe('timeline keys', () => {
  it('maps W/S/A/D/F, ? and Escape, and ignores modified keys', () => {
    const key = (k: string, shiftKey = false) =>
      actionOf({ key: k, shiftKey, ctrlKey: false, metaKey: false, altKey: false });
    expect(['w', 's', 'a', 'd', 'f', '?', 'Escape', 'W'].map((k) => key(k))).toEqual([
      'zoom-in',
      'zoom-out',
      'pan-left',
      'pan-right',
      'fit',
      'help',
      'clear',
      'zoom-in',
    ]);
    expect(key('Enter', true)).toBe('previous-match');
    expect(
      actionOf({ key: 'w', shiftKey: false, ctrlKey: true, metaKey: false, altKey: false }),
    ).toBeUndefined();
    expect(new Set(KEY_BINDINGS.map((binding) => binding.action)).size).toBe(KEY_BINDINGS.length);
  });
});
