/**
 * ONNX Runtime profile JSON (`enableProfiling`; a JSON array of Chrome trace X events, µs) -> Trace,
 * Profile (per-node kernel time, one sample per model_run) and an Engine listing ORT's nodes as layers.
 * Node names are those after ORT's graph optimizations (fused, NCHWc-reordered). Two formats exist:
 * old (2019: `_fence_before`/`_fence_after` events, no provider, no shapes) and new (provider, input/
 * output type and shape, thread scheduling stats). `parseOrtProfile` is pure so the live ONNX Runtime
 * backend can hand it the events it just read.
 */
import path from 'node:path';
import { summarize } from '../model/statistics';
import { StudioError } from '../errors';
import { CopyKind, SpanKind, type Trace } from '../model/trace';
import type { Engine, Profile } from '../model/types';
import type { Importer, ImportInput, ImportResult } from './importer';
import { traceEventsOf, traceFromChromeEvents } from './chrome-trace-events';
import { readMaybeGzippedJson } from './compressed-json';
import { isRecord } from './json-input';
import { looksLikeOrtProfile } from './onnxruntime-profile-detect';
import { engineFromOrtNodes, type OrtNode } from './onnxruntime-engine';

const KERNEL_SUFFIX = '_kernel_time';
const FENCE_SUFFIX = /_fence_(before|after)$/;
const MAX_US = 1e15;

export interface OrtProfileResult {
  trace: Trace;
  profile: Profile;
  engine: Engine;
  warnings: string[];
}

interface TimedEvent {
  cat: string;
  name: string;
  ts: number;
  dur: number;
  args: Record<string, unknown>;
}

function spanKindOf(category: string | undefined, name: string): SpanKind {
  if (category === 'Session') return name === 'model_run' ? SpanKind.Inference : SpanKind.Cpu;
  if (category === 'Node') return name.endsWith(KERNEL_SUFFIX) ? SpanKind.Layer : SpanKind.Other;
  return SpanKind.Other;
}

/** X events with usable numbers; the rest are counted (the Trace builder warns about them too). */
function timedEvents(events: unknown[]): { timed: TimedEvent[]; invalid: number } {
  const timed: TimedEvent[] = [];
  let invalid = 0;
  for (const event of events) {
    if (!isRecord(event) || event.ph !== 'X') continue;
    const { ts, dur } = event;
    const valid =
      typeof ts === 'number' && typeof dur === 'number' && Number.isFinite(ts) && Number.isFinite(dur);
    if (!valid || dur < 0 || Math.abs(ts) > MAX_US || dur > MAX_US || typeof event.name !== 'string') {
      invalid++;
      continue;
    }
    const cat = typeof event.cat === 'string' ? event.cat : '';
    timed.push({ cat, name: event.name, ts, dur, args: isRecord(event.args) ? event.args : {} });
  }
  return { timed, invalid };
}

/** ORT's copy nodes (inserted between a device provider such as CUDA's and the CPU) by op type. */
const COPY_OPS: Record<string, CopyKind> = { MemcpyFromHost: CopyKind.HtoD, MemcpyToHost: CopyKind.DtoH };

/**
 * Marks the spans of ORT's copy nodes as host/device copies (kind, direction, bytes from the node's
 * output_size), so they are drawn and summed as copies beside the layers that need them.
 */
function markCopies(trace: Trace, nodes: Map<string, { node: OrtNode }>): void {
  const copies = new Map<number, { kind: CopyKind; bytes: number }>();
  trace.strings.forEach((text, index) => {
    if (!text.endsWith(KERNEL_SUFFIX)) return;
    const args = nodes.get(text.slice(0, -KERNEL_SUFFIX.length))?.node.args;
    const kind = typeof args?.op_name === 'string' ? COPY_OPS[args.op_name] : undefined;
    if (kind === undefined) return;
    const bytes = Number(args?.output_size);
    copies.set(index, { kind, bytes: Number.isFinite(bytes) && bytes > 0 ? bytes : 0 });
  });
  if (copies.size === 0) return;
  const { spans } = trace;
  for (let i = 0; i < spans.count; i++) {
    const copy = spans.kind[i] === SpanKind.Layer ? copies.get(spans.name[i]!) : undefined;
    if (!copy) continue;
    spans.kind[i] = SpanKind.Memcpy;
    spans.copyKind[i] = copy.kind;
    spans.bytes[i] = copy.bytes;
  }
}

