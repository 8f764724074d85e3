/**
 * Any Trace -> Chrome trace JSON that opens in Perfetto and chrome://tracing: process and thread names
 * (M events), one tid per track (so each GPU stream is its own row), spans as complete (X) events with
 * ts/dur in µs carrying ns precision, flow arrows launch -> kernel (s/f pairs, "bp": "e"). A track whose
 * spans overlap without nesting (which one thread cannot show) is split into lanes, one tid each.
 * A `trtStudio` block keeps the trace id, source and wall-clock origin so the file reads back unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { categoryOfKind } from '../model/span-kinds';
import { nestingDepths, spansByTrack } from '../model/span-nesting';
import { CopyKind, SpanKind, type Trace, type Track } from '../model/trace';

export type ChromeTraceEvent = Record<string, unknown>;

/** Where each span goes: pid and tid per span, plus the rows to name. */
interface Layout {
  pidOfSpan: Float64Array;
  tidOfSpan: Float64Array;
  /** Row of each span in trace.kernelInfo, -1 where none. */
  kernelRow: Int32Array;
  rows: { pid: number; tid: number; name: string; sortIndex: number }[];
  processes: Map<number, string>;
}

const GPU_PID_BASE = 1_000_000_000;

/** Processes: a CPU track's own pid; GPU streams grouped per (process, device) under a pid of their own. */
function processOf(track: Track, gpuPids: Map<string, number>, processes: Map<number, string>): number {
  if (track.kind === 'gpu-stream') {
    const key = `${track.pid ?? ''}:${track.deviceId ?? 0}`;
    let pid = gpuPids.get(key);
    if (pid === undefined) {
      pid = GPU_PID_BASE + gpuPids.size;
      gpuPids.set(key, pid);
      const owner = track.processName ? `${track.processName} ` : '';
      processes.set(pid, `${owner}GPU ${track.deviceId ?? 0}`.trim());
    }
    return pid;
  }
  const pid = track.pid ?? 0;
  if (!processes.has(pid))
    processes.set(pid, track.processName ?? (track.pid === undefined ? 'Trace' : `Process ${pid}`));
  return pid;
}

/** First-fit lanes of one track's spans (sorted by start): each lane holds disjoint spans. */
function lanesOf(spanList: Uint32Array, trace: Trace): Uint32Array {
  const laneEnds: number[] = [];
  const lanes = new Uint32Array(spanList.length);
  spanList.forEach((span, k) => {
    const start = trace.spans.start[span]!;
    let lane = laneEnds.findIndex((end) => end <= start);
    if (lane < 0) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = start + trace.spans.duration[span]!;
    lanes[k] = lane;
  });
  return lanes;
}

function layout(trace: Trace): Layout {
  const { broken } = nestingDepths(trace.spans, trace.tracks.length);
  const byTrack = spansByTrack(trace.spans, trace.tracks.length);
  const pidOfSpan = new Float64Array(trace.spans.count);
  const tidOfSpan = new Float64Array(trace.spans.count);
  const rows: Layout['rows'] = [];
  const processes = new Map<number, string>();
  const gpuPids = new Map<string, number>();
  let nextTid = 1;
  for (const track of trace.tracks) {
    const pid = processOf(track, gpuPids, processes);
    const list = byTrack[track.id] ?? new Uint32Array(0);
    const lanes = broken.has(track.id) ? lanesOf(list, trace) : new Uint32Array(list.length);
    const laneCount = list.length === 0 ? 1 : Math.max(...lanes) + 1;
    const firstTid = nextTid;
    nextTid += laneCount;
    for (let lane = 0; lane < laneCount; lane++) {
      rows.push({
        pid,
        tid: firstTid + lane,
        name: lane === 0 ? track.name : `${track.name} (lane ${lane + 1})`,
        sortIndex: rows.length,
      });
    }
    list.forEach((span, k) => {
      pidOfSpan[span] = pid;
      tidOfSpan[span] = firstTid + lanes[k]!;
    });
  }
  return { pidOfSpan, tidOfSpan, kernelRow: kernelRowOfSpan(trace), rows, processes };
}

/** Kernel launch rows are sparse (one per kernel that has one): index them by span. */
function kernelRowOfSpan(trace: Trace): Int32Array {
  const rows = new Int32Array(trace.spans.count).fill(-1);
  const k = trace.kernelInfo;
  if (k) for (let row = 0; row < k.count; row++) rows[k.span[row]!] = row;
  return rows;
}

/** µs with ns precision: three decimals at most, no float noise. */
const micros = (ns: number): number => Math.round(ns) / 1000;

function spanEvent(trace: Trace, at: Layout, i: number): ChromeTraceEvent {
  const s = trace.spans;
  const args: Record<string, unknown> = {};
  if (s.layer[i]! >= 0) args.layer = trace.strings[s.layer[i]!];
  if (s.correlation[i]) args.correlation = s.correlation[i];
  if (s.kind[i] === SpanKind.Memcpy || s.kind[i] === SpanKind.Memset) args.bytes = s.bytes[i];
  const k = trace.kernelInfo;
  const row = at.kernelRow[i]!;
  if (k && row >= 0) {
    args.grid = [k.gridX[row], k.gridY[row], k.gridZ[row]];
    args.block = [k.blockX[row], k.blockY[row], k.blockZ[row]];
    args.registersPerThread = k.registersPerThread[row];
    args.sharedMemoryBytes = k.sharedMemoryBytes[row];
  }
  if (s.kind[i] === SpanKind.Memcpy) {
    args.copyKind = s.copyKind[i];
    args.copy = CopyKind[s.copyKind[i]!] ?? 'Unknown';
  }
  return {
    ph: 'X',
    cat: categoryOfKind(s.kind[i] as SpanKind),
    name: trace.strings[s.name[i]!],
    pid: at.pidOfSpan[i],
    tid: at.tidOfSpan[i],
    ts: micros(s.start[i]!),
    dur: micros(s.duration[i]!),
    ...(Object.keys(args).length > 0 && { args }),
  };
}

