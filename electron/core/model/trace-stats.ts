/**
 * The nsys-stats-style summary of a trace, as data (analysis/trace-summary.ts computes it): per kernel
 * name, per CUDA API call, copies by kind with their sizes, NVTX ranges, layers, pipeline stages, and
 * the gaps where a GPU ran nothing. Durations in ns.
 */

/** Durations of one name, in ns. */
export interface NameStats {
  name: string;
  count: number;
  totalNs: number;
  meanNs: number;
  medianNs: number;
  minNs: number;
  maxNs: number;
  stdNs: number;
  /** Share of the section's total time. */
  sharePercent: number;
}

/** Copies (or memsets) of one kind: their times, and the bytes they moved. */
export interface CopyStats extends NameStats {
  totalBytes: number;
  meanBytes: number;
  minBytes: number;
  maxBytes: number;
  /** totalBytes / totalNs, i.e. GB/s; null for memsets and when the copies took no time. */
  bandwidthGBps: number | null;
}

export interface IdleGap {
  startNs: number;
  endNs: number;
  durationNs: number;
}

/** When one GPU ran nothing: between its first and last activity, on every stream at once. */
export interface GpuIdle {
  device: string;
  /** Streams (tracks) of this device that hold GPU work. */
  streams: number;
  startNs: number;
  endNs: number;
  busyNs: number;
  idleNs: number;
  idlePercent: number;
  gapCount: number;
  /** The longest gaps, longest first (at most LONGEST_GAPS). */
  longest: IdleGap[];
}

export interface TraceSummary {
  traceId: string;
  source: string;
  files: string[];
  spanCount: number;
  trackCount: number;
  startNs: number;
  endNs: number;
  kernels: NameStats[];
  apiCalls: NameStats[];
  copies: CopyStats[];
  nvtxRanges: NameStats[];
  /** Engine layers and ONNX Runtime nodes. */
  layers: NameStats[];
  /** Pre-processing, inference and post-processing stages of a pipeline. */
  stages: NameStats[];
  gpuIdle: GpuIdle[];
  /** The importer's warnings about this trace. */
  warnings: string[];
}
