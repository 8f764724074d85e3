/**
 * Per-layer GPU time from NVTX ranges: TensorRT (and many apps) push one NVTX range per layer during
 * enqueue, so the kernels projected onto a range are that layer's work. Each range instance is one
 * sample (its kernels' summed GPU time); instances with the same text are one layer.
 */
import { summarize } from '../model/statistics';
import type { SpanColumns } from '../model/trace';
import type { LayerTiming, Profile } from '../model/types';

interface LayerSamples {
  name: string;
  firstStart: number;
  samplesMs: number[];
}

/** Builds a Profile from kernel time per range span, or undefined when no kernel fell in a range. */
export function layerProfileFromRanges(
  spans: SpanColumns,
  strings: string[],
  kernelTimeByRange: Float64Array,
  totalKernelNs: number,
  meta: { id: string; traceId: string; file: string },
): Profile | undefined {
  const byName = new Map<number, LayerSamples>();
  let rangedNs = 0;
  for (let span = 0; span < kernelTimeByRange.length; span++) {
    const ns = kernelTimeByRange[span]!;
    if (ns <= 0) continue;
    rangedNs += ns;
    const nameIndex = spans.layer[span]! >= 0 ? spans.layer[span]! : spans.name[span]!;
    let layer = byName.get(nameIndex);
    if (!layer)
      byName.set(
        nameIndex,
        (layer = { name: strings[nameIndex]!, firstStart: spans.start[span]!, samplesMs: [] }),
      );
    layer.firstStart = Math.min(layer.firstStart, spans.start[span]!);
    layer.samplesMs.push(ns / 1e6);
  }
  if (byName.size === 0) return undefined;
  const ordered = [...byName.values()].sort((a, b) => a.firstStart - b.firstStart);
  const totalMs = rangedNs / 1e6;
  const layers: LayerTiming[] = ordered.map((layer) => {
    const stats = summarize(layer.samplesMs);
    return {
      name: layer.name,
      stats,
      percentage: totalMs > 0 ? (100 * stats.totalMs) / totalMs : 0,
      samplesMs: layer.samplesMs,
    };
  });
  const warnings: string[] = [];
  const outside = totalKernelNs - rangedNs;
  if (outside > 0.005 * totalKernelNs) {
    warnings.push(
      `${meta.file}: ${((100 * outside) / totalKernelNs).toFixed(1)} % of kernel time was launched outside any NVTX range and is not in the per-layer times`,
    );
  }
  return {
    id: meta.id,
    engineId: '',
    backend: 'nsys',
    batchSize: 1,
    iterations: Math.max(...layers.map((layer) => layer.stats.count)),
    warmupIterations: 0,
    layers,
    stages: [],
    layerSumMs: layers.reduce((sum, layer) => sum + layer.stats.meanMs, 0),
    warnings,
    traceId: meta.traceId,
  };
}
