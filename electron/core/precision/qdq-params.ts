/**
 * Quantization arithmetic: activation scale/zero point from a calibrated range, per-channel
 * symmetric INT8 weights, INT32 biases. Rounding is half to even, as ONNX QuantizeLinear rounds.
 */
import type { TensorRange } from './calibration-ranges';

export interface ActivationParams {
  scale: number;
  zeroPoint: number;
  type: 'int8' | 'uint8';
}

/** Round half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** A scale that is never 0 (an all-zero tensor quantizes to zeros with any scale). */
function positive(scale: number): number {
  return scale > 0 && Number.isFinite(scale) ? scale : 1;
}

/** tensorrt: symmetric int8, zero point 0, scale = amax / 127. */
export function symmetricActivation(range: TensorRange): ActivationParams {
  return { scale: positive(range.amax / 127), zeroPoint: 0, type: 'int8' };
}

/** onnxruntime: asymmetric uint8 over [min, max] clipped to +-amax (and always holding 0). */
export function asymmetricActivation(range: TensorRange): ActivationParams {
  const lo = Math.min(0, Math.max(range.min, -range.amax));
  const hi = Math.max(0, Math.min(range.max, range.amax));
  const scale = positive((hi - lo) / 255);
  const zeroPoint = Math.min(255, Math.max(0, roundHalfEven(-lo / scale)));
  return { scale, zeroPoint, type: 'uint8' };
}

export interface QuantizedWeights {
  values: Int8Array;
  /** One scale per channel along `axis` (a single one when per-tensor). */
  scales: Float32Array;
}

/** Symmetric INT8 in [-127, 127], one scale per slice along `axis` (or one for all when axis is null). */
export function quantizeWeights(
  weights: Float32Array,
  dims: number[],
  axis: number | null,
): QuantizedWeights {
  const channels = axis === null ? 1 : dims[axis]!;
  const inner = axis === null ? weights.length : dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const channelOf = (i: number) => (axis === null ? 0 : Math.floor(i / inner) % channels);
  const amax = new Float64Array(channels);
  for (let i = 0; i < weights.length; i++)
    amax[channelOf(i)] = Math.max(amax[channelOf(i)]!, Math.abs(weights[i]!));
  const scales = Float32Array.from(amax, (a) => positive(a / 127));
  const values = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) {
    values[i] = Math.max(-127, Math.min(127, roundHalfEven(weights[i]! / scales[channelOf(i)]!)));
  }
  return { values, scales };
}

/** INT32 bias with scale inputScale * weightScale[c] (what QLinearConv expects). */
export function quantizeBias(
  bias: Float32Array,
  inputScale: number,
  weightScales: Float32Array,
): { values: Int32Array; scales: Float32Array } {
  const scales = Float32Array.from(
    bias,
    (_, c) => inputScale * weightScales[weightScales.length === 1 ? 0 : c]!,
  );
  const values = Int32Array.from(bias, (b, c) =>
    Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, roundHalfEven(b / scales[c]!))),
  );
  return { values, scales };
}