/**
 * Flow ends sit at their span's start: the enclosing slice there is the span itself (a later-starting
 * child cannot cover it), which is what both viewers and the importer bind to.
 */
function flowEvents(trace: Trace, at: Layout, flow: number): ChromeTraceEvent[] {
  const from = trace.flows.from[flow]!;
  const to = trace.flows.to[flow]!;
  const startOf = (span: number): number => micros(trace.spans.start[span]!);
  const common = { cat: 'launch', name: 'launch', id: flow + 1 };
  return [
    { ph: 's', ...common, pid: at.pidOfSpan[from], tid: at.tidOfSpan[from], ts: startOf(from) },
    { ph: 'f', bp: 'e', ...common, pid: at.pidOfSpan[to], tid: at.tidOfSpan[to], ts: startOf(to) },
  ];
}

/** Every event of the export, in order: metadata, spans, flows. */
export function* chromeTraceEvents(trace: Trace): Generator<ChromeTraceEvent> {
  const at = layout(trace);
  let processSort = 0;
  for (const [pid, name] of at.processes) {
    yield { ph: 'M', name: 'process_name', pid, tid: 0, args: { name } };
    yield { ph: 'M', name: 'process_sort_index', pid, tid: 0, args: { sort_index: processSort++ } };
  }
  for (const row of at.rows) {
    yield { ph: 'M', name: 'thread_name', pid: row.pid, tid: row.tid, args: { name: row.name } };
    yield {
      ph: 'M',
      name: 'thread_sort_index',
      pid: row.pid,
      tid: row.tid,
      args: { sort_index: row.sortIndex },
    };
  }
  for (let i = 0; i < trace.spans.count; i++) yield spanEvent(trace, at, i);
  for (let flow = 0; flow < trace.flows.count; flow++) yield* flowEvents(trace, at, flow);
}

function header(trace: Trace): Record<string, unknown> {
  return {
    displayTimeUnit: 'ns',
    trtStudio: {
      traceId: trace.id,
      source: trace.source,
      ...(trace.originNs !== undefined && { originNs: trace.originNs }),
    },
  };
}

/** The whole document as an object (fine for small traces; use writeChromeTrace for large ones). */
export function chromeTraceDocument(trace: Trace): Record<string, unknown> {
  return { ...header(trace), traceEvents: [...chromeTraceEvents(trace)] };
}

const CHUNK_CHARS = 1 << 20;

/** Streams a header and events to `file` (through a temporary file renamed at the end): no giant string. */
function streamChromeTrace(
  file: string,
  head: Record<string, unknown>,
  events: Iterable<ChromeTraceEvent>,
): void {
  const temp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(temp, 'w');
  let closed = false;
  try {
    let chunk = `${JSON.stringify(head).slice(0, -1)},"traceEvents":[\n`;
    let first = true;
    for (const event of events) {
      chunk += (first ? '' : ',\n') + JSON.stringify(event);
      first = false;
      if (chunk.length >= CHUNK_CHARS) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
    fs.writeSync(fd, `${chunk}\n]}\n`);
    fs.closeSync(fd);
    closed = true;
    fs.renameSync(temp, file);
  } catch (error) {
    if (!closed) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Streams the export of one trace to `file`. */
export function writeChromeTrace(trace: Trace, file: string): void {
  streamChromeTrace(file, header(trace), chromeTraceEvents(trace));
}

/** A trace and the name its processes are shown under in a merged export. */
export interface LabelledTrace {
  trace: Trace;
  label: string;
}

/**
 * The events of several traces in one file: each trace's processes get pids of their own (two traces
 * recorded by one process would otherwise share rows) and names prefixed by the trace's label; flow
 * ids are kept apart the same way.
 */
export function* mergedChromeTraceEvents(parts: LabelledTrace[]): Generator<ChromeTraceEvent> {
  const pids = new Map<string, number>();
  let flowBase = 0;
  for (const [index, { trace, label }] of parts.entries()) {
    const pidOf = (pid: unknown): number => {
      const key = `${index}:${String(pid)}`;
      if (!pids.has(key)) pids.set(key, pids.size + 1);
      return pids.get(key)!;
    };
    for (const event of chromeTraceEvents(trace)) {
      const merged: ChromeTraceEvent = { ...event, pid: pidOf(event.pid) };
      if (event.ph === 'M' && event.name === 'process_name') {
        merged.args = { name: `${label}: ${String((event.args as { name: string }).name)}` };
      }
      if (event.ph === 'M' && event.name === 'process_sort_index') merged.args = { sort_index: merged.pid };
      if (event.ph === 's' || event.ph === 'f') merged.id = flowBase + (event.id as number);
      yield merged;
    }
    flowBase += trace.flows.count;
  }
}

/** Streams the merged export of several traces to `file`. */
export function writeChromeTraces(parts: LabelledTrace[], file: string): void {
  const head = {
    displayTimeUnit: 'ns',
    trtStudio: {
      traces: parts.map(({ trace, label }) => ({ traceId: trace.id, source: trace.source, label })),
    },
  };
  streamChromeTrace(file, head, mergedChromeTraceEvents(parts));
}
