/**
 * Where each engine layer ran in a trace, within one window (one inference): ONNX Runtime's node spans,
 * else the GPU kernels that carry a layer name (TensorRT layers reach kernels through NVTX), else the NVTX
 * ranges themselves. A layer met twice in the window keeps its first occurrence.
 */
import { SpanKind, type Trace } from '../model/trace';
import type { LayerRange, TimeWindow } from '../model/time-warp';

export type { LayerRange, TimeWindow };

/** ORT names a node's span `<node>_kernel_time`. */
const ORT_NODE_SUFFIX = /_kernel_time$/;

/** The layer a span stands for or ran under: its layer column, else an ORT node span's node name. */
export function spanLayer(trace: Trace, span: number): string | undefined {
  const { spans, strings } = trace;
  if (spans.layer[span]! >= 0) return strings[spans.layer[span]!];
  if (spans.kind[span] === SpanKind.Layer)
    return (strings[spans.name[span]!] ?? '').replace(ORT_NODE_SUFFIX, '');
  return undefined;
}

/** The windows of a trace's model runs (its Inference spans, ORT's model_run), in time order. */
export function modelRunWindows(trace: Trace): TimeWindow[] {
  const { spans } = trace;
  const windows: TimeWindow[] = [];
  for (let i = 0; i < spans.count; i++) {
    if (spans.kind[i] !== SpanKind.Inference || !Number.isFinite(spans.start[i]!)) continue;
    windows.push({ startNs: spans.start[i]!, endNs: spans.start[i]! + Math.max(spans.duration[i]!, 0) });
  }
  return windows.sort((a, b) => a.startNs - b.startNs);
}

/** The layer ranges of one window (default: the first model run, else the whole trace), in time order. */
export function layerRanges(trace: Trace, window?: TimeWindow): LayerRange[] {
  const { spans } = trace;
  const within = window ?? modelRunWindows(trace)[0] ?? { startNs: -Infinity, endNs: Infinity };
  const inWindow = (i: number) => spans.start[i]! >= within.startNs && spans.start[i]! <= within.endNs;
  /** With `merge`, a name's range covers all its spans in the window; without, its first span. */
  const collect = (nameOf: (i: number) => string | undefined, merge: boolean): LayerRange[] => {
    const byName = new Map<string, LayerRange>();
    for (let i = 0; i < spans.count; i++) {
      if (!inWindow(i)) continue;
      const name = nameOf(i);
      if (name === undefined) continue;
      const start = spans.start[i]!;
      const end = start + Math.max(spans.duration[i]!, 0);
      const seen = byName.get(name);
      const range = {
        name,
        startNs: start,
        endNs: end,
        span: i,
        track: spans.track[i]!,
        depth: spans.depth[i]!,
      };
      if (!seen || (!merge && start < seen.startNs)) byName.set(name, range);
      else if (merge) {
        if (start < seen.startNs)
          Object.assign(seen, { startNs: start, span: i, track: range.track, depth: range.depth });
        seen.endNs = Math.max(seen.endNs, end);
      }
    }
    return [...byName.values()].sort((a, b) => a.startNs - b.startNs || a.endNs - b.endNs);
  };
  const ofKind = (kind: SpanKind) => (i: number) =>
    spans.kind[i] === kind ? spanLayer(trace, i) : undefined;
  const nodes = collect(ofKind(SpanKind.Layer), false);
  if (nodes.length > 0) return nodes;
  // A layer's kernels: from its first kernel's start to its last kernel's end.
  const kernels = collect(ofKind(SpanKind.Kernel), true);
  if (kernels.length > 0) return kernels;
  return collect(ofKind(SpanKind.Nvtx), false);
}
