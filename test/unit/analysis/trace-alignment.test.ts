/**
 * Two runs aligned by layer: every layer present in several traces starts at the same place on the
 * shared axis, nothing is stretched and nothing moves backwards; on random layer ranges (fast-check) and
 * on two runs of the real ONNX Runtime ResNet-18 profile.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layerRanges, modelRunWindows, type LayerRange } from '../../../electron/core/analysis/layer-ranges';
import {
  alignTraces,
  unwarpTime,
  warpSpan,
  warpTime,
  type AlignmentInput,
} from '../../../electron/core/analysis/trace-alignment';
import { importOrtProfile } from '../../../electron/core/importers/onnxruntime-profile';
import { fixture } from '../../helpers/fixtures';

/** A run of layers 0..n-1 (some missing), back to back with gaps; `shuffled` swaps two of them. */
const run = (layers: number) =>
  fc
    .array(
      fc.record({
        present: fc.integer({ min: 0, max: 99 }).map((n) => n < 85),
        duration: fc.integer({ min: 0, max: 500 }),
        gap: fc.integer({ min: 0, max: 50 }),
      }),
      { minLength: layers, maxLength: layers },
    )
    .map((cells) => {
      let at = 0;
      const ranges: LayerRange[] = [];
      cells.forEach((cell, i) => {
        at += cell.gap;
        if (cell.present) ranges.push({ name: `L${i}`, startNs: at, endNs: at + cell.duration });
        at += cell.present ? cell.duration : 0;
      });
      return ranges;
    });

const scenario = fc.integer({ min: 1, max: 30 }).chain((layers) =>
  fc.record({
    layers: fc.constant(layers),
    traces: fc.array(run(layers), { minLength: 2, maxLength: 3 }),
    swap: fc.option(fc.tuple(fc.nat(layers - 1), fc.nat(layers - 1))),
  }),
);

describe('trace alignment by layer', () => {
  it('puts each layer at the same place in every trace, keeping time in order and lengths unchanged', () => {
    fc.assert(
      fc.property(scenario, ({ layers, traces, swap }) => {
        // The last trace renamed two layers' places: those come out of order there.
        if (swap) {
          const last = traces[traces.length - 1]!;
          const [a, b] = swap.map((i) => last.find((r) => r.name === `L${i}`));
          if (a && b) [a.name, b.name] = [b.name, a.name];
        }
        const rows: AlignmentInput[] = Array.from({ length: layers }, (_, i) => ({
          key: `L${i}`,
          names: traces.map(() => `L${i}`),
        }));
        const alignment = alignTraces(traces, rows);
        for (const place of alignment.rows) {
          place.ranges.forEach((range, e) => {
            // One instant cannot land in two places: of layers starting at the same time, the last one placed wins.
            const sameStart = alignment.rows.filter((other) => other.ranges[e]?.startNs === range?.startNs);
            if (!range || sameStart[sameStart.length - 1] !== place) return;
            expect(warpTime(alignment.warps[e]!, range.startNs)).toBe(place.alignedStartNs);
          });
        }
        traces.forEach((ranges, e) => {
          const warp = alignment.warps[e]!;
          const times = ranges
            .flatMap((r) => [r.startNs, (r.startNs + r.endNs) / 2, r.endNs])
            .sort((a, b) => a - b);
          for (let k = 1; k < times.length; k++)
            expect(warpTime(warp, times[k]!)).toBeGreaterThanOrEqual(warpTime(warp, times[k - 1]!));
          for (const t of times) expect(unwarpTime(warp, warpTime(warp, t))).toBe(t);
          // Nothing is stretched: between two placed layers of a trace, the shared axis has at least their distance.
          const placedHere = alignment.rows.filter((place) => place.ranges[e]);
          for (let k = 1; k < placedHere.length; k++) {
            const [a, b] = [placedHere[k - 1]!, placedHere[k]!];
            expect(b.alignedStartNs - a.alignedStartNs).toBeGreaterThanOrEqual(
              b.ranges[e]!.startNs - a.ranges[e]!.startNs,
            );
          }
        });
        // Every layer found in two or more traces is either placed or counted out of order.
        const placedCells = alignment.rows.reduce((n, place) => n + place.ranges.filter(Boolean).length, 0);
        const shared = rows.reduce((n, row) => {
          const found = traces.filter((ranges) => ranges.some((r) => r.name === row.key)).length;
          return n + (found >= 2 ? found : 0);
        }, 0);
        expect(placedCells + alignment.outOfOrder).toBe(shared);
      }),
      { numRuns: 300 },
    );
  });

  it('aligns two runs of the real ResNet-18 ONNX Runtime profile layer by layer', async () => {
    const [trace] = (
      await importOrtProfile(fixture('traces', 'ort_resnet18_cpu_2026-11-21_11-45-27_469.json'))
    ).traces;
    const windows = modelRunWindows(trace!);
    expect(windows).toHaveLength(3);
    const [first, second] = [layerRanges(trace!, windows[0]), layerRanges(trace!, windows[1])];
    expect(first).toHaveLength(25);
    expect(second.map((r) => r.name)).toEqual(first.map((r) => r.name));
    const rows = first.map((r) => ({ key: r.name, names: [r.name, r.name] }));
    const alignment = alignTraces([first, second], rows);
    expect(alignment.alignedInAll).toBe(25);
    expect(alignment.outOfOrder).toBe(0);
    for (const [k, place] of alignment.rows.entries()) {
      const [a, b] = [first[k]!, second[k]!];
      expect(warpTime(alignment.warps[0]!, a.startNs)).toBe(place.alignedStartNs);
      expect(warpTime(alignment.warps[1]!, b.startNs)).toBe(place.alignedStartNs);
      // A row is as wide as the slower run's time from this layer to the next.
      const next =
        k + 1 < first.length
          ? [first[k + 1]!.startNs - a.startNs, second[k + 1]!.startNs - b.startNs]
          : [a.endNs - a.startNs, b.endNs - b.startNs];
      expect(place.widthNs).toBeCloseTo(Math.max(...next), 6);
    }
    // A layer keeps its length on the shared axis; the model run that holds them all stretches to cover them.
    const [layerStart, layerEnd] = warpSpan(alignment.warps[0]!, first[3]!.startNs, first[3]!.endNs);
    expect(layerEnd - layerStart).toBe(first[3]!.endNs - first[3]!.startNs);
    const [, runEnd] = warpSpan(alignment.warps[0]!, windows[0]!.startNs, windows[0]!.endNs);
    const lastLayer = alignment.rows[alignment.rows.length - 1]!;
    expect(runEnd).toBeGreaterThanOrEqual(lastLayer.alignedStartNs + (first[24]!.endNs - first[24]!.startNs));
    // The second run starts later in the trace, yet its first layer lands where the first run's does.
    expect(second[0]!.startNs).toBeGreaterThan(first[0]!.endNs);
    expect(alignment.rows[0]!.alignedStartNs).toBe(Math.max(first[0]!.startNs, second[0]!.startNs));
  });
});
