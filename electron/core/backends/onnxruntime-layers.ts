/**
 * ORT kernels as Engine layers: one layer per node of ORT's optimized graph, with the original ONNX
 * nodes it holds, and element types and shapes from one profiled run (the ORT profile importer's
 * layers: ORT's optimized model file does not carry them for its own kernels).
 */
import type { DType, EngineLayer, LayerTensor, Precision } from '../model/types';
import { precisionOfDtype } from '../model/precision';
import type { FusionMap } from './onnxruntime-fusion';

const CONVERSION_OPS = new Set(['QuantizeLinear', 'DequantizeLinear', 'Cast', 'DynamicQuantizeLinear']);

/** The precision a kernel computes in, judged from its first input (as TREx does) and, for conversions, its output. */
export function kernelPrecision(opType: string, firstInput: DType, firstOutput: DType): Precision {
  const input = precisionOfDtype(firstInput) ?? 'unknown';
  if (CONVERSION_OPS.has(opType)) {
    const output = precisionOfDtype(firstOutput) ?? 'unknown';
    return input === output ? input : 'mixed';
  }
  return input;
}

export function buildLayers(fusions: FusionMap, profiled: Map<string, EngineLayer>): EngineLayer[] {
  return fusions.kernels.map(({ kernel, originNodes, inserted }) => {
    const seen = profiled.get(kernel.name);
    const inputs = tensors(kernel.inputs, seen?.inputs);
    const outputs = tensors(kernel.outputs, seen?.outputs);
    const opType = seen && seen.type !== 'unknown' ? seen.type : kernel.opType;
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
    const details = { ...(kernel.domain ? { domain: kernel.domain } : {}), ...seen?.details };
    if (Object.keys(details).length > 0) layer.details = details;
    return layer;
  });
}

/** ORT lists optional inputs as ''; its profile lists only the inputs that exist, in order. */
function tensors(names: string[], seen: LayerTensor[] | undefined): LayerTensor[] {
  const present = names.filter((name) => name !== '');
  return present.map((name, index) => ({
    name,
    dims: seen?.[index]?.dims ?? null,
    dtype: seen?.[index]?.dtype ?? 'unknown',
  }));
}
