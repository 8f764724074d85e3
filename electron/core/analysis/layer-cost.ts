/**
 * FLOPs and bytes of one engine layer, for the roofline. From the session's model when the layer
 * names the ONNX nodes it holds (their static cost, scaled when the engine ran another batch), else
 * from the layer information itself: convolutions and GEMMs from their output shape and kernel (or
 * weight tensor), pooling from its window, element-wise layers at one operation per output element.
 * Bytes are always those of the layer's own tensors at its own types (plus TensorRT's weights), so an
 * INT8 layer moves fewer bytes than its FP32 counterpart. Layers that only move data have no FLOPs.
 */
import type { EngineLayer, Model, NodeCost } from '../model/types';
import { layerWeightBytes, tensorBytes } from './compared-engine';
import { layerKind } from '../model/engine-layers';

export interface LayerCost {
  flops: number;
  bytes: number;
  /** Where the FLOPs came from: the model's node costs, or the layer's own shapes. */
  source: 'model' | 'layer';
}

const CONV = /^(Convolution|Conv|FusedConv|QLinearConv|ConvInteger|NhwcFusedConv)$/;
const GEMM =
  /^(FullyConnected|MatrixMultiply|gemm|Gemm|MatMul|FusedMatMul|QGemm|QLinearMatMul|MatMulInteger)$/;
const POOL =
  /^(Pooling|MaxPool|AveragePool|QLinearAveragePool|GlobalAveragePool|GlobalMaxPool|QLinearGlobalAveragePool)$/;
const ELEMENTWISE =
  /^(PointWise|PointWiseV2|ElementWise|Activation|Scale|Unary|Softmax|Normalization|Relu|Clip|Add|Mul|Sub|Div|Sigmoid|HardSigmoid|HardSwish|Gelu|FastGelu|BiasGelu|Erf|Tanh|Exp|QLinearAdd|QLinearMul|QLinearSigmoid|QuickGelu|LayerNormalization|SkipLayerNormalization|BatchNormalization)$/;

function elements(dims: number[] | null | undefined): number | null {
  if (!dims) return null;
  let count = 1;
  for (const dim of dims) count *= dim;
  return count;
}

/** Multiply-adds per output element of a convolution: (C / groups) x kernel area. */
function convMacsPerOutput(layer: EngineLayer): number | null {
  const kernel = layer.details?.['Kernel'];
  const input = layer.inputs[0]?.dims;
  if (Array.isArray(kernel) && input && input.length >= 2) {
    const groups = Number(layer.details?.['Groups'] ?? 1) || 1;
    return (input[1]! / groups) * kernel.reduce((a: number, b: number) => a * b, 1);
  }
  // ONNX Runtime lists the weight tensor [K, C/groups, kh, kw] among the inputs; its quantized
  // kernels run NHWC, so K is the output's last dimension there.
  const out = layer.outputs[0]?.dims ?? [];
  const channels = new Set([out[1], out[out.length - 1]]);
  const weight = layer.inputs.slice(1).find((t) => t.dims && t.dims.length >= 3 && channels.has(t.dims[0]));
  return weight ? elements(weight.dims!.slice(1)) : null;
}

function gemmFlops(layer: EngineLayer, outputs: number): number | null {
  const a = layer.inputs[0]?.dims;
  const inner = a && a.length > 0 ? a[a.length - 1] : undefined;
  return inner ? 2 * outputs * inner : null;
}

/** FLOPs from the layer's own information; null when it cannot tell (or for data movement). */
export function layerFlops(layer: EngineLayer): number | null {
  const kind = layerKind(layer);
  const outputs = elements(layer.outputs[0]?.dims);
  if (outputs === null || layer.reformat) return null;
  if (CONV.test(kind) || CONV.test(layer.type)) {
    const macs = convMacsPerOutput(layer);
    return macs === null ? null : 2 * outputs * macs;
  }
  if (GEMM.test(kind) || GEMM.test(layer.type)) return gemmFlops(layer, outputs);
  if (POOL.test(kind) || POOL.test(layer.type)) {
    const window = layer.details?.['WindowSize'];
    if (Array.isArray(window)) return outputs * window.reduce((a: number, b: number) => a * b, 1);
    const input = elements(layer.inputs[0]?.dims);
    return /Global/.test(layer.type) && input !== null ? input : null;
  }
  if (ELEMENTWISE.test(kind) || ELEMENTWISE.test(layer.type)) return outputs;
  return null;
}

/**
 * Bytes the layer reads and writes at its own types; TensorRT's weights are not among its inputs.
 * Tensors without a known shape (the scales and zero points of quantized kernels, in ONNX Runtime's
 * profile) are left out as long as the data tensors, its first input and output, are known.
 */
export function layerBytes(layer: EngineLayer): number | null {
  const first = [layer.inputs[0], layer.outputs[0]];
  if (first.some((tensor) => !tensor || tensorBytes(tensor) === null)) return null;
  const io = [...layer.inputs, ...layer.outputs].reduce((sum, tensor) => sum + (tensorBytes(tensor) ?? 0), 0);
  const weightsOutsideInputs =
    layer.details?.['Weights'] !== undefined || layer.details?.['Bias'] !== undefined;
  return io + (weightsOutsideInputs ? (layerWeightBytes(layer) ?? 0) : 0);
}

