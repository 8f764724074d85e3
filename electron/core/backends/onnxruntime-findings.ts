/**
 * What an ORT profile says beyond the numbers, in sentences for the user: per-node time that does not
 * add up to the run, profiler overhead, and FP16 that ORT's CPU provider runs through inserted casts.
 */
import type { EngineLayer, LayerTiming } from '../model/types';

/** Per-node sums within this share of the run are "adding up"; ORT 1.30 measured 0.82-0.90. */
export const LAYER_SUM_TOLERANCE = 0.1;

const INSERTED_CAST_PREFIX = 'InsertedPrecisionFreeCast_';

function ms(value: number): string {
  return `${value.toFixed(3)} ms`;
}

/** Compares the sum of per-node means with the profiled run's mean; a sentence when they disagree. */
export function layerSumFinding(layerSumMs: number, profiledRunMs: number): string | undefined {
  if (profiledRunMs <= 0) return undefined;
  const ratio = layerSumMs / profiledRunMs;
  if (Math.abs(1 - ratio) <= LAYER_SUM_TOLERANCE) return undefined;
  const gap = profiledRunMs - layerSumMs;
  const where =
    gap > 0
      ? 'outside kernels (executor scheduling, memory allocation, thread-pool hand-offs)'
      : 'more than the run: kernels overlapped across threads';
  return (
    `per-node times add up to ${ms(layerSumMs)}, ${(ratio * 100).toFixed(1)}% of the profiled run's ${ms(profiledRunMs)}: ` +
    `${ms(Math.abs(gap))} (${Math.abs((1 - ratio) * 100).toFixed(1)}%) is spent ${where}`
  );
}

/** How much slower the profiled runs were than the unprofiled ones (profiling costs ~1.6x on ORT 1.30). */
export function profilerOverheadNote(profiledRunMs: number, unprofiledMedianMs: number): string | undefined {
  if (unprofiledMedianMs <= 0) return undefined;
  const ratio = profiledRunMs / unprofiledMedianMs;
  if (ratio < 1.15) return undefined;
  return (
    `profiling slowed each run ${ratio.toFixed(2)}x (${ms(profiledRunMs)} profiled vs ${ms(unprofiledMedianMs)} median unprofiled): ` +
    'per-node times are shares of a slower run; the end-to-end latency comes from runs without the profiler'
  );
}

/**
 * FP16 on ORT's CPU provider: kernels without an FP16 implementation get InsertedPrecisionFreeCast_*
 * nodes around them and compute in FP32. A finding about the runtime, not a failure of the variant.
 */
export function insertedCastFinding(layers: EngineLayer[], timings?: LayerTiming[]): string | undefined {
  // Kernels keep the prefix when ORT drops a cancelling pair of casts around them: only Casts are casts.
  const named = layers.filter((layer) => layer.name.startsWith(INSERTED_CAST_PREFIX));
  if (named.length === 0) return undefined;
  const casts = named.filter((layer) => layer.type.startsWith('Cast'));
  const fp32Math = layers.filter(
    (l) => !l.reformat && l.precision === 'fp32' && !l.type.startsWith('Cast'),
  ).length;
  const cancelled = named.length - casts.length;
  const lead =
    casts.length > 0
      ? `ONNX Runtime's CPU provider inserted ${casts.length} casts (${INSERTED_CAST_PREFIX}*) around FP16 operators it has no FP16 kernel for` +
        (cancelled > 0 ? ` (${cancelled} more cancelled out, their kernels keep the cast's name)` : '')
      : `ONNX Runtime's CPU provider has no FP16 kernel for ${cancelled} operators: it runs them in FP32 ` +
        `(they keep the name of the ${INSERTED_CAST_PREFIX}* casts it inserted, which cancelled out)`;
  let sentence = `${lead}; ${fp32Math} kernels compute in FP32 here, so FP16 on this provider saves memory, not math`;
  if (timings) {
    const castNames = new Set(casts.map((c) => c.name));
    const total = timings.reduce((sum, t) => sum + t.stats.meanMs, 0);
    const castTime = timings.filter((t) => castNames.has(t.name)).reduce((sum, t) => sum + t.stats.meanMs, 0);
    if (total > 0 && casts.length > 0)
      sentence += `; the casts take ${ms(castTime)} per run (${((castTime / total) * 100).toFixed(1)}% of per-node time)`;
  }
  return sentence;
}
