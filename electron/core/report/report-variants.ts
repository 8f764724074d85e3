/**
 * One card per variant: how it was made, its latency percentiles, throughput, speedup against the
 * baseline, engine size, build time and accuracy against the reference, with its caveats.
 */
import { calibrationChoiceTables } from '../model/calibration-choice-table';
import type { AccuracyResult, Comparison, SampleStats, Session, Variant } from '../model/types';
import { speedupsOf } from '../analysis/comparison';
import { caveatsOf } from './report-caveats';
import type { ReportInput } from './report-inputs';
import type { ReportVariant } from '../model/report';

function latencyOf(input: ReportInput): ReportVariant['latency'] {
  const profile = input.profile;
  const stats: SampleStats | undefined = profile?.latency ?? profile?.compute;
  if (!stats || stats.count === 0) return null;
  return {
    measure: profile?.latency ? 'end-to-end' : 'gpu-compute',
    count: stats.count,
    meanMs: stats.meanMs,
    p50Ms: stats.medianMs,
    p90Ms: stats.p90Ms,
    p99Ms: stats.p99Ms,
    cv: stats.cv,
  };
}

/** Samples per second: the profile's inferences per second times its batch. */
function throughputOf(input: ReportInput, latency: ReportVariant['latency']): number | null {
  const profile = input.profile;
  if (!profile) return null;
  if (profile.throughputQps) return profile.throughputQps * profile.batchSize;
  return latency && latency.meanMs > 0 ? (profile.batchSize * 1000) / latency.meanMs : null;
}

function recipeSummary(variant: Variant): string {
  const r = variant.recipe;
  if (variant.precision === 'fp32') return 'the source model';
  if (variant.precision === 'fp16') {
    return `FP16 conversion${r.keepIoFp32 ? ', graph inputs and outputs kept FP32' : ''}`;
  }
  const parts = [`${variant.precision.toUpperCase()} Q/DQ`];
  if (r.target) parts.push(`for ${r.target}`);
  if (r.calibrationMethod) {
    const data = r.calibrationData ? ` of ${r.calibrationData}` : '';
    const samples = r.calibrationSamples ? ` on ${r.calibrationSamples} samples` : '';
    parts.push(`${r.calibrationMethod} calibration${samples}${data}`);
  }
  if (variant.keptHigherPrecision.length > 0)
    parts.push(`${variant.keptHigherPrecision.length} node(s) kept in float`);
  return parts.join(', ');
}

function recipeOf(variant: Variant | undefined): ReportVariant['recipe'] {
  if (!variant) return null;
  const r = variant.recipe;
  return {
    summary: recipeSummary(variant),
    target: r.target ?? null,
    calibrationMethod: r.calibrationMethod ?? null,
    calibrationData: r.calibrationData ?? null,
    calibrationSamples: r.calibrationSamples ?? null,
    excludedNodes: [...(r.excludedNodes ?? []), ...(r.excludedOps ?? []).map((op) => `all ${op}`)],
    keptInFloat: variant.keptHigherPrecision,
    calibrationChoice: variant.calibrationChoice ? calibrationChoiceTables(variant.calibrationChoice) : null,
    notes: variant.notes,
  };
}

function accuracyOf(result: AccuracyResult | undefined, inputs: ReportInput[]): ReportVariant['accuracy'] {
  if (!result) return null;
  const reference = inputs.find((input) => input.variant?.id === result.referenceVariantId);
  return {
    referenceLabel: reference?.label ?? result.referenceVariantId,
    inputs: result.inputs,
    // Float outputs only: an integer output (labels) has an agreement, not a cosine (types.ts OutputAccuracy).
    outputs: result.outputs.flatMap((o) =>
      o.kind === 'integer'
        ? []
        : [
            {
              name: o.name,
              cosine: o.cosine,
              snrDb: o.snrDb,
              maxAbsError: o.maxAbsError,
              meanAbsError: o.meanAbsError,
            },
          ],
    ),
    top1Agreement: result.top1Agreement ?? null,
    top5Agreement: result.top5Agreement ?? null,
    boxAgreement: result.boxAgreement ?? null,
    firstJump: result.firstJump ?? null,
  };
}

export function variantCards(
  session: Session,
  inputs: ReportInput[],
  comparison: Comparison,
): ReportVariant[] {
  const layerSpeedups = speedupsOf(comparison);
  const latencies = inputs.map(latencyOf);
  const baseP50 = latencies[0]?.p50Ms;
  return inputs.map((input, index) => {
    const latency = latencies[index]!;
    const { engine, profile } = input;
    return {
      index,
      label: input.label,
      engineId: engine.id,
      variantId: input.variant?.id ?? engine.variantId ?? null,
      precision: engine.precision,
      backend: engine.backend,
      backendVersion: engine.backendVersion ?? null,
      device: engine.device?.name ?? profile?.machine?.cpu ?? null,
      isBaseline: index === 0,
      recipe: recipeOf(input.variant),
      buildOptions: engine.buildOptions,
      buildTimeMs: engine.buildTimeMs ?? null,
      engineSizeBytes: engine.sizeBytes ?? null,
      batchSize: profile?.batchSize ?? null,
      latency,
      throughputPerSec: throughputOf(input, latency),
      speedup: baseP50 && latency && latency.p50Ms > 0 ? baseP50 / latency.p50Ms : null,
      layerSumMs: profile?.layers.length ? comparison.totals[index]!.totalMs : null,
      layerSpeedup: layerSpeedups[index] ?? null,
      layers: engine.layers.length,
      accuracy: accuracyOf(
        session.accuracy.find((result) => result.variantId === input.variant?.id),
        inputs,
      ),
      caveats: caveatsOf(input, comparison),
    };
  });
}
