/**
 * The stem of a network: every node (in graph order) up to its first `layers` weighted layers (Conv,
 * Gemm, MatMul), plus the element-wise activation chain that follows the last of them (Relu, Clip,
 * SiLU = Sigmoid + Mul, ...). The stem sees raw-scale inputs: its activations span wide ranges with
 * channels of very different magnitude (YOLOX's first conv outputs reach 130 while many channels stay
 * below 1), so one per-tensor INT8 scale wipes out the small channels, and the next (often depthwise)
 * conv cannot mix them back. Keeping the first layers in float is the usual remedy. A small network
 * (MNIST's 3 layers) is not a stem plus a body: the stem takes at most a tenth of the weighted layers.
 */
import type { OnnxGraph, OnnxNode } from '../onnx/graph';
import { WEIGHTED_OPS } from './qdq-ops';

/** Element-wise ops that continue an activation chain (an activation or its parts). */
const ACTIVATION_CHAIN_OPS = new Set([
  'Relu',
  'Clip',
  'LeakyRelu',
  'Sigmoid',
  'HardSigmoid',
  'HardSwish',
  'Mul',
  'Tanh',
  'BatchNormalization',
]);

export function findStem(graph: OnnxGraph, layers: number): Set<OnnxNode> {
  const stem = new Set<OnnxNode>();
  const weightedTotal = graph.nodes.filter((n) => WEIGHTED_OPS.includes(n.opType)).length;
  layers = Math.min(layers, Math.floor(weightedTotal / 10));
  if (layers <= 0) return stem;
  const initializers = new Set(graph.initializers.map((t) => t.name));
  const produced = new Set<string>();
  let weighted = 0;
  let index = 0;
  for (; index < graph.nodes.length && weighted < layers; index++) {
    const n = graph.nodes[index]!;
    stem.add(n);
    for (const o of n.outputs) if (o) produced.add(o);
    if (WEIGHTED_OPS.includes(n.opType)) weighted++;
  }
  if (weighted < layers) return stem;
  // The activation after the last stem layer: element-wise nodes reading stem tensors only.
  for (; index < graph.nodes.length; index++) {
    const n = graph.nodes[index]!;
    const activations = n.inputs.filter((i) => i && !initializers.has(i));
    if (!ACTIVATION_CHAIN_OPS.has(n.opType) || !activations.every((i) => produced.has(i))) continue;
    stem.add(n);
    for (const o of n.outputs) if (o) produced.add(o);
  }
  return stem;
}
