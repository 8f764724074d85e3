/**
 * FLOPs and bytes of one engine layer, for the roofline. From the session's model when the layer
 * names the ONNX nodes it holds (their static cost, scaled when the engine ran another batch), else
 * from the layer information itself: convolutions and GEMMs from their output shape and kernel (or
 * weight tensor), pooling from its window, element-wise layers at one operation per output element.
 * Bytes are always those of the layer's own tensors at its own types (plus TensorRT's weights), so an
 * INT8 layer moves fewer bytes than its FP32 counterpart. Layers that only move data have no FLOPs.
 */
import type { EngineLayer, Model, NodeCost } from '../model/types';
import { layerWeightBytes, tensorsBytes } from './compared-engine';
import { layerKind } from './engine-analysis';

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
  // ONNX Runtime lists the weight tensor [K, C/groups, kh, kw] among the inputs.
  const channels = layer.outputs[0]?.dims?.[1];
  const weight = layer.inputs.slice(1).find((t) => t.dims && t.dims.length >= 3 && t.dims[0] === channels);
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

/** Bytes the layer reads and writes at its own types; TensorRT's weights are not among its inputs. */
export function layerBytes(layer: EngineLayer): number | null {
  const io = tensorsBytes([...layer.inputs, ...layer.outputs]);
  if (io === null) return null;
  const weightsOutsideInputs =
    layer.details?.['Weights'] !== undefined || layer.details?.['Bias'] !== undefined;
  return io + (weightsOutsideInputs ? (layerWeightBytes(layer) ?? 0) : 0);
}

/** Node name -> its cost and the batch its shapes assumed, from the model. */
export interface ModelCostIndex {
  byNode: Map<string, { cost: NodeCost; batch: number | null }>;
}

export function modelCostIndex(model: Model | undefined): ModelCostIndex | null {
  if (!model) return null;
  const byNode = new Map<string, { cost: NodeCost; batch: number | null }>();
  model.nodes.forEach((node, index) => {
    const cost = model.costs[index];
    if (!cost) return;
    const first = model.tensors[node.outputs[0] ?? '']?.shape?.[0];
    byNode.set(node.name, { cost, batch: typeof first === 'number' ? first : null });
  });
  return { byNode };
}

function fromModel(layer: EngineLayer, index: ModelCostIndex): number | null {
  if (layer.originNodes.length === 0) return null;
  let flops = 0;
  let batch: number | null = null;
  for (const node of layer.originNodes) {
    const found = index.byNode.get(node);
    // Nodes the variant added (QuantizeLinear...) are not in the source model: they add no math.
    if (!found) continue;
    flops += found.cost.folded ? 0 : found.cost.flops;
    batch ??= found.batch;
  }
  const ran = layer.outputs[0]?.dims?.[0];
  return batch && ran && ran !== batch ? (flops * ran) / batch : flops;
}

/** The layer's cost; null when either its FLOPs or its bytes cannot be told, or it does no math. */
export function layerCost(layer: EngineLayer, index: ModelCostIndex | null): LayerCost | null {
  if (layer.reformat) return null;
  const bytes = layerBytes(layer);
  if (bytes === null || bytes === 0) return null;
  const modelFlops = index ? fromModel(layer, index) : null;
  if (modelFlops !== null && modelFlops > 0) return { flops: modelFlops, bytes, source: 'model' };
  const own = layerFlops(layer);
  return own !== null && own > 0 ? { flops: own, bytes, source: 'layer' } : null;
}
