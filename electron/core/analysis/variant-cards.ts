/**
 * One card per compared variant, TREx's engine summary made comparable: latency percentiles and
 * throughput, the speedup against the baseline (and what it was measured on), engine size and build
 * time, the accuracy figure that fits the task, and next to the numbers what could mislead a reader:
 * profiler overhead, a per-layer sum that disagrees with the end-to-end time, unstable timing (CV above
 * 2.5%, trtexec's own limit), few timed runs, a CPU run. A figure the source does not give is null
 * with the reason, never 0.
 */
import type { Comparison, SampleStats } from '../model/types';
import { accuracyHeadline, belowThreshold } from './accuracy-headline';
import { executionTarget, type ComparedEngine } from './compared-engine';
import { precisionWord, backendWord } from './engine-labels';
import type { CardLatency, Caveat, ExecutionTarget, Mark, VariantCard } from '../model/views/comparison';

/** trtexec warns about timing whose coefficient of variation exceeds this. */
export const UNSTABLE_CV = 0.025;
/** Ratios within ±3% read as "the same": run-to-run drift is of that order. */
export const SAME_BAND = 0.03;
/** Per-layer sums outside this band of the end-to-end time tell a different story. */
const CONSISTENT = { low: 0.9, high: 1.1 };
/** Fewer timed runs than this make percentiles thin. */
const FEW_RUNS = 10;

export interface CardOptions {
  /** Accuracy floor (0..1): a variant under it is flagged. */
  accuracyThreshold?: number;
}

/** The mark of a speedup: beyond ±3% faster or slower, else the same. */
export function markOf(speedup: number): Mark {
  if (speedup > 1 + SAME_BAND) return 'faster';
  if (speedup < 1 - SAME_BAND) return 'slower';
  return 'same';
}

/** The run's headline latency: end-to-end when measured, else the device's compute time. */
export function cardLatency(item: ComparedEngine): CardLatency | null {
  const profile = item.profile;
  const stats: SampleStats | undefined = profile?.latency ?? profile?.compute;
  if (!stats) return null;
  const basis = profile?.latency ? 'end-to-end' : 'gpu-compute';
  return {
    basis,
    p50Ms: stats.medianMs,
    p90Ms: stats.p90Ms,
    p99Ms: stats.p99Ms,
    meanMs: stats.meanMs,
    runs: stats.count,
  };
}

/** Inferences and samples per second as the run measured them (or from its mean latency). */
export function throughputOf(item: ComparedEngine): VariantCard['throughput'] {
  const profile = item.profile;
  if (!profile) return null;
  const batch = profile.batchSize || 1;
  const qps = profile.throughputQps ?? (profile.latency ? 1000 / profile.latency.meanMs : undefined);
  if (qps === undefined || !Number.isFinite(qps)) return null;
  return { inferencesPerSec: qps, samplesPerSec: qps * batch, batch };
}

function speedupOf(
  item: ComparedEngine,
  baseline: ComparedEngine,
  perLayerTotals: [number, number],
): VariantCard['speedup'] {
  const pick = (p: ComparedEngine['profile']) => p?.latency?.medianMs;
  const own = pick(item.profile);
  const base = pick(baseline.profile);
  if (own && base) {
    const value = base / own;
    return { value, basis: 'end-to-end median', mark: markOf(value) };
  }
  const ownCompute = item.profile?.compute?.medianMs;
  const baseCompute = baseline.profile?.compute?.medianMs;
  if (ownCompute && baseCompute) {
    const value = baseCompute / ownCompute;
    return { value, basis: 'GPU compute median', mark: markOf(value) };
  }
  const [baseTotal, ownTotal] = perLayerTotals;
  if (baseTotal > 0 && ownTotal > 0) {
    const value = baseTotal / ownTotal;
    return { value, basis: 'per-layer total', mark: markOf(value) };
  }
  return null;
}

/**
 * The per-layer sum against the whole run's time. ONNX Runtime times layers in profiled runs, slower
 * than the unprofiled runs the latency comes from; TensorRT's per-layer profiling serializes layers.
 */
