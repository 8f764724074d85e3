/**
 * Runs aligned by layer, as data, and the mapping of each run's time onto the shared axis
 * (analysis/trace-alignment.ts computes the alignment; the renderer draws through these functions).
 */

export interface LayerRange {
  /** The engine layer's name (ORT node name, TensorRT layer name). */
  name: string;
  startNs: number;
  endNs: number;
  /** The span that starts the range (its first kernel, for a range of kernels): where to draw it. */
  span?: number;
  track?: number;
  depth?: number;
}

export interface TimeWindow {
  startNs: number;
  endNs: number;
}

/** Which layer of each trace is the same layer: a comparison row's layer names, null where absent. */
export interface AlignmentInput {
  key: string;
  names: (string | null)[];
}

/** Time t of a trace maps to t + offsetNs[k] for the last k with sourceNs[k] <= t (k = 0 before it). */
export interface TimeWarp {
  sourceNs: Float64Array;
  offsetNs: Float64Array;
  /** sourceNs + offsetNs: where each breakpoint lands on the shared axis. */
  alignedNs: Float64Array;
}

export interface AlignedRowPlace {
  key: string;
  /** Where the row starts on the shared axis, and its width there. */
  alignedStartNs: number;
  widthNs: number;
  /** Per trace, its layer's own range (source time), null where the trace has no such layer (or it was
   * out of order there). */
  ranges: (LayerRange | null)[];
}

export interface TraceAlignment {
  warps: TimeWarp[];
  rows: AlignedRowPlace[];
  /** Rows placed in every trace, and rows that some trace had but could not place in order. */
  alignedInAll: number;
  outOfOrder: number;
}

export interface AlignedTraces {
  labels: string[];
  /** The part of each trace whose layers were aligned (its median model run, else all of it). */
  windows: (TimeWindow | null)[];
  alignment: TraceAlignment;
  /** How the rows were matched: by the engines' layer alignment, or by equal names. */
  matchedBy: 'engine-alignment' | 'layer-name';
  warnings: string[];
}

/** Index of the last breakpoint at or before t (0 when t is before the first). */
function segmentOf(key: Float64Array, t: number): number {
  let lo = 0;
  let hi = key.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

/** A trace's time on the shared axis. */
export function warpTime(warp: TimeWarp, t: number): number {
  if (warp.sourceNs.length === 0) return t;
  return t + warp.offsetNs[segmentOf(warp.sourceNs, t)]!;
}

/**
 * A span [start, end] on the shared axis: shifted with its start's stretch, and reaching as far as its
 * end's stretch when it spans several (a model run that holds the aligned layers covers them all).
 */
export function warpSpan(warp: TimeWarp, start: number, end: number): [number, number] {
  if (warp.sourceNs.length === 0) return [start, end];
  const k = segmentOf(warp.sourceNs, start);
  const from = start + warp.offsetNs[k]!;
  const next = warp.sourceNs[k + 1];
  return [from, next !== undefined && end > next ? warpTime(warp, end) : end + warp.offsetNs[k]!];
}

/** The trace time shown at shared-axis time x; inside a row's blank space, the end of the trace's stretch. */
export function unwarpTime(warp: TimeWarp, x: number): number {
  const n = warp.sourceNs.length;
  if (n === 0) return x;
  const k = segmentOf(warp.alignedNs, x);
  const t = x - warp.offsetNs[k]!;
  return k + 1 < n ? Math.min(t, warp.sourceNs[k + 1]!) : t;
}
