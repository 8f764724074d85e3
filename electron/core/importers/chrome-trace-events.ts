/**
 * Chrome trace events (the JSON Array / Object format of chrome://tracing, Perfetto, Kineto, ONNX
 * Runtime) -> a Trace. Complete (X) and begin/end (B/E) events become spans on one track per (pid, tid);
 * M events name processes and threads and order them; s/f flow pairs (Kineto's `ac2g` launch -> kernel
 * arrows) become flows bound to the spans that enclose their ends. Counters, instants and async events
 * are counted and noted, not drawn. Malformed events are skipped and counted in a warning naming the file.
 */
import { SpanKind, type Trace } from '../model/trace';
import { TraceBuilder } from '../model/trace-builder';
import { StudioError } from '../errors';
import { isRecord } from './json-input';
import { isGpuKind, kindOfCategory } from '../model/span-kinds';
import { bindFlows, type FlowEnd } from './chrome-trace-flows';
import { assignDepths } from '../model/span-nesting';

/** A time (µs) or duration beyond about three years is not a trace value but a corrupt one. */
const MAX_ABS_US = 1e17;
const MAX_DURATION_US = 1e14;

interface PendingSpan {
  trackKey: string;
  startUs: number;
  durationUs: number;
  name: string;
  kind: SpanKind;
  args: Record<string, unknown> | undefined;
}

interface TrackMeta {
  processNames: Map<string, string>;
  processSort: Map<string, number>;
  threadNames: Map<string, string>;
  threadSort: Map<string, number>;
}

export interface ChromeTraceOptions {
  id: string;
  source: string;
  file: string;
  /** Time (µs) that becomes 0 ns; defaults to the earliest span. The studio's own export sets 0. */
  timeZeroUs?: number;
  /** Span kind of an event; defaults to the category table of model/span-kinds. */
  kindOf?: (category: string | undefined, name: string) => SpanKind;
}

const trackKeyOf = (pid: unknown, tid: unknown): string => `${String(pid ?? 0)}\u0000${String(tid ?? 0)}`;

function finiteNumber(value: unknown, limit: number): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && Math.abs(number) <= limit
    ? number
    : undefined;
}

/** The event list of a trace document: an array, or an object with `traceEvents`. */
export function traceEventsOf(document: unknown, file: string): unknown[] {
  if (Array.isArray(document)) return document;
  if (isRecord(document) && Array.isArray(document.traceEvents)) return document.traceEvents;
  throw new StudioError(
    file,
    'not a Chrome trace: expected a JSON array of events or an object with "traceEvents"',
  );
}

class ChromeTraceReader {
  readonly spans: PendingSpan[] = [];
  readonly flowEnds: FlowEnd[] = [];
  readonly meta: TrackMeta = {
    processNames: new Map(),
    processSort: new Map(),
    threadNames: new Map(),
    threadSort: new Map(),
  };
  readonly ignored = new Map<string, number>();
  private readonly open = new Map<string, PendingSpan[]>();
  invalid = 0;
  unmatchedEnds = 0;

  constructor(private readonly options: ChromeTraceOptions) {}

  private kindOf(category: string | undefined, name: string): SpanKind {
    return this.options.kindOf ? this.options.kindOf(category, name) : kindOfCategory(category);
  }

  private ignore(what: string): void {
    this.ignored.set(what, (this.ignored.get(what) ?? 0) + 1);
  }

  read(event: unknown): void {
    if (!isRecord(event) || typeof event.ph !== 'string') {
      this.invalid++;
      return;
    }
    switch (event.ph) {
      case 'X':
      case 'B':
      case 'E':
        return this.readDuration(event);
      case 'M':
        return this.readMetadata(event);
      case 's':
      case 'f':
        return this.readFlow(event);
      case 'C':
        return this.ignore('counter');
      case 'i':
      case 'I':
      case 'R':
        return this.ignore('instant');
      default:
        return this.ignore(`"${event.ph}"`);
    }
  }

