/**
 * The output head of a network, derived from the graph: walking back from each graph output through
 * data movement (Concat, Reshape, Transpose, ...) and weight-free output activations (Sigmoid,
 * Softmax, ...), the nodes passed are the decode path and the first weighted nodes reached (Conv,
 * Gemm, MatMul) are the output layers (a detector's box/objectness/class predictions, a classifier's
 * last dense layer). Their outputs are the model's answer: INT8 there clips box offsets and logits
 * without letting much INT8 compute run, so the INT8 variant keeps them in float by default.
 */
import type { OnnxGraph, OnnxNode } from '../onnx/graph';
import { DATA_MOVEMENT_OPS, OUTPUT_ACTIVATION_OPS, WEIGHTED_OPS } from './qdq-ops';
import { producers } from './graph-edit';

export interface OutputHead {
  /** Weighted nodes whose outputs reach a graph output through the decode path only. */
  outputLayers: Set<OnnxNode>;
  /** Data-movement and output-activation nodes between those layers and the graph outputs. */
  decodePath: Set<OnnxNode>;
}

export function findOutputHead(graph: OnnxGraph): OutputHead {
  const producer = producers(graph);
  const initializers = new Set(graph.initializers.map((t) => t.name));
  const head: OutputHead = { outputLayers: new Set(), decodePath: new Set() };
  const pending = graph.outputs.map((o) => o.name);
  const seen = new Set<string>();
  while (pending.length > 0) {
    const tensor = pending.pop()!;
    if (seen.has(tensor)) continue;
    seen.add(tensor);
    const n = producer.get(tensor);
    if (!n) continue;
    if (WEIGHTED_OPS.includes(n.opType)) head.outputLayers.add(n);
    else if (DATA_MOVEMENT_OPS.has(n.opType) || OUTPUT_ACTIVATION_OPS.has(n.opType)) {
      head.decodePath.add(n);
      // Only the data input: Reshape's shape, Gather's indices, Slice's bounds are not activations.
      const dataInputs = n.opType === 'Concat' ? n.inputs : n.inputs.slice(0, 1);
      for (const input of dataInputs) if (input && !initializers.has(input)) pending.push(input);
    }
  }
  return head;
}
