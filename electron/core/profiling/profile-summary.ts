/**
 * The per-variant table a profile job ends with (CLI table, job result): latency percentiles,
 * throughput, speedup against FP32 measured in the same process, and the accuracy in one cell.
 */
import { worstFloatCosine } from '../analysis/accuracy';
import type {
  AccuracyResult,
  DetectionAgreement,
  Profile,
  Session,
  TaskMetric,
  Variant,
} from '../model/types';

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
  map: { reference: number | null; variant: number | null } | null;
  /** Share of per-node time in quantize/dequantize and layout/precision conversions. */
  conversionShare: number | null;
  /** What that share is made of, most time first: "Q/DQ", "reorders", "casts", "transposes". */
  conversionKinds: ConversionKind[];
}

export type ConversionKind = 'Q/DQ' | 'reorders' | 'casts' | 'transposes';

/** The kind of conversion a layer does, from its type and name, or null when it computes. */
export function conversionKindOf(type: string, name: string): ConversionKind | null {
  if (type === 'QuantizeLinear' || type === 'DequantizeLinear') return 'Q/DQ';
  if (type === 'ReorderInput' || type === 'ReorderOutput') return 'reorders';
  // ORT's CPU provider inserts InsertedPrecisionFreeCast_* Casts around kernels it has no FP16 version of;
  // a kernel named so (its casts cancelled out) computes, so the type decides.
  if (type === 'Cast' || (type === '' && name.startsWith('InsertedPrecisionFreeCast_'))) return 'casts';
  if (type === 'Transpose') return 'transposes';
  return null;
}

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
        map: acc?.map
          ? { reference: finiteOrNull(acc.map.reference), variant: finiteOrNull(acc.map.variant) }
          : null,
        ...conversions(profile, layerTypes.get(variant.id)),
      },
    ];
  });
}

/** Share (0..1) of per-node time spent converting data rather than computing. */
export function conversionShare(
  profile: Profile,
  typeByLayer: Map<string, string> | undefined,
): number | null {
  return conversions(profile, typeByLayer).conversionShare;
}

function conversions(
  profile: Profile,
  typeByLayer: Map<string, string> | undefined,
): Pick<VariantSummary, 'conversionShare' | 'conversionKinds'> {
  if (profile.layers.length === 0 || !typeByLayer) return { conversionShare: null, conversionKinds: [] };
  let total = 0;
  const byKind = new Map<ConversionKind, number>();
  for (const layer of profile.layers) {
    total += layer.stats.meanMs;
    const kind = conversionKindOf(typeByLayer.get(layer.name) ?? '', layer.name);
    if (kind) byKind.set(kind, (byKind.get(kind) ?? 0) + layer.stats.meanMs);
  }
  const conversion = [...byKind.values()].reduce((sum, ms) => sum + ms, 0);
  const kinds = [...byKind.entries()].filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]);
  return {
    conversionShare: total > 0 ? conversion / total : null,
    conversionKinds: kinds.map(([kind]) => kind),
  };
}

export interface SlowLayer {
  name: string;
  /** The layer's op type (ORT) or layer type (TensorRT); "unattributed" when the engine lacks it. */
  type: string;
  meanMs: number;
  /** Share of the variant's per-layer total, 0..1. */
  share: number;
  /** Set when the layer converts data (Q/DQ, reorder, cast, transpose) rather than computing. */
  conversion: ConversionKind | null;
}

export interface VariantSlowLayers {
  variantId: string;
  precision: string;
  /** Layers profiled in all. */
  layerCount: number;
  layers: SlowLayer[];
}

/** Per variant of a session, its `top` slowest layers by mean time. */
export function slowestLayers(session: Session, top: number): VariantSlowLayers[] {
  return session.variants.flatMap((variant) => {
    const engine = session.engines.find((e) => e.variantId === variant.id);
    const profile = engine && session.profiles.find((p) => p.engineId === engine.id);
    if (!engine || !profile || profile.layers.length === 0) return [];
    const total = profile.layers.reduce((sum, layer) => sum + layer.stats.meanMs, 0);
    const typeOf = new Map(engine.layers.map((layer) => [layer.name, layer.type]));
    const layers = [...profile.layers]
      .sort((a, b) => b.stats.meanMs - a.stats.meanMs)
      .slice(0, top)
      .map((row) => {
        const type = typeOf.get(row.name) ?? 'unattributed';
        return {
          name: row.name,
          type,
          meanMs: row.stats.meanMs,
          share: total > 0 ? row.stats.meanMs / total : 0,
          conversion: conversionKindOf(type, row.name),
        };
      });
    return [
      { variantId: variant.id, precision: variant.precision, layerCount: profile.layers.length, layers },
    ];
  });
}

/** NaN (no annotated image had ground truth) travels as null. */
function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