  private readDuration(event: Record<string, unknown>): void {
    const ts = finiteNumber(event.ts, MAX_ABS_US);
    const dur = event.ph === 'X' ? finiteNumber(event.dur, MAX_DURATION_US) : 0;
    if (ts === undefined || dur === undefined || dur < 0) {
      this.invalid++;
      return;
    }
    const trackKey = trackKeyOf(event.pid, event.tid);
    const category = typeof event.cat === 'string' ? event.cat : undefined;
    const name = typeof event.name === 'string' ? event.name : String(event.name ?? '');
    const args = isRecord(event.args) ? event.args : undefined;
    if (event.ph === 'E') return this.closeBegin(trackKey, ts, args);
    const span: PendingSpan = {
      trackKey,
      startUs: ts,
      durationUs: dur,
      name,
      kind: this.kindOf(category, name),
      args,
    };
    if (event.ph === 'B') {
      let stack = this.open.get(trackKey);
      if (!stack) this.open.set(trackKey, (stack = []));
      stack.push(span);
    } else {
      this.spans.push(span);
    }
  }

  private closeBegin(trackKey: string, ts: number, args: Record<string, unknown> | undefined): void {
    const begin = this.open.get(trackKey)?.pop();
    if (!begin || ts < begin.startUs) {
      this.unmatchedEnds++;
      return;
    }
    begin.durationUs = ts - begin.startUs;
    if (args) begin.args = { ...begin.args, ...args };
    this.spans.push(begin);
  }

  private readMetadata(event: Record<string, unknown>): void {
    const args = isRecord(event.args) ? event.args : {};
    const pid = String(event.pid ?? 0);
    const key = trackKeyOf(event.pid, event.tid);
    const sortIndex = finiteNumber(args.sort_index, Number.MAX_SAFE_INTEGER);
    if (event.name === 'process_name' && typeof args.name === 'string')
      this.meta.processNames.set(pid, args.name);
    else if (event.name === 'process_labels' && typeof args.labels === 'string') {
      const name = this.meta.processNames.get(pid);
      this.meta.processNames.set(pid, name ? `${name} (${args.labels})` : args.labels);
    } else if (event.name === 'process_sort_index' && sortIndex !== undefined)
      this.meta.processSort.set(pid, sortIndex);
    else if (event.name === 'thread_name' && typeof args.name === 'string')
      this.meta.threadNames.set(key, args.name.trim());
    else if (event.name === 'thread_sort_index' && sortIndex !== undefined)
      this.meta.threadSort.set(key, sortIndex);
  }

  private readFlow(event: Record<string, unknown>): void {
    const ts = finiteNumber(event.ts, MAX_ABS_US);
    const id = event.id ?? event.bind_id;
    if (ts === undefined || (typeof id !== 'string' && typeof id !== 'number')) {
      this.invalid++;
      return;
    }
    this.flowEnds.push({
      key: `${String(event.cat ?? '')}\u0000${String(id)}`,
      isStart: event.ph === 's',
      trackKey: trackKeyOf(event.pid, event.tid),
      ts,
      enclosing: event.ph === 's' || event.bp === 'e',
    });
  }

  /** Begin events never ended. */
  unclosedBegins(): number {
    let count = 0;
    for (const stack of this.open.values()) count += stack.length;
    return count;
  }
}

function parsePid(pid: string): number | undefined {
  const number = Number(pid);
  return pid !== '' && Number.isSafeInteger(number) ? number : undefined;
}

