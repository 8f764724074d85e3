/**
 * Trace: tracks and spans stored column-wise in typed arrays so a million spans stay cheap
 * (about 60 bytes a span). Strings (span names) are interned in `strings`; spans refer to them by index.
 * Times are nanoseconds from the trace's own origin (`originNs` on the wall clock when known).
 */

export type TrackKind = 'cpu-thread' | 'gpu-stream' | 'nvtx' | 'pipeline' | 'other';

export interface Track {
  id: number;
  kind: TrackKind;
  name: string;
  /** Process and thread (CPU tracks) or device and stream (GPU tracks), when known. */
  pid?: number;
  tid?: number;
  deviceId?: number;
  streamId?: number;
  processName?: string;
}

/** What a span is. Stored as a Uint8 in `SpanColumns.kind`. */
export enum SpanKind {
  Kernel = 0,
  Memcpy = 1,
  Memset = 2,
  Runtime = 3,
  Nvtx = 4,
  Layer = 5,
  PreProcess = 6,
  PostProcess = 7,
  Inference = 8,
  Cpu = 9,
  Other = 10,
}

/** Copy direction of a memcpy span (nsys copyKind numbering). */
export enum CopyKind {
  Unknown = 0,
  HtoD = 1,
  DtoH = 2,
  HtoA = 3,
  AtoH = 4,
  AtoA = 5,
  AtoD = 6,
  DtoA = 7,
  DtoD = 8,
  HtoH = 9,
  PtoP = 10,
}

/** The span columns. All arrays have length >= count; entries past count are unused capacity. */
export interface SpanColumns {
  count: number;
  /** Start, ns. */
  start: Float64Array;
  /** Duration, ns. */
  duration: Float64Array;
  /** Index into Trace.tracks. */
  track: Uint32Array;
  /** Index into Trace.strings. */
  name: Uint32Array;
  /** SpanKind. */
  kind: Uint8Array;
  /** Nesting depth on its track (0 = outermost). */
  depth: Uint8Array;
  /** Correlation id linking a launch to its kernel (0 = none). */
  correlation: Float64Array;
  /** Index into Trace.strings of the enclosing NVTX/layer range name; -1 = none. */
  layer: Int32Array;
  /** Bytes moved (memcpy/memset); 0 otherwise. */
  bytes: Float64Array;
  /** CopyKind for memcpy spans. */
  copyKind: Uint8Array;
}

/** Launch -> kernel (or any) arrows: indices into the span columns. */
export interface FlowColumns {
  count: number;
  from: Uint32Array;
  to: Uint32Array;
}

export interface Trace {
  id: string;
  /** What produced it: 'nsys', 'cupti', 'chrome-trace', 'onnxruntime', 'pipeline', ... */
  source: string;
  /** Files it came from, when imported. */
  files: string[];
  /** Wall clock of time 0, ns since the Unix epoch, when known. */
  originNs?: number;
  tracks: Track[];
  strings: string[];
  spans: SpanColumns;
  flows: FlowColumns;
  /** Per kernel-span extra columns (grid/block/registers/shared memory), when the source gave them. */
  kernelInfo?: KernelColumns;
  warnings: string[];
}

/**
 * Launch configuration of kernel spans, sparse: one row per kernel span that has one (other spans have
 * no row, so a trace of mostly non-kernel spans pays nothing for them). Row r describes span `span[r]`;
 * the other columns are aligned to the rows, not to the spans. All arrays have length >= count.
 */
export interface KernelColumns {
  count: number;
  /** Index of the row's kernel span in the span columns. */
  span: Uint32Array;
  gridX: Uint32Array;
  gridY: Uint32Array;
  gridZ: Uint32Array;
  blockX: Uint32Array;
  blockY: Uint32Array;
  blockZ: Uint32Array;
  registersPerThread: Uint16Array;
  sharedMemoryBytes: Uint32Array;
}

/** Fields of one span as passed to TraceBuilder.addSpan. */
export interface SpanInput {
  startNs: number;
  durationNs: number;
  track: number;
  name: string;
  kind: SpanKind;
  depth?: number;
  correlation?: number;
  layer?: string;
  bytes?: number;
  copyKind?: CopyKind;
}