function consistencyCaveat(ratio: number, item: ComparedEngine, target: ExecutionTarget): string[] {
  const whole = target === 'gpu' ? 'the GPU compute time' : 'the measured compute time';
  const profiled = item.engine.backend === 'onnxruntime';
  if (ratio > CONSISTENT.high) {
    return [
      profiled
        ? `profiler overhead: per-layer times add up to ${ratio.toFixed(2)}x ${whole} of unprofiled runs; read them as shares`
        : `per-layer sum is ${ratio.toFixed(2)}x ${whole}: per-layer profiling serializes layers`,
    ];
  }
  if (ratio < CONSISTENT.low) {
    return [
      `per-layer times cover ${(ratio * 100).toFixed(0)}% of ${whole}${profiled ? ' (the rest is scheduling between kernels)' : ''}`,
    ];
  }
  return [];
}

function speedupField(speedup: VariantCard['speedup'], isBaseline: boolean) {
  const missing = isBaseline ? 'the baseline' : speedup ? null : 'no time to compare with the baseline';
  return { speedup, speedupMissing: missing };
}

function caveatsOf(
  item: ComparedEngine,
  comparison: Comparison,
  e: number,
  target: ExecutionTarget,
): Caveat[] {
  const caveats: Caveat[] = [];
  const profile = item.profile;
  if (target === 'cpu') caveats.push({ kind: 'cpu', text: 'ran on the CPU: CPU times, no GPU involved' });
  const latency = profile?.latency ?? profile?.compute;
  if (latency?.cv !== null && latency?.cv !== undefined && latency.cv > UNSTABLE_CV) {
    caveats.push({
      kind: 'unstable',
      text: `unstable timing: CV ${(latency.cv * 100).toFixed(1)}% (above ${UNSTABLE_CV * 100}%)`,
    });
  }
  if (latency && latency.count > 0 && latency.count < FEW_RUNS) {
    caveats.push({
      kind: 'few-runs',
      text: `only ${latency.count} timed run${latency.count === 1 ? '' : 's'}: percentiles are rough`,
    });
  }
  const consistency = comparison.consistency?.[e];
  if (consistency?.ratio != null)
    caveats.push(
      ...consistencyCaveat(consistency.ratio, item, target).map((text) => ({
        kind: 'layer-sum' as const,
        text,
      })),
    );
  if (!profile?.layers.length)
    caveats.push({ kind: 'no-per-layer', text: 'no per-layer profile: layer times unknown' });
  return caveats;
}

function accuracyOf(item: ComparedEngine, isBaseline: boolean, threshold: number) {
  if (isBaseline)
    return { accuracy: null, accuracyMissing: 'the reference (the others are judged against it)' };
  if (!item.accuracy) return { accuracy: null, accuracyMissing: 'not measured for this variant' };
  const found = accuracyHeadline(item.accuracy);
  if (!found) return { accuracy: null, accuracyMissing: 'its result holds no comparable output' };
  return {
    accuracy: { ...found, belowThreshold: belowThreshold(found.value, threshold) },
    accuracyMissing: null,
  };
}

/** The cards, in the comparison's order (the baseline first). */
export function variantCards(
  comparison: Comparison,
  items: ComparedEngine[],
  options: CardOptions = {},
): VariantCard[] {
  const threshold = options.accuracyThreshold ?? 0.99;
  const baseline = items[0]!;
  return items.map((item, e) => {
    const isBaseline = e === 0;
    const target = executionTarget(item);
    const profile = item.profile;
    const timed = comparison.rows.filter((row) => row.cells[e]?.timeMs != null).length;
    const layerTotal = comparison.totals[e]?.totalMs ?? 0;
    const baseTotal = comparison.totals[0]?.totalMs ?? 0;
    return {
      label: comparison.labels[e]!,
      precision: precisionWord(item.engine.precision) || 'unknown precision',
      backend: backendWord(item.engine.backend),
      device: item.engine.device?.name ?? profile?.machine?.device?.name ?? profile?.machine?.cpu ?? null,
      target,
      isBaseline,
      latency: cardLatency(item),
      throughput: throughputOf(item),
      ...speedupField(isBaseline ? null : speedupOf(item, baseline, [baseTotal, layerTotal]), isBaseline),
      perLayer: profile?.layers.length
        ? { totalMs: layerTotal, timedLayers: timed, layers: item.engine.layers.length }
        : null,
      engineSizeBytes: item.engine.sizeBytes ?? null,
      buildTimeMs: item.engine.buildTimeMs ?? null,
      ...accuracyOf(item, isBaseline, threshold),
      caveats: caveatsOf(item, comparison, e, target),
      notes: [...new Set([...(profile?.warnings ?? []), ...item.engine.warnings])],
    };
  });
}
