/** Plain-text summary of an imported engine for `trt-studio import`. */
import type { EngineSummary } from '../../core/analysis/engine-summary';
import { formatFixed, formatTime } from '../../core/model/units';

const ms = (value: number | null) => formatTime(value, 4, 'unknown');

export function formatEngineSummary(summary: EngineSummary): string {
  const lines: string[] = [];
  lines.push(`== ${summary.label} (${summary.detail})`);
  if (summary.device || summary.tensorrtVersion) {
    lines.push(
      `   device: ${summary.device ?? 'unknown'}   TensorRT: ${summary.tensorrtVersion ?? 'unknown'}`,
    );
  }
  const mix = Object.entries(summary.precisionMix)
    .map(([precision, count]) => `${precision} ${count}`)
    .join(', ');
  lines.push(
    `   layers: ${summary.layers} (+${summary.foldedLayers} folded NoOp/Constant/shape_call)   precision: ${mix}`,
  );
  const tensorCores =
    summary.tensorCoreLayers !== null
      ? String(summary.tensorCoreLayers)
      : summary.detail === 'names-only'
        ? 'unknown (names only)'
        : 'unknown (no tactic names)';
  lines.push(
    `   Tensor Core layers: ${tensorCores}   reformat layers: ${summary.reformatLayers} (${ms(summary.reformatMs)})`,
  );
  if (summary.dlaLayers > 0) {
    const share =
      summary.dlaMs !== null && summary.layerSumMs
        ? ` = ${((100 * summary.dlaMs) / summary.layerSumMs).toFixed(1)}%`
        : '';
    lines.push(
      `   DLA work: ${summary.dlaLayers} layers (${ms(summary.dlaMs)}${share}): the DLA subgraph and its copies; ` +
        'the GPU waits for the DLA in its output reformatter, so that row holds the DLA time',
    );
  }
  lines.push(
    `   per-layer sum: ${ms(summary.layerSumMs)}   GPU compute: mean ${ms(summary.gpuComputeMeanMs)}, ` +
      `median ${ms(summary.gpuComputeMedianMs)}   latency mean: ${ms(summary.latencyMeanMs)}` +
      `   throughput: ${summary.throughputQps === null ? 'unknown' : `${summary.throughputQps} qps`}` +
      `   batch: ${summary.batchSize ?? 'unknown'}`,
  );
  if (summary.topLayers.length > 0) {
    lines.push('   top layers by time:');
    for (const layer of summary.topLayers) {
      lines.push(
        `     ${formatTime(layer.meanMs).padStart(12)} ${formatFixed(layer.percentage, 1, '%').padStart(6)}  ` +
          `${layer.precision.padEnd(7)} ${layer.type.padEnd(14)} ${layer.name}`,
      );
    }
  }
  for (const warning of summary.warnings) lines.push(`   warning: ${warning}`);
  return lines.join('\n');
}
