/**
 * `nsys stats`-style summaries of any Trace (Nsight Systems, Kineto, Chrome, ONNX Runtime, the studio's
 * own): time per kernel name (cuda_gpu_kern_sum), per CUDA API call (cuda_api_sum), memory copies by
 * kind with their sizes (cuda_gpu_mem_time_sum / cuda_gpu_mem_size_sum), NVTX ranges (nvtx_sum), layers
 * and pipeline stages, and the gaps where a GPU ran nothing at all.
 */
import { CopyKind, SpanKind, type Trace } from '../model/trace';
import { summarize } from '../model/statistics';
import type { CopyStats, GpuIdle, IdleGap, NameStats, TraceSummary } from '../model/trace-stats';

export type { CopyStats, GpuIdle, IdleGap, NameStats, TraceSummary };

const LONGEST_GAPS = 5;
const MEMSET = 'memset';

const COPY_LABELS: Record<number, string> = {
  [CopyKind.HtoD]: 'HtoD',
  [CopyKind.DtoH]: 'DtoH',
  [CopyKind.HtoA]: 'HtoA',
  [CopyKind.AtoH]: 'AtoH',
  [CopyKind.AtoA]: 'AtoA',
  [CopyKind.AtoD]: 'AtoD',
  [CopyKind.DtoA]: 'DtoA',
  [CopyKind.DtoD]: 'DtoD',
  [CopyKind.HtoH]: 'HtoH',
  [CopyKind.PtoP]: 'PtoP',
};
const COPY_IN_NAME = /\b(HtoD|DtoH|HtoA|AtoH|AtoA|AtoD|DtoA|DtoD|HtoH|PtoP)\b/;

/** Kind of one copy: its copyKind, else the direction named in its name (Kineto's "Memcpy HtoD (...)"). */
export function copyLabel(kind: SpanKind, copyKind: number, name: string): string {
  if (kind === SpanKind.Memset) return MEMSET;
  return COPY_LABELS[copyKind] ?? COPY_IN_NAME.exec(name)?.[1] ?? 'unknown';
}

/** Groups span durations by a key; returns rows sorted by total time, longest first. */
class Grouper {
  /** By key: a name's index in the trace's strings, or a copy kind's in the summary's list. */
  private readonly groups = new Map<number, { durations: number[]; bytes: number[] }>();
  private lastKey = -1;
  private last: { durations: number[]; bytes: number[] } | undefined;

  constructor(
    private readonly nameOf: (key: number) => string,
    private readonly keepBytes = false,
  ) {}

  add(key: number, durationNs: number, bytes = 0): void {
    // Spans of one name come in runs: the last group saves a lookup per span.
    let group = key === this.lastKey ? this.last : this.groups.get(key);
    if (!group) this.groups.set(key, (group = { durations: [], bytes: [] }));
    this.lastKey = key;
    this.last = group;
    group.durations.push(durationNs);
    if (this.keepBytes) group.bytes.push(bytes);
  }

  rows(): NameStats[] {
    return this.withBytes().map(({ stats }) => stats);
  }

  copyRows(): CopyStats[] {
    return this.withBytes().map(({ stats, bytes }) => {
      let totalBytes = 0;
      let minBytes = Infinity;
      let maxBytes = 0;
      for (const b of bytes) {
        totalBytes += b;
        minBytes = Math.min(minBytes, b);
        maxBytes = Math.max(maxBytes, b);
      }
      return {
        ...stats,
        totalBytes,
        meanBytes: bytes.length > 0 ? totalBytes / bytes.length : 0,
        minBytes: bytes.length > 0 ? minBytes : 0,
        maxBytes,
        bandwidthGBps: stats.totalNs > 0 && stats.name !== MEMSET ? totalBytes / stats.totalNs : null,
      };
    });
  }

  private withBytes(): { stats: NameStats; bytes: number[] }[] {
    let sectionTotal = 0;
    const rows = [...this.groups].map(([key, group]) => {
      const name = this.nameOf(key);
      // summarize() is unit-free: fed nanoseconds, its "Ms" fields hold nanoseconds.
      const s = summarize(group.durations);
      sectionTotal += s.totalMs;
      return {
        bytes: group.bytes,
        stats: {
          name,
          count: s.count,
          totalNs: s.totalMs,
          meanNs: s.meanMs,
          medianNs: s.medianMs,
          minNs: s.minMs ?? 0,
          maxNs: s.maxMs ?? 0,
          stdNs: s.stdMs ?? 0,
          sharePercent: 0,
        },
      };
    });
    for (const row of rows)
      row.stats.sharePercent = sectionTotal > 0 ? (100 * row.stats.totalNs) / sectionTotal : 0;
    return rows.sort((a, b) => b.stats.totalNs - a.stats.totalNs || a.stats.name.localeCompare(b.stats.name));
  }
}

const isGpuWork = (kind: number): boolean =>
  kind === SpanKind.Kernel || kind === SpanKind.Memcpy || kind === SpanKind.Memset;

/** A span's duration as summaries count it: negative and NaN durations are zero. */
const durationOf = (value: number): number => (value > 0 && Number.isFinite(value) ? value : 0);

