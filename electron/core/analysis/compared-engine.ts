/**
 * One engine of a comparison together with what its session knows about it (the variant it was built
 * from, its accuracy against the reference), and the facts every comparison view asks of an engine:
 * where it ran (GPU or CPU), its input and output precision, the bytes of its tensors.
 */
import type { AccuracyResult, DType, EngineLayer, LayerTensor, Precision, Variant } from '../model/types';
import { precisionOfDtype } from '../model/precision';
import { dtypeBytes } from '../onnx/dtypes';
import type { ProfiledEngine } from './engine-timing';
import type { ExecutionTarget } from '../model/views/comparison';

export interface ComparedEngine extends ProfiledEngine {
  /** The precision variant the engine was built from, when the session made it. */
  variant?: Variant;
  /** Its accuracy against the reference, when it was judged (the reference itself has none). */
  accuracy?: AccuracyResult;
}

const GPU_BACKENDS = new Set(['tensorrt', 'trtexec', 'nsys', 'kineto']);

function providersOf(item: ProfiledEngine): string[] {
  const { engine } = item;
  const named = [
    engine.device?.extra?.provider,
    engine.buildOptions.providers,
    engine.layers[0]?.details?.provider,
  ];
  return named.filter((value): value is string => typeof value === 'string');
}

/** GPU for TensorRT and GPU traces, CPU for ONNX Runtime's CPU provider, unknown when nothing says. */
export function executionTarget(item: ProfiledEngine): ExecutionTarget {
  if (GPU_BACKENDS.has(item.engine.backend)) return 'gpu';
  const providers = providersOf(item).join(',');
  if (/CUDA|Tensorrt|ROCM|DML/i.test(providers)) return 'gpu';
  if (/CPU/i.test(providers)) return 'cpu';
  if (item.engine.device?.computeCapability) return 'gpu';
  return 'unknown';
}

/** The precision a tensor carries ('unknown' for types with no math, such as int32 indices). */
export function tensorPrecision(tensor: LayerTensor | undefined): Precision {
  return tensor ? (precisionOfDtype(tensor.dtype) ?? 'unknown') : 'unknown';
}

/** Bytes of a tensor at its element type; null when its dims or type are unknown. */
export function tensorBytes(tensor: Pick<LayerTensor, 'dims' | 'dtype'>): number | null {
  const size = dtypeBytes(tensor.dtype as DType);
  if (!tensor.dims || size === 0) return null;
  let count = 1;
  for (const dim of tensor.dims) count *= dim;
  return count * size;
}

/** Sum of tensorBytes over tensors; null when any of them is unknown. */
export function tensorsBytes(tensors: LayerTensor[]): number | null {
  let total = 0;
  for (const tensor of tensors) {
    const bytes = tensorBytes(tensor);
    if (bytes === null) return null;
    total += bytes;
  }
  return total;
}

/** TensorRT names weight types "Float", "Half", "Int8", ... in layer information. */
const WEIGHT_TYPE_BYTES: Record<string, number> = {
  Float: 4,
  Half: 2,
  BFloat16: 2,
  Int8: 1,
  FP8: 1,
  Int32: 4,
  Int64: 8,
  Int4: 0.5,
};

function weightField(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null;
  const { Type: type, Count: count } = value as { Type?: unknown; Count?: unknown };
  const size = typeof type === 'string' ? WEIGHT_TYPE_BYTES[type] : undefined;
  return size !== undefined && typeof count === 'number' ? size * count : null;
}

/**
 * Weight bytes a layer holds: TensorRT's Weights and Bias fields, or ONNX Runtime's parameter_size;
 * null when the source says nothing (names-only layer information, reformats).
 */
export function layerWeightBytes(layer: EngineLayer): number | null {
  const details = layer.details ?? {};
  const weights = weightField(details['Weights']);
  const bias = weightField(details['Bias']);
  if (weights !== null || bias !== null) return (weights ?? 0) + (bias ?? 0);
  const parameterSize = Number(details['parameter_size']);
  return Number.isFinite(parameterSize) && details['parameter_size'] !== undefined ? parameterSize : null;
}