/** What the model says about a node: its static cost (null without shapes), its batch, its weights. */
interface ModelNodeFacts {
  cost: NodeCost | null;
  batch: number | null;
  opType: string;
  /** Dims of its weight initializer (a Conv's [K, C/groups, kh, kw]); null when it has none. */
  weightDims: number[] | null;
}

/** Node name -> what the model says about it. */
export interface ModelCostIndex {
  byNode: Map<string, ModelNodeFacts>;
}

export function modelCostIndex(model: Model | undefined): ModelCostIndex | null {
  if (!model) return null;
  const initializers = new Map(model.initializers.map((init) => [init.name, init.dims]));
  const byNode = new Map<string, ModelNodeFacts>();
  model.nodes.forEach((node, index) => {
    const first = model.tensors[node.outputs[0] ?? '']?.shape?.[0];
    byNode.set(node.name, {
      cost: model.costs[index] ?? null,
      batch: typeof first === 'number' ? first : null,
      opType: node.opType,
      weightDims: initializers.get(node.inputs[1] ?? '') ?? null,
    });
  });
  return { byNode };
}

/** ONNX nodes a layer holds: its origins, else the parts of a TensorRT fused name ("A + B"). */
function nodesOf(layer: EngineLayer): string[] {
  return layer.originNodes.length > 0
    ? layer.originNodes
    : layer.name.split(' + ').map((part) => part.trim());
}

function fromModel(layer: EngineLayer, index: ModelCostIndex): number | null {
  const nodes = nodesOf(layer).filter((node) => index.byNode.has(node));
  if (nodes.length === 0) return null;
  let flops = 0;
  let batch: number | null = null;
  for (const node of nodes) {
    const found = index.byNode.get(node);
    // Nodes the variant added (QuantizeLinear...) are not in the source model: they add no math.
    if (!found) continue;
    if (!found.cost) return null;
    flops += found.cost.folded ? 0 : found.cost.flops;
    batch ??= found.batch;
  }
  const ran = layer.outputs[0]?.dims?.[0];
  return batch && ran && ran !== batch ? (flops * ran) / batch : flops;
}

/**
 * A convolution's FLOPs from the model's weight shape and the layer's own output shape, for when the
 * model's costs are unknown (a symbolic batch) and the layer lists no weight (ONNX Runtime prepacks
 * the weights of its quantized kernels).
 */
function convFromModelWeights(
  layer: EngineLayer,
  index: ModelCostIndex,
): { flops: number; weightElements: number } | null {
  const outputs = elements(layer.outputs[0]?.dims);
  if (outputs === null) return null;
  for (const node of nodesOf(layer)) {
    const found = index.byNode.get(node);
    if (found?.opType !== 'Conv' || !found.weightDims || found.weightDims.length < 3) continue;
    return {
      flops: 2 * outputs * elements(found.weightDims.slice(1))!,
      weightElements: elements(found.weightDims)!,
    };
  }
  return null;
}

/** Bytes per element of the precision a layer computes in, against the model's FP32. */
const PRECISION_SCALE: Partial<Record<EngineLayer['precision'], number>> = {
  fp32: 1,
  fp16: 0.5,
  bf16: 0.5,
  int8: 0.25,
  fp8: 0.25,
};

/**
 * Bytes from the model when the layer's own tensors are not all known (ONNX Runtime's profile gives
 * no shape for some inputs of its quantized kernels): the weights of the fused nodes, what the first
 * reads and the last writes, scaled from the model's FP32 to the layer's precision.
 */
function bytesFromModel(layer: EngineLayer, index: ModelCostIndex): number | null {
  const costs = nodesOf(layer).flatMap((node) => {
    const cost = index.byNode.get(node)?.cost;
    return cost && !cost.folded ? [cost] : [];
  });
  const scale = PRECISION_SCALE[layer.precision];
  if (costs.length === 0 || scale === undefined) return null;
  const weights = costs.reduce((sum, cost) => sum + cost.weightBytesRead, 0);
  return (weights + costs[0]!.activationBytesRead + costs.at(-1)!.bytesWritten) * scale;
}

/** The layer's cost; null when either its FLOPs or its bytes cannot be told, or it does no math. */
export function layerCost(layer: EngineLayer, index: ModelCostIndex | null): LayerCost | null {
  if (layer.reformat) return null;
  const bytes = layerBytes(layer) ?? (index ? bytesFromModel(layer, index) : null);
  if (bytes === null || bytes === 0) return null;
  const modelFlops = index ? fromModel(layer, index) : null;
  if (modelFlops !== null && modelFlops > 0) return { flops: modelFlops, bytes, source: 'model' };
  const own = layerFlops(layer);
  if (own !== null && own > 0) return { flops: own, bytes, source: 'layer' };
  const conv = index ? convFromModelWeights(layer, index) : null;
  if (!conv) return null;
  // The layer's inputs did not list the weights: add them at the layer's precision.
  const weightBytes = conv.weightElements * 4 * (PRECISION_SCALE[layer.precision] ?? 1);
  return { flops: conv.flops, bytes: bytes + weightBytes, source: 'model' };
}
