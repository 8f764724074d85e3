/**
 * A model exported with batch 1 baked into its inputs can often run any batch: only the declared
 * shapes say 1. This writes a copy whose graph inputs and outputs have a symbolic leading dimension,
 * drops the stale intermediate shapes (ORT re-infers them), and turns constant Reshape targets that
 * start with the exported batch of 1 into 0 ("copy the input's batch": YOLOX's [1, 85, -1]). Whether the
 * graph then follows the batch (FastestDet's channel shuffle folds the batch into [24, 2, 1936]) is
 * only known by running it: the caller does, and says so when it does not.
 */
import {
  OnnxDataType,
  type OnnxModel,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValueInfo,
} from '../onnx/graph';
import { readOnnx } from '../onnx/reader';
import { readTensorData } from '../onnx/tensor-data';
import { writeOnnx } from '../onnx/writer';

export const BATCH_SYMBOL = 'batch';

/** True when every graph input's leading dimension is already symbolic or unknown. */
export function hasDynamicBatch(inputs: { shape: readonly (number | string)[] }[]): boolean {
  return (
    inputs.length > 0 && inputs.every((input) => input.shape.length > 0 && typeof input.shape[0] !== 'number')
  );
}

function withSymbolicBatch(value: OnnxValueInfo): OnnxValueInfo {
  const type = value.type;
  if (!type || type.kind !== 'tensor' || !type.shape || type.shape.length === 0) return value;
  return { ...value, type: { ...type, shape: [{ param: BATCH_SYMBOL }, ...type.shape.slice(1)] } };
}

/** Reshape targets held in int64 initializers, used by Reshape nodes only, starting with 1. */
function batchOneReshapeTargets(nodes: OnnxNode[], initializers: OnnxTensor[]): Set<string> {
  const reshapeTargets = new Set(nodes.filter((n) => n.opType === 'Reshape').map((n) => n.inputs[1]!));
  const otherUses = new Set(nodes.flatMap((n) => (n.opType === 'Reshape' ? [n.inputs[0]!] : n.inputs)));
  const allowZero = nodes.some(
    (n) =>
      n.opType === 'Reshape' &&
      n.attributes.some((a) => a.name === 'allowzero' && a.type === 'int' && a.value === 1),
  );
  if (allowZero) return new Set();
  const names = initializers
    .filter((t) => reshapeTargets.has(t.name) && !otherUses.has(t.name) && t.dataType === OnnxDataType.INT64)
    .filter((t) => t.dims.length === 1 && t.dims[0]! > 1 && (readTensorData(t) as BigInt64Array)[0] === 1n)
    .map((t) => t.name);
  return new Set(names);
}

function withCopiedBatch(tensor: OnnxTensor): OnnxTensor {
  const values = BigInt64Array.from(readTensorData(tensor) as BigInt64Array);
  values[0] = 0n;
  return { ...tensor, data: { kind: 'bytes', bytes: new Uint8Array(values.buffer) } };
}

export function symbolicBatchModel(model: OnnxModel): OnnxModel {
  const initializerNames = new Set(model.graph.initializers.map((t) => t.name));
  const batchOne = batchOneReshapeTargets(model.graph.nodes, model.graph.initializers);
  const graph = {
    ...model.graph,
    initializers: model.graph.initializers.map((t) => (batchOne.has(t.name) ? withCopiedBatch(t) : t)),
    // Old-style models list initializers as inputs too: their shapes are real and must stay.
    inputs: model.graph.inputs.map((i) => (initializerNames.has(i.name) ? i : withSymbolicBatch(i))),
    outputs: model.graph.outputs.map(withSymbolicBatch),
    valueInfo: [],
  };
  return { ...model, graph };
}

/**
 * Reshape nodes whose constant target starts with a fixed size other than 1 (0 and -1 follow the
 * input): FastestDet's channel shuffle reshapes to [24, 2, 1936], folding the exported batch of 1 into
 * its first dims, so no rewrite can make that graph follow another batch. Named in the sweep's message.
 */
export function batchFoldingReshapes(model: OnnxModel): { node: string; target: number[] }[] {
  const constants = new Map(model.graph.initializers.map((t) => [t.name, t]));
  return model.graph.nodes.flatMap((node, index) => {
    const target = node.opType === 'Reshape' ? constants.get(node.inputs[1] ?? '') : undefined;
    if (!target || target.dataType !== OnnxDataType.INT64) return [];
    const values = Array.from(readTensorData(target) as BigInt64Array, Number);
    return values.length > 1 && values[0]! > 1
      ? [{ node: node.name || `Reshape_${index}`, target: values }]
      : [];
  });
}

/** Writes `modelPath` with a symbolic batch to `outPath` (atomic). */
export function writeSymbolicBatchModel(modelPath: string, outPath: string): void {
  writeOnnx(symbolicBatchModel(readOnnx(modelPath)), outPath);
}