/** Creates tracks ordered by process then thread sort index; returns track index per track key. */
function createTracks(builder: TraceBuilder, reader: ChromeTraceReader): Map<string, number> {
  const keys = new Set(reader.spans.map((span) => span.trackKey));
  const gpuKeys = new Set(reader.spans.filter((span) => isGpuKind(span.kind)).map((span) => span.trackKey));
  const { meta } = reader;
  const sortKey = (key: string): [number, string, number, string] => {
    const [pid = '', tid = ''] = key.split('\u0000');
    const processSort = meta.processSort.get(pid) ?? parsePid(pid) ?? Number.MAX_SAFE_INTEGER;
    const threadSort = meta.threadSort.get(key) ?? parsePid(tid) ?? Number.MAX_SAFE_INTEGER;
    return [processSort, pid, threadSort, tid];
  };
  const ordered = [...keys].sort((a, b) => {
    const [pa, pidA, ta, tidA] = sortKey(a);
    const [pb, pidB, tb, tidB] = sortKey(b);
    return pa - pb || pidA.localeCompare(pidB) || ta - tb || tidA.localeCompare(tidB);
  });
  const trackOf = new Map<string, number>();
  for (const key of ordered) {
    const [pid = '', tid = ''] = key.split('\u0000');
    const pidNumber = parsePid(pid);
    const processName =
      meta.processNames.get(pid) ?? (pidNumber === undefined && pid !== '' ? pid : undefined);
    const tidNumber = parsePid(tid);
    const track = builder.addTrack({
      kind: gpuKeys.has(key) ? 'gpu-stream' : 'cpu-thread',
      name: meta.threadNames.get(key) || `Thread ${tid}`,
      ...(pidNumber !== undefined && { pid: pidNumber }),
      ...(tidNumber !== undefined && { tid: tidNumber }),
      ...(processName !== undefined && { processName }),
    });
    trackOf.set(key, track);
  }
  return trackOf;
}

function numberArg(args: Record<string, unknown> | undefined, name: string): number | undefined {
  return finiteNumber(args?.[name], Number.MAX_SAFE_INTEGER);
}

function warningsOf(reader: ChromeTraceReader, file: string): string[] {
  const warnings: string[] = [];
  if (reader.invalid > 0)
    warnings.push(
      `${file}: ${reader.invalid} malformed event(s) skipped (not an object, or ts/dur missing, not finite, negative or absurdly large)`,
    );
  if (reader.unmatchedEnds > 0)
    warnings.push(`${file}: ${reader.unmatchedEnds} "E" event(s) without a matching "B" skipped`);
  const unclosed = reader.unclosedBegins();
  if (unclosed > 0) warnings.push(`${file}: ${unclosed} "B" event(s) never ended were left out`);
  for (const [what, count] of reader.ignored)
    warnings.push(`${file}: ${count} ${what} event(s) not shown (only duration events are drawn)`);
  return warnings;
}

/** Builds a Trace from Chrome trace events; a list with no drawable event is a StudioError. */
export function traceFromChromeEvents(events: unknown[], options: ChromeTraceOptions): Trace {
  const reader = new ChromeTraceReader(options);
  for (const event of events) reader.read(event);
  if (reader.spans.length === 0) {
    throw new StudioError(
      options.file,
      `no duration events (ph "X" or "B"/"E") among ${events.length} trace event(s)`,
    );
  }
  let originUs = options.timeZeroUs ?? Infinity;
  if (options.timeZeroUs === undefined)
    for (const span of reader.spans) originUs = Math.min(originUs, span.startUs);
  const builder = new TraceBuilder(reader.spans.length);
  const trackOf = createTracks(builder, reader);
  for (const span of reader.spans) {
    builder.addSpan({
      startNs: Math.round((span.startUs - originUs) * 1000),
      durationNs: Math.round(span.durationUs * 1000),
      track: trackOf.get(span.trackKey)!,
      name: span.name,
      kind: span.kind,
      correlation: numberArg(span.args, 'correlation') ?? 0,
      bytes: numberArg(span.args, 'bytes') ?? 0,
      copyKind: numberArg(span.args, 'copyKind') ?? 0,
      ...(typeof span.args?.layer === 'string' && { layer: span.args.layer }),
    });
  }
  const broken = assignDepths(builder.columns, builder.tracks.length);
  builder.warnings.push(...warningsOf(reader, options.file));
  if (broken.size > 0)
    builder.warnings.push(`${options.file}: ${broken.size} track(s) hold overlapping spans that do not nest`);
  const flowWarnings = bindFlows(builder, reader.flowEnds, trackOf, originUs);
  builder.warnings.push(...flowWarnings.map((warning) => `${options.file}: ${warning}`));
  // Epoch microseconds (after 2000) give a wall-clock origin; monotonic clocks do not.
  const originNs = originUs > 9.4e14 ? originUs * 1000 : undefined;
  return builder.build({
    id: options.id,
    source: options.source,
    files: [options.file],
    ...(originNs !== undefined && { originNs }),
  });
}
