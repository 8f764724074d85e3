/**
 * ORT kernels as Engine layers: one layer per node of ORT's optimized graph, with the original ONNX
 * nodes it holds, and element types and shapes from one profiled run (ORT's optimized model file does
 * not carry them for its own kernels).
 */
import type { DType, EngineLayer, LayerTensor, Precision } from '../model/types';
import type { FusionMap } from './onnxruntime-fusion';
import type { NodeRunTimes } from './onnxruntime-node-times';

/** ORT profile type names -> the studio's dtype names. */
const ORT_TYPES: Record<string, DType> = {
  float: 'float32',
  float16: 'float16',
  double: 'float64',
  bfloat16: 'bfloat16',
  int8: 'int8',
  uint8: 'uint8',
  int16: 'int16',
  uint16: 'uint16',
  int32: 'int32',
  uint32: 'uint32',
  int64: 'int64',
  uint64: 'uint64',
  bool: 'bool',
  string: 'string',
};

export function ortTypeToDType(type: string | undefined): DType {
  return (type && ORT_TYPES[type]) || 'unknown';
}

const CONVERSION_OPS = new Set(['QuantizeLinear', 'DequantizeLinear', 'Cast', 'DynamicQuantizeLinear']);

/** The precision a kernel computes in, judged from its first input (as TREx does) and, for conversions, its output. */
export function kernelPrecision(opType: string, firstInput: DType, firstOutput: DType): Precision {
  const input = dtypePrecision(firstInput);
  if (CONVERSION_OPS.has(opType)) {
    const output = dtypePrecision(firstOutput);
    return input === output ? input : 'mixed';
  }
  return input;
}

function dtypePrecision(dtype: DType): Precision {
  switch (dtype) {
    case 'float32':
      return 'fp32';
    case 'float16':
      return 'fp16';
    case 'bfloat16':
      return 'bf16';
    case 'int8':
    case 'uint8':
      return 'int8';
    default:
      return 'unknown';
  }
}

export function buildLayers(fusions: FusionMap, timesByName: Map<string, NodeRunTimes>): EngineLayer[] {
  return fusions.kernels.map(({ kernel, originNodes, inserted }) => {
    const times = timesByName.get(kernel.name);
    const inputs = tensors(kernel.inputs, times?.inputTypes, times?.inputShapes);
    const outputs = tensors(kernel.outputs, times?.outputTypes, times?.outputShapes);
    const opType = times?.opType && times.opType !== 'unknown' ? times.opType : kernel.opType;
    const layer: EngineLayer = {
      name: kernel.name,
      type: opType,
      precision: kernelPrecision(opType, inputs[0]?.dtype ?? 'unknown', outputs[0]?.dtype ?? 'unknown'),
      inputs,
      outputs,
      originNodes,
      fused: originNodes.length > 1,
      tensorCores: null,
      reformat: inserted,
      profileIndex: 0,
    };
    if (kernel.domain) layer.details = { domain: kernel.domain };
    if (times) layer.details = { ...layer.details, provider: times.provider };
    return layer;
  });
}

/** ORT lists optional inputs as ''; its profile lists only the inputs that exist, in order. */
function tensors(
  names: string[],
  types: string[] | undefined,
  shapes: number[][] | undefined,
): LayerTensor[] {
  const present = names.filter((name) => name !== '');
  return present.map((name, index) => ({
    name,
    dims: shapes?.[index] ?? null,
    dtype: ortTypeToDType(types?.[index]),
  }));
}