export function summarizeTrace(trace: Trace): TraceSummary {
  const { spans, strings } = trace;
  const nameOf = (key: number) => strings[key] ?? '';
  const kernels = new Grouper(nameOf);
  const api = new Grouper(nameOf);
  const nvtx = new Grouper(nameOf);
  const layers = new Grouper(nameOf);
  const stages = new Grouper(nameOf);
  const copyKinds: string[] = [];
  const copies = new Grouper((key) => copyKinds[key]!, true);
  let startNs = Infinity;
  let endNs = -Infinity;
  for (let i = 0; i < spans.count; i++) {
    const start = spans.start[i]!;
    if (!Number.isFinite(start)) continue;
    const duration = durationOf(spans.duration[i]!);
    startNs = Math.min(startNs, start);
    endNs = Math.max(endNs, start + duration);
    const name = spans.name[i]!;
    const kind = spans.kind[i]!;
    switch (kind) {
      case SpanKind.Kernel:
        kernels.add(name, duration);
        break;
      case SpanKind.Runtime:
        api.add(name, duration);
        break;
      case SpanKind.Memcpy:
      case SpanKind.Memset: {
        const label = copyLabel(kind, spans.copyKind[i]!, nameOf(name));
        let key = copyKinds.indexOf(label);
        if (key < 0) key = copyKinds.push(label) - 1;
        copies.add(key, duration, spans.bytes[i]!);
        break;
      }
      case SpanKind.Nvtx:
        nvtx.add(name, duration);
        break;
      case SpanKind.Layer:
        layers.add(name, duration);
        break;
      case SpanKind.PreProcess:
      case SpanKind.Inference:
      case SpanKind.PostProcess:
        stages.add(name, duration);
        break;
    }
  }
  if (startNs > endNs) startNs = endNs = 0;
  return {
    traceId: trace.id,
    source: trace.source,
    files: trace.files,
    spanCount: spans.count,
    trackCount: trace.tracks.length,
    startNs,
    endNs,
    kernels: kernels.rows(),
    apiCalls: api.rows(),
    copies: copies.copyRows(),
    nvtxRanges: nvtx.rows(),
    layers: layers.rows(),
    stages: stages.rows(),
    gpuIdle: gpuIdleGaps(trace),
    warnings: [...trace.warnings],
  };
}

/** Keeps the LONGEST_GAPS longest gaps, longest first (earlier first on equal lengths). */
function keepLongest(longest: IdleGap[], gap: IdleGap): void {
  if (longest.length === LONGEST_GAPS && gap.durationNs <= longest[LONGEST_GAPS - 1]!.durationNs) return;
  let at = longest.length;
  while (at > 0 && longest[at - 1]!.durationNs < gap.durationNs) at--;
  longest.splice(at, 0, gap);
  if (longest.length > LONGEST_GAPS) longest.pop();
}

/** Idle time per GPU: the gaps in the union of its kernels, copies and memsets over all its streams. */
export function gpuIdleGaps(trace: Trace): GpuIdle[] {
  const { spans, tracks } = trace;
  const deviceOfTrack = tracks.map((track) =>
    track.deviceId !== undefined
      ? `GPU ${track.deviceId}`
      : (track.processName ?? `process ${track.pid ?? 0}`),
  );
  const byDevice = new Map<string, { spans: number[]; streams: Set<number> }>();
  for (let i = 0; i < spans.count; i++) {
    if (!isGpuWork(spans.kind[i]!) || !Number.isFinite(spans.start[i]!)) continue;
    const track = spans.track[i]!;
    const device = deviceOfTrack[track] ?? 'GPU';
    let entry = byDevice.get(device);
    if (!entry) byDevice.set(device, (entry = { spans: [], streams: new Set() }));
    entry.spans.push(i);
    entry.streams.add(track);
  }
  return [...byDevice].map(([device, entry]) => {
    // Starts and ends sorted apart (native numeric sorts): a sweep over them finds where nothing runs.
    const n = entry.spans.length;
    const starts = new Float64Array(n);
    const ends = new Float64Array(n);
    entry.spans.forEach((span, k) => {
      starts[k] = spans.start[span]!;
      ends[k] = starts[k]! + durationOf(spans.duration[span]!);
    });
    starts.sort();
    ends.sort();
    const longest: IdleGap[] = [];
    let [busyNs, active, segmentStart, lastEnd, gapCount] = [0, 0, 0, NaN, 0];
    for (let i = 0, j = 0; j < n;) {
      // A start at the very time another span ends continues the busy stretch.
      if (i < n && starts[i]! <= ends[j]!) {
        if (active === 0) {
          if (starts[i]! > lastEnd) {
            gapCount++;
            keepLongest(longest, { startNs: lastEnd, endNs: starts[i]!, durationNs: starts[i]! - lastEnd });
          }
          segmentStart = starts[i]!;
        }
        active++;
        i++;
      } else {
        active--;
        if (active === 0) {
          busyNs += ends[j]! - segmentStart;
          lastEnd = ends[j]!;
        }
        j++;
      }
    }
    const [first, last] = [starts[0]!, ends[n - 1]!];
    const rangeNs = last - first;
    const idleNs = rangeNs - busyNs;
    return {
      device,
      streams: entry.streams.size,
      startNs: first,
      endNs: last,
      busyNs,
      idleNs,
      idlePercent: rangeNs > 0 ? (100 * idleNs) / rangeNs : 0,
      gapCount,
      longest,
    };
  });
}
