/**
 * Builds a columnar Trace span by span, growing its typed arrays geometrically and interning strings.
 */
import type {
  CopyKind,
  FlowColumns,
  KernelColumns,
  SpanColumns,
  SpanInput,
  SpanKind,
  Trace,
  Track,
} from './trace';

export function emptySpanColumns(capacity = 0): SpanColumns {
  return {
    count: 0,
    start: new Float64Array(capacity),
    duration: new Float64Array(capacity),
    track: new Uint32Array(capacity),
    name: new Uint32Array(capacity),
    kind: new Uint8Array(capacity),
    depth: new Uint8Array(capacity),
    correlation: new Float64Array(capacity),
    layer: new Int32Array(capacity).fill(-1),
    bytes: new Float64Array(capacity),
    copyKind: new Uint8Array(capacity),
  };
}

function grow<T extends Float64Array | Uint32Array | Uint8Array | Int32Array | Uint16Array>(
  array: T,
  capacity: number,
  fill = 0,
): T {
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}

export class TraceBuilder {
  readonly tracks: Track[] = [];
  readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private spans: SpanColumns;
  private flowFrom = new Uint32Array(0);
  private flowTo = new Uint32Array(0);
  private flowCount = 0;
  private kernel?: KernelColumns;
  readonly warnings: string[] = [];

  constructor(initialCapacity = 1024) {
    this.spans = emptySpanColumns(initialCapacity);
  }

  get spanCount(): number {
    return this.spans.count;
  }

  /** Index of a string in the string table, adding it once. */
  intern(text: string): number {
    let index = this.stringIndex.get(text);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(text);
      this.stringIndex.set(text, index);
    }
    return index;
  }

  addTrack(track: Omit<Track, 'id'>): number {
    const id = this.tracks.length;
    this.tracks.push({ ...track, id });
    return id;
  }

  /** Makes room for `extra` more spans (call once with a known count to avoid regrowth). */
  reserve(extra: number): void {
    const needed = this.spans.count + extra;
    const s = this.spans;
    if (needed <= s.start.length) return;
    const capacity = Math.max(needed, Math.ceil(s.start.length * 1.5), 16);
    this.spans = {
      count: s.count,
      start: grow(s.start, capacity),
      duration: grow(s.duration, capacity),
      track: grow(s.track, capacity),
      name: grow(s.name, capacity),
      kind: grow(s.kind, capacity),
      depth: grow(s.depth, capacity),
      correlation: grow(s.correlation, capacity),
      layer: grow(s.layer, capacity, -1),
      bytes: grow(s.bytes, capacity),
      copyKind: grow(s.copyKind, capacity),
    };
  }

  /** Adds a span and returns its index. */
  addSpan(span: SpanInput): number {
    this.reserve(1);
    const s = this.spans;
    const i = s.count++;
    s.start[i] = span.startNs;
    s.duration[i] = span.durationNs;
    s.track[i] = span.track;
    s.name[i] = this.intern(span.name);
    s.kind[i] = span.kind;
    s.depth[i] = span.depth ?? 0;
    s.correlation[i] = span.correlation ?? 0;
    s.layer[i] = span.layer === undefined ? -1 : this.intern(span.layer);
    s.bytes[i] = span.bytes ?? 0;
    s.copyKind[i] = span.copyKind ?? 0;
    return i;
  }

  /**
   * Adds a span whose name is already interned and returns its index: the path of bulk importers,
   * which intern each distinct name once. Depth 0, no layer, no bytes until set.
   */
  appendSpan(
    startNs: number,
    durationNs: number,
    track: number,
    name: number,
    kind: SpanKind,
    correlation = 0,
  ): number {
    if (this.spans.count === this.spans.start.length) this.reserve(1);
    const s = this.spans;
    const i = s.count++;
    s.start[i] = startNs;
    s.duration[i] = durationNs;
    s.track[i] = track;
    s.name[i] = name;
    s.kind[i] = kind;
    s.correlation[i] = correlation;
    return i;
  }

  /** Sets the interned name of span `index`. */
  setNameIndex(index: number, name: number): void {
    this.spans.name[index] = name;
  }

  /** Sets the nesting depth of span `index` on its track. */
  setDepth(index: number, depth: number): void {
    this.spans.depth[index] = depth;
  }

  /** Sets the bytes and copy kind of memcpy/memset span `index`. */
  setTransfer(index: number, bytes: number, copyKind: CopyKind): void {
    this.spans.bytes[index] = bytes;
    this.spans.copyKind[index] = copyKind;
  }

  /** Makes room for `extra` more kernel launch rows and returns the columns, for importers that fill them in bulk. */
  reserveKernels(extra: number): KernelColumns {
    const needed = (this.kernel?.count ?? 0) + extra;
    if (!this.kernel || needed > this.kernel.span.length)
      this.kernel = growKernel(
        this.kernel,
        Math.max(needed, Math.ceil((this.kernel?.span.length ?? 0) * 1.5), 16),
      );
    return this.kernel;
  }

  /** Records the launch configuration of kernel span `index` (appends a kernel row). */
  setKernelInfo(
    index: number,
    info: {
      grid: [number, number, number];
      block: [number, number, number];
      registers: number;
      sharedMemory: number;
    },
  ): void {
    const k = this.reserveKernels(1);
    const row = k.count++;
    k.span[row] = index;
    k.gridX[row] = info.grid[0];
    k.gridY[row] = info.grid[1];
    k.gridZ[row] = info.grid[2];
    k.blockX[row] = info.block[0];
    k.blockY[row] = info.block[1];
    k.blockZ[row] = info.block[2];
    k.registersPerThread[row] = info.registers;
    k.sharedMemoryBytes[row] = info.sharedMemory;
  }

  /** Sets the enclosing layer/NVTX name of span `index`. */
  setLayer(index: number, layer: string): void {
    this.spans.layer[index] = this.intern(layer);
  }

  /** Sets the enclosing layer of span `index` by its interned name (-1: none). */
  setLayerIndex(index: number, layer: number): void {
    this.spans.layer[index] = layer;
  }

  /** The interned layer name of span `index` (-1: none). */
  layerIndexOf(index: number): number {
    return this.spans.layer[index]!;
  }

  addFlow(from: number, to: number): void {
    if (this.flowCount === this.flowFrom.length) {
      const capacity = Math.max(16, this.flowCount * 2);
      this.flowFrom = grow(this.flowFrom, capacity);
      this.flowTo = grow(this.flowTo, capacity);
    }
    this.flowFrom[this.flowCount] = from;
    this.flowTo[this.flowCount] = to;
    this.flowCount++;
  }

  /** The columns as built so far, to read (write through the methods above). */
  get columns(): SpanColumns {
    return this.spans;
  }

  build(meta: { id: string; source: string; files?: string[]; originNs?: number }): Trace {
    const s = this.spans;
    const n = s.count;
    const spans: SpanColumns = {
      count: n,
      start: s.start.subarray(0, n),
      duration: s.duration.subarray(0, n),
      track: s.track.subarray(0, n),
      name: s.name.subarray(0, n),
      kind: s.kind.subarray(0, n),
      depth: s.depth.subarray(0, n),
      correlation: s.correlation.subarray(0, n),
      layer: s.layer.subarray(0, n),
      bytes: s.bytes.subarray(0, n),
      copyKind: s.copyKind.subarray(0, n),
    };
    const flows: FlowColumns = {
      count: this.flowCount,
      from: this.flowFrom.subarray(0, this.flowCount),
      to: this.flowTo.subarray(0, this.flowCount),
    };
    const trace: Trace = {
      id: meta.id,
      source: meta.source,
      files: meta.files ?? [],
      tracks: this.tracks,
      strings: this.strings,
      spans,
      flows,
      warnings: this.warnings,
    };
    if (meta.originNs !== undefined) trace.originNs = meta.originNs;
    if (this.kernel && this.kernel.count > 0) trace.kernelInfo = sliceKernel(this.kernel);
    return trace;
  }
}

