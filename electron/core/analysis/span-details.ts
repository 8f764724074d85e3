/**
 * Everything the timeline's details panel shows about one span: what and where it ran, its launch
 * configuration (grid, block, registers, shared memory) for a kernel, the bytes of a copy, the engine
 * layer it belongs to with that layer's ONNX nodes, and the spans it is linked to (a CUDA launch and
 * its kernel; a layer range and the GPU work launched inside it; a pipeline stage and its model run).
 */
import { SpanKind, type Trace } from '../model/trace';
import type { Engine, Profile } from '../model/types';
import { spanLayer } from './layer-ranges';
import { copyLabel } from './trace-summary';
import type { LinkedSpan, SpanDetails } from '../model/timeline-data';

export type { LinkedSpan, SpanDetails };

const KIND_LABELS: Record<SpanKind, string> = {
  [SpanKind.Kernel]: 'kernel',
  [SpanKind.Memcpy]: 'memory copy',
  [SpanKind.Memset]: 'memset',
  [SpanKind.Runtime]: 'CUDA API call',
  [SpanKind.Nvtx]: 'NVTX range',
  [SpanKind.Layer]: 'layer',
  [SpanKind.PreProcess]: 'pre-processing stage',
  [SpanKind.PostProcess]: 'post-processing stage',
  [SpanKind.Inference]: 'inference',
  [SpanKind.Cpu]: 'CPU work',
  [SpanKind.Other]: 'span',
};

/** Linked spans listed at most. */
const MAX_LINKS = 200;

export function spanKindLabel(kind: number): string {
  return KIND_LABELS[kind as SpanKind] ?? 'span';
}

/** The engine whose profile recorded this trace, else every engine; the first with the layer wins. */
function engineLayerOf(trace: Trace, layer: string, engines: Engine[], profiles: Profile[]) {
  const own = profiles.find((profile) => profile.traceId === trace.id)?.engineId;
  const ordered = [...engines].sort((a, b) => Number(b.id === own) - Number(a.id === own));
  for (const engine of ordered) {
    const found = engine.layers.find(
      (candidate) => candidate.name === layer || candidate.originNodes.includes(layer),
    );
    if (found) {
      const result: NonNullable<SpanDetails['engineLayer']> = {
        engineId: engine.id,
        name: found.name,
        type: found.type,
        precision: found.precision,
        originNodes: found.originNodes,
      };
      if (found.tacticName) result.tacticName = found.tacticName;
      return result;
    }
  }
  return undefined;
}

function linked(trace: Trace, span: number, direction: LinkedSpan['direction']): LinkedSpan {
  const { spans, strings, tracks } = trace;
  const track = spans.track[span]!;
  return {
    span,
    name: strings[spans.name[span]!] ?? '',
    track,
    trackName: tracks[track]?.name ?? `track ${track}`,
    depth: spans.depth[span]!,
    startNs: spans.start[span]!,
    durationNs: spans.duration[span]!,
    direction,
  };
}

/**
 * The spans a span is linked to: its own flows, and for a range (NVTX, layer, pipeline stage) the
 * flows out of the spans nested inside it on its track (the launches inside a layer's range).
 */
export function spanFlows(trace: Trace, span: number): LinkedSpan[] {
  const { spans, flows } = trace;
  const links: LinkedSpan[] = [];
  const sources = new Set<number>([span]);
  const kind = spans.kind[span]!;
  const isRange =
    kind === SpanKind.Nvtx ||
    kind === SpanKind.Layer ||
    kind === SpanKind.Inference ||
    kind === SpanKind.Other;
  if (isRange) {
    const [track, depth, start] = [spans.track[span]!, spans.depth[span]!, spans.start[span]!];
    const end = start + spans.duration[span]!;
    for (let i = 0; i < spans.count; i++) {
      if (
        spans.track[i] === track &&
        spans.depth[i]! > depth &&
        spans.start[i]! >= start &&
        spans.start[i]! < end
      )
        sources.add(i);
    }
  }
  for (let f = 0; f < flows.count && links.length < MAX_LINKS; f++) {
    const [from, to] = [flows.from[f]!, flows.to[f]!];
    if (sources.has(from) && to !== span) links.push(linked(trace, to, 'out'));
    else if (to === span) links.push(linked(trace, from, 'in'));
  }
  return links;
}

export function spanDetails(
  trace: Trace,
  span: number,
  engines: Engine[] = [],
  profiles: Profile[] = [],
): SpanDetails {
  const { spans, strings, tracks } = trace;
  if (!Number.isInteger(span) || span < 0 || span >= spans.count)
    throw new RangeError(`${trace.id}: no span ${span} (the trace has ${spans.count})`);
  const trackIndex = spans.track[span]!;
  const track = tracks[trackIndex];
  const kind = spans.kind[span]!;
  const details: SpanDetails = {
    span,
    name: strings[spans.name[span]!] ?? '',
    kind: spanKindLabel(kind),
    track: trackIndex,
    trackName: track?.name ?? `track ${trackIndex}`,
    startNs: spans.start[span]!,
    durationNs: spans.duration[span]!,
    depth: spans.depth[span]!,
    flows: spanFlows(trace, span),
  };
  for (const field of ['deviceId', 'streamId', 'pid', 'tid'] as const)
    if (track?.[field] !== undefined) details[field] = track[field];
  const info = trace.kernelInfo;
  if (info) {
    for (let row = 0; row < info.count; row++) {
      if (info.span[row] !== span) continue;
      details.launch = {
        grid: [info.gridX[row]!, info.gridY[row]!, info.gridZ[row]!],
        block: [info.blockX[row]!, info.blockY[row]!, info.blockZ[row]!],
        registersPerThread: info.registersPerThread[row]!,
        sharedMemoryBytes: info.sharedMemoryBytes[row]!,
      };
      break;
    }
  }
  if (kind === SpanKind.Memcpy || kind === SpanKind.Memset) {
    details.bytes = spans.bytes[span]!;
    details.copyKind = copyLabel(kind, spans.copyKind[span]!, details.name);
  }
  if (spans.correlation[span]! !== 0) details.correlation = spans.correlation[span]!;
  const layer = spanLayer(trace, span);
  if (layer) {
    details.layer = layer;
    const engineLayer = engineLayerOf(trace, layer, engines, profiles);
    if (engineLayer) details.engineLayer = engineLayer;
  }
  return details;
}
