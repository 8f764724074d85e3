/**
 * Which tensors are constants at build time: initializers, Constant outputs, Shape/Size of tensors
 * whose shape is static, and outputs of nodes whose every input is constant. TensorRT folds those
 * nodes while building, so they cost nothing at run time.
 */
import type { OnnxGraph } from './graph';
import { isStaticShape } from './shapes/dims';
import { topologicalOrder } from './shapes/topological-order';
import type { TensorFact } from './shapes/types';

/** Ops whose outputs differ from run to run even with constant inputs. */
const NON_DETERMINISTIC = new Set([
  'RandomNormal',
  'RandomUniform',
  'RandomNormalLike',
  'RandomUniformLike',
  'Multinomial',
  'Bernoulli',
]);

export interface ConstantFolding {
  /** Tensors known at build time. */
  constants: Set<string>;
  /** Indices of nodes folded away. */
  folded: Set<number>;
}

export function foldConstants(graph: OnnxGraph, facts: Map<string, TensorFact>): ConstantFolding {
  const constants = new Set(graph.initializers.map((t) => t.name));
  const folded = new Set<number>();
  for (const index of topologicalOrder(graph.nodes)) {
    const node = graph.nodes[index];
    if (NON_DETERMINISTIC.has(node.opType) || (node.domain !== '' && node.domain !== 'ai.onnx')) continue;
    const inputs = node.inputs.filter((name) => name !== '');
    const foldable =
      node.opType === 'Constant' ||
      ((node.opType === 'Shape' || node.opType === 'Size') && isStaticShape(facts.get(inputs[0])?.shape)) ||
      (inputs.length > 0 && inputs.every((name) => constants.has(name)));
    if (!foldable) continue;
    folded.add(index);
    node.outputs.forEach((name) => name && constants.add(name));
  }
  return { constants, folded };
}