/** Kernel events grouped per node, one sample (ms) per run; a node run twice in one run is summed. */
function nodeSamples(
  kernels: TimedEvent[],
  runs: TimedEvent[],
): Map<string, { node: OrtNode; samplesMs: number[] }> {
  const nodes = new Map<string, { node: OrtNode; samplesMs: number[] }>();
  const runCount = Math.max(runs.length, 1);
  let run = 0;
  for (const event of kernels) {
    while (run < runs.length - 1 && event.ts > runs[run]!.ts + runs[run]!.dur) run++;
    const name = event.name.slice(0, -KERNEL_SUFFIX.length);
    let entry = nodes.get(name);
    if (!entry) {
      entry = { node: { name, args: event.args }, samplesMs: new Array<number>(runCount).fill(0) };
      nodes.set(name, entry);
    }
    entry.samplesMs[run] = entry.samplesMs[run]! + event.dur / 1000;
  }
  return nodes;
}

/** Parses the events of one ORT profile. `fileLabel` names the file in ids and messages. */
export function parseOrtProfile(events: unknown[], fileLabel: string): OrtProfileResult {
  const { timed, invalid } = timedEvents(events);
  const byTime = (a: TimedEvent, b: TimedEvent): number => a.ts - b.ts;
  const kernels = timed.filter((e) => e.cat === 'Node' && e.name.endsWith(KERNEL_SUFFIX)).sort(byTime);
  if (kernels.length === 0) {
    throw new StudioError(
      fileLabel,
      'not an ONNX Runtime profile with node times: no "Node" events named <node>_kernel_time',
    );
  }
  const runs = timed.filter((e) => e.cat === 'Session' && e.name === 'model_run').sort(byTime);
  const base = path.basename(fileLabel);
  const warnings: string[] = [];
  if (invalid > 0)
    warnings.push(`${fileLabel}: ${invalid} event(s) with missing or invalid ts/dur/name ignored`);
  const fences = timed.filter((e) => e.cat === 'Node' && FENCE_SUFFIX.test(e.name)).length;
  if (fences > 0)
    warnings.push(
      `${fileLabel}: old ORT profile format: ${fences} fence event(s) are not counted in node times`,
    );
  if (runs.length === 0)
    warnings.push(`${fileLabel}: no model_run events: all node events are taken as one run`);

  const nodes = nodeSamples(kernels, runs);
  const engine = engineFromOrtNodes(
    [...nodes.values()].map((entry) => entry.node),
    { id: `onnxruntime:${base}`, file: fileLabel },
  );
  const traceId = `onnxruntime-trace:${base}`;
  const trace = traceFromChromeEvents(events, {
    id: traceId,
    source: 'onnxruntime',
    file: fileLabel,
    kindOf: spanKindOf,
  });
  markCopies(trace, nodes);
  let total = 0;
  for (const entry of nodes.values()) total += entry.samplesMs.reduce((sum, ms) => sum + ms, 0);
  const layers = [...nodes.values()].map((entry, layerIndex) => {
    const stats = summarize(entry.samplesMs);
    return {
      name: entry.node.name,
      layerIndex,
      stats,
      percentage: total > 0 ? (100 * stats.totalMs) / total : 0,
      samplesMs: entry.samplesMs,
    };
  });
  const profile: Profile = {
    id: `onnxruntime-profile:${base}`,
    engineId: engine.id,
    backend: 'onnxruntime',
    batchSize: batchOf(engine),
    iterations: Math.max(runs.length, 1),
    warmupIterations: 0,
    layers,
    stages: [],
    layerSumMs: layers.reduce((sum, layer) => sum + layer.stats.meanMs, 0),
    warnings,
    traceId,
  };
  if (runs.length > 0) profile.latency = summarize(runs.map((run) => run.dur / 1000));
  return { trace, profile, engine, warnings };
}

/** Leading dimension of the first layer's first input, when static; else 1. */
function batchOf(engine: Engine): number {
  const first = engine.layers[0]?.inputs[0]?.dims?.[0];
  return typeof first === 'number' && first > 0 ? first : 1;
}

function detect(input: ImportInput): number {
  const text = Buffer.from(input.head.buffer, input.head.byteOffset, input.head.byteLength).toString('utf8');
  return looksLikeOrtProfile(text) ? 1 : 0;
}

export async function importOrtProfile(file: string): Promise<ImportResult> {
  const events = traceEventsOf(readMaybeGzippedJson(file), file);
  const result = parseOrtProfile(events, file);
  return { engines: [result.engine], profiles: [result.profile], traces: [result.trace], warnings: [] };
}

export const onnxRuntimeProfileImporter: Importer = {
  format: 'onnxruntime-profile',
  description: 'an ONNX Runtime profile',
  readsGzip: true,
  detect,
  parse: importOrtProfile,
};
