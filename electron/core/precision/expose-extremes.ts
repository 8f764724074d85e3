/**
 * A copy of the model that returns, for each named tensor, its minimum and maximum as two scalars
 * (ReduceMin and ReduceMax over every axis, keepdims 0) instead of the tensor itself: what minmax
 * calibration needs, without copying every activation of every sample out of the runtime and
 * scanning it in JavaScript (ONNX Runtime's own MinMax calibrator works the same way).
 */
import type { OnnxModel } from '../onnx/graph';
import { NameAllocator, node } from './graph-edit';

export interface ExtremesModel {
  model: OnnxModel;
  /** Per tensor, the graph outputs that hold its minimum and maximum. */
  outputs: Map<string, { min: string; max: string }>;
}

export function exposeExtremes(model: OnnxModel, tensorNames: string[]): ExtremesModel {
  const names = new NameAllocator(model);
  const nodes = [...model.graph.nodes];
  const graphOutputs = [...model.graph.outputs];
  const outputs = new Map<string, { min: string; max: string }>();
  const keepdims = [{ name: 'keepdims', type: 'int' as const, value: 0 }];
  for (const tensor of tensorNames) {
    const min = names.fresh(`${tensor}_calibration_min`);
    const max = names.fresh(`${tensor}_calibration_max`);
    nodes.push(node('ReduceMin', names.fresh(`${tensor}_ReduceMin`), [tensor], [min], keepdims));
    nodes.push(node('ReduceMax', names.fresh(`${tensor}_ReduceMax`), [tensor], [max], keepdims));
    graphOutputs.push({ name: min, type: null }, { name: max, type: null });
    outputs.set(tensor, { min, max });
  }
  return { model: { ...model, graph: { ...model.graph, nodes, outputs: graphOutputs } }, outputs };
}
