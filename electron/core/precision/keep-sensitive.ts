/**
 * What a sensitivity ranking (profiling/sensitivity.ts measures it) means for the INT8 variant: which
 * weighted layers it quantizes, and the most sensitive ones as keepFloat entries with the reason.
 */
import type { OnnxModel } from '../onnx/graph';
import { makeInt8Variant, type Int8Options } from './int8-qdq';
import { WEIGHTED_OPS } from './qdq-ops';
import type { CalibrationRanges } from './calibration-ranges';

export interface SensitivityRow {
  node: string;
  opType: string;
  /** Worst output cosine vs FP32 over outputs and inputs, with this layer alone in INT8. */
  cosine: number;
  /** Worst output SNR (dB) vs FP32 over outputs, errors summed over the inputs. */
  snrDb: number;
}

export type SensitivityMode = 'alone' | 'all-but-one';

/** Weighted layers the full INT8 variant quantizes (not excluded, not stem or output head). */
export function quantizedLayers(model: OnnxModel, ranges: CalibrationRanges, options: Int8Options) {
  const skipped = new Set(
    makeInt8Variant(model, ranges, options).variant.keptHigherPrecision.map((k) => k.node),
  );
  return model.graph.nodes.filter((n) => WEIGHTED_OPS.includes(n.opType) && n.name && !skipped.has(n.name));
}

/** The `count` most sensitive layers as Int8Options.keepFloat entries, with the measured reason. */
export function keepMostSensitive(
  ranked: SensitivityRow[],
  count: number,
  mode: SensitivityMode = 'alone',
): NonNullable<Int8Options['keepFloat']> {
  const measured =
    mode === 'alone'
      ? 'quantizing it alone drops output cosine to'
      : 'keeping it alone float lifts output cosine to';
  return ranked.slice(0, Math.max(0, count)).map((row, rank) => ({
    node: row.node,
    reason: `sensitive: ${measured} ${row.cosine.toFixed(4)} (SNR ${row.snrDb.toFixed(1)} dB; rank ${rank + 1} of ${ranked.length})`,
  }));
}
