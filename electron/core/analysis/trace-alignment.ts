/**
 * Two (or more) runs drawn one above the other with the same layer at the same place: given each trace's
 * layer ranges (layer-ranges.ts) and the comparison's rows (layer-alignment.ts: which layer of each
 * engine is the same layer), lays the rows out on one shared axis and says, per trace, how far to shift
 * each stretch of it.
 *
 * Nothing is stretched: a row starts where the slowest trace reaches it (each trace's stretch from one of
 * its layers to its next runs at its own speed, its spans at their real durations), and the faster ones
 * leave blank space before the next row, which is where the difference shows. Rows go in the first
 * trace's time order; a trace that ran some layers in another order keeps the longest run of rows it ran
 * in that order, and its other layers move with the row before them.
 */
import type { Comparison } from '../model/types';
import type {
  AlignedRowPlace,
  AlignmentInput,
  LayerRange,
  TimeWarp,
  TraceAlignment,
} from '../model/time-warp';

export type { AlignedRowPlace, AlignmentInput, TimeWarp, TraceAlignment };
export { unwarpTime, warpSpan, warpTime } from '../model/time-warp';

/**
 * Aligns traces by layer. `ranges[e]` are trace e's layer ranges, `rows` the comparison's rows (names
 * per trace in the same order as `ranges`). The shared axis starts where the latest first layer starts,
 * so whatever comes before the first layer (inputs, copies) keeps its place relative to it.
 */
export function alignTraces(ranges: LayerRange[][], rows: AlignmentInput[]): TraceAlignment {
  const traces = ranges.length;
  const byName = ranges.map((list) => new Map(list.map((range) => [range.name, range])));
  // Only layers found in two or more traces align anything; a layer of one trace moves with its stretch.
  const resolved = rows.flatMap((row) => {
    const cells = byName.map((names, e) => {
      const name = row.names[e];
      return (name == null ? undefined : names.get(name)) ?? null;
    });
    const present = cells.filter((cell) => cell !== null).length;
    return present >= Math.min(2, traces) && present > 0 ? [{ key: row.key, cells }] : [];
  });
  // In the first trace's time order (a row it lacks goes by the next trace that has it)...
  const firstStart = (cells: (LayerRange | null)[]) => cells.find((cell) => cell !== null)!.startNs;
  resolved.sort((a, b) => firstStart(a.cells) - firstStart(b.cells));
  // ...each trace keeps the longest run of rows whose layers it ran in that order; the others are out of order.
  let outOfOrder = 0;
  for (let e = 0; e < traces; e++) {
    const order = resolved.flatMap((row, j) => (row.cells[e] ? [j] : []));
    const kept = new Set(
      longestNonDecreasing(order.map((j) => resolved[j]!.cells[e]!.startNs)).map((k) => order[k]!),
    );
    for (const j of order) {
      if (kept.has(j)) continue;
      resolved[j]!.cells[e] = null;
      outOfOrder++;
    }
  }
  const placed = resolved.filter((row) => row.cells.some((cell) => cell !== null));
  // Row j starts no earlier than the row before, and, in each trace that has it, no earlier than that
  // trace's previous placed row plus the trace's own time between the two layers.
  const starts = new Array<number>(placed.length).fill(0);
  const previousRow = new Array<number>(traces).fill(-1);
  let base = 0;
  for (let e = 0; e < traces; e++) {
    const first = placed.find((row) => row.cells[e])?.cells[e];
    if (first) base = Math.max(base, first.startNs);
  }
  placed.forEach((row, j) => {
    let at = j === 0 ? base : starts[j - 1]!;
    row.cells.forEach((cell, e) => {
      const k = previousRow[e]!;
      if (!cell || k < 0) return;
      at = Math.max(at, starts[k]! + cell.startNs - placed[k]!.cells[e]!.startNs);
    });
    starts[j] = at;
    row.cells.forEach((cell, e) => {
      if (cell) previousRow[e] = j;
    });
  });
  const places: AlignedRowPlace[] = placed.map((row, j) => {
    const end =
      j + 1 < placed.length
        ? starts[j + 1]!
        : starts[j]! + Math.max(0, ...row.cells.map((cell) => (cell ? cell.endNs - cell.startNs : 0)));
    return { key: row.key, alignedStartNs: starts[j]!, widthNs: end - starts[j]!, ranges: row.cells };
  });
  const warps = ranges.map((_, e) => {
    const points = places.flatMap((place) => {
      const cell = place.ranges[e];
      return cell ? [{ source: cell.startNs, offset: place.alignedStartNs - cell.startNs }] : [];
    });
    return {
      sourceNs: Float64Array.from(points, (p) => p.source),
      offsetNs: Float64Array.from(points, (p) => p.offset),
      alignedNs: Float64Array.from(points, (p) => p.source + p.offset),
    };
  });
  return {
    warps,
    rows: places,
    alignedInAll: places.filter((place) => place.ranges.every((cell) => cell !== null)).length,
    outOfOrder,
  };
}

/** Indices of a longest non-decreasing subsequence of `values` (patience sorting, O(n log n)). */
export function longestNonDecreasing(values: number[]): number[] {
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[tails[mid]!]! <= value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const result: number[] = [];
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = previous[i]!) result.push(i);
  return result.reverse();
}

/** The rows of a comparison as alignment input: per engine, the name of its layer in the row. */
export function alignmentInputOf(comparison: Pick<Comparison, 'rows'>): AlignmentInput[] {
  return comparison.rows.map((row) => ({
    key: row.key,
    names: row.cells.map((cell) => cell?.layerName ?? null),
  }));
}
