/**
 * The per-variant table a profile job ends with (CLI table, job result): latency percentiles,
 * throughput, speedup against FP32 measured in the same process, and the accuracy in one cell.
 */
import { worstFloatCosine } from '../analysis/accuracy';
import type { AccuracyResult, DetectionAgreement, Profile, TaskMetric, Variant } from '../model/types';

export interface VariantSummary {
  variantId: string;
  precision: string;
  p50Ms: number;
  p90Ms: number | null;
  p99Ms: number | null;
  cv: number | null;
  throughputPerSec: number;
  /** FP32 median / this median; null when there is no FP32 profile. */
  speedup: number | null;
  /** The task's metric against FP32 (box or top-1 agreement, else cosine); null for FP32 itself. */
  task: TaskMetric | null;
  /** Worst cosine over the float outputs (integer outputs such as labels never count); null when none. */
  cosine: number | null;
  top1Agreement: number | null;
  boxAgreement: number | null;
  detection: Pick<DetectionAgreement, 'precision' | 'recall'> | null;
  /** COCO mAP@[0.5:0.95] of FP32 and of this variant, when annotations were given. */
  map: { reference: number; variant: number } | null;
  /** Share of per-node time in quantize/dequantize and layout/precision conversions. */
  conversionShare: number | null;
}

const CONVERSION_OPS = /^(QuantizeLinear|DequantizeLinear|ReorderInput|ReorderOutput|Cast|Transpose)$/;

export function summarizeVariants(
  variants: Variant[],
  profiles: Map<string, Profile>,
  accuracy: AccuracyResult[],
  layerTypes: Map<string, Map<string, string>>,
): VariantSummary[] {
  const fp32 = variants.find((v) => v.precision === 'fp32');
  const fp32Median = fp32 ? profiles.get(fp32.id)?.latency?.medianMs : undefined;
  return variants.flatMap((variant) => {
    const profile = profiles.get(variant.id);
    const latency = profile?.latency;
    if (!profile || !latency) return [];
    const acc = accuracy.find((a) => a.variantId === variant.id);
    return [
      {
        variantId: variant.id,
        precision: variant.precision,
        p50Ms: latency.medianMs,
        p90Ms: latency.p90Ms,
        p99Ms: latency.p99Ms,
        cv: latency.cv,
        throughputPerSec: (profile.batchSize * 1000) / latency.meanMs,
        speedup: fp32Median ? fp32Median / latency.medianMs : null,
        task: acc?.task ?? null,
        cosine: acc ? worstFloatCosine(acc) : null,
        top1Agreement: acc?.top1Agreement ?? null,
        boxAgreement: acc?.boxAgreement ?? null,
        detection: acc?.detection
          ? { precision: acc.detection.precision, recall: acc.detection.recall }
          : null,
        map: acc?.map ? { reference: acc.map.reference, variant: acc.map.variant } : null,
        conversionShare: conversionShare(profile, layerTypes.get(variant.id)),
      },
    ];
  });
}

/** Share (0..1) of per-node time spent converting data rather than computing. */
export function conversionShare(
  profile: Profile,
  typeByLayer: Map<string, string> | undefined,
): number | null {
  if (profile.layers.length === 0 || !typeByLayer) return null;
  let total = 0;
  let conversion = 0;
  for (const layer of profile.layers) {
    total += layer.stats.meanMs;
    const type = typeByLayer.get(layer.name) ?? '';
    if (CONVERSION_OPS.test(type) || layer.name.startsWith('InsertedPrecisionFreeCast_'))
      conversion += layer.stats.meanMs;
  }
  return total > 0 ? conversion / total : null;
}