function growKernel(k: KernelColumns | undefined, capacity: number): KernelColumns {
  const make = <T extends Uint32Array | Uint16Array>(a: T | undefined, C: new (n: number) => T): T =>
    a ? grow(a, capacity) : new C(capacity);
  return {
    count: k?.count ?? 0,
    span: make(k?.span, Uint32Array),
    gridX: make(k?.gridX, Uint32Array),
    gridY: make(k?.gridY, Uint32Array),
    gridZ: make(k?.gridZ, Uint32Array),
    blockX: make(k?.blockX, Uint32Array),
    blockY: make(k?.blockY, Uint32Array),
    blockZ: make(k?.blockZ, Uint32Array),
    registersPerThread: make(k?.registersPerThread, Uint16Array),
    sharedMemoryBytes: make(k?.sharedMemoryBytes, Uint32Array),
  };
}

function sliceKernel(k: KernelColumns): KernelColumns {
  const n = k.count;
  return {
    count: n,
    span: k.span.subarray(0, n),
    gridX: k.gridX.subarray(0, n),
    gridY: k.gridY.subarray(0, n),
    gridZ: k.gridZ.subarray(0, n),
    blockX: k.blockX.subarray(0, n),
    blockY: k.blockY.subarray(0, n),
    blockZ: k.blockZ.subarray(0, n),
    registersPerThread: k.registersPerThread.subarray(0, n),
    sharedMemoryBytes: k.sharedMemoryBytes.subarray(0, n),
  };
}
