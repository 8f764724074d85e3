/**
 * Which original ONNX nodes ORT folded into each kernel of its optimized graph, learned by comparing
 * the two graphs through tensor names (the way TensorRT's Metadata names a layer's ONNX origins).
 *
 * A kernel "anchors" the original tensors it produces: its outputs that exist in the original graph,
 * or, when ORT's layout transformers renamed them (`reorder_token_*`, `*_token_N`), what its own name
 * points at: NCHWc kernels are named `<original output tensor>_nchwc`, NHWC rewrites of quantized
 * convolutions `<original node>_token_N`. Layout Transposes/Reorders ORT added carry no origin.
 * Walking the original graph back from a kernel's anchors, every node met before reaching a tensor that
 * another kernel anchors (or a graph input / weight) was fused into it. Nodes still unclaimed afterwards
 * (an Add that NCHWc folded into the Conv before it) are given to the kernel whose tensors they consume.
 * Original nodes no kernel claims were removed by ORT (constant folding, Identity elimination).
 */
import type { OnnxGraph, OnnxNode } from '../onnx/graph';

export interface KernelOrigin {
  kernel: OnnxNode;
  /** Original node names folded into this kernel, in original graph order. */
  originNodes: string[];
  /** ORT added this kernel (layout reorder, precision cast): it has no ONNX origin. */
  inserted: boolean;
}

export interface FusionMap {
  kernels: KernelOrigin[];
  /** Original nodes no kernel holds (folded into constants or eliminated). */
  removedNodes: string[];
}

const NCHWC_SUFFIX = '_nchwc';
const RENAME_SUFFIX = /(_token_\d+|_nchwc)+$/;
const INSERTED_OPS = new Set(['ReorderInput', 'ReorderOutput', 'MemcpyToHost', 'MemcpyFromHost']);
const INSERTED_NAME_PREFIXES = ['ReorderInput', 'ReorderOutput'];
/**
 * ORT's FP16 casts. The prefix alone proves nothing: once ORT drops a cancelling pair of casts, the
 * kernel between them writes the cast's tensor and is named after it (a Conv called
 * `InsertedPrecisionFreeCast_ReLU32_Output_0_nchwc`), and that kernel is the model's own.
 */
const INSERTED_CAST_PREFIX = 'InsertedPrecisionFreeCast_';
/** Ops ORT's layout and precision passes add; inserted when no original node has the kernel's name. */
const LAYOUT_OPS = new Set(['Transpose', 'Cast']);

/** The kernel's name without the suffixes ORT's layout transformers append. */
export function baseKernelName(name: string): string {
  return name.replace(RENAME_SUFFIX, '');
}

export function isInsertedKernel(
  node: Pick<OnnxNode, 'name' | 'opType'>,
  originalNames?: Set<string>,
): boolean {
  if (INSERTED_OPS.has(node.opType)) return true;
  if (INSERTED_NAME_PREFIXES.some((prefix) => node.name.startsWith(prefix))) return true;
  if (node.opType === 'Cast' && node.name.startsWith(INSERTED_CAST_PREFIX)) return true;
  return !!originalNames && LAYOUT_OPS.has(node.opType) && !originalNames.has(baseKernelName(node.name));
}

export function mapFusions(original: OnnxGraph, optimized: OnnxGraph): FusionMap {
  const producer = new Map<string, number>();
  original.nodes.forEach((node, index) => node.outputs.forEach((t) => t && producer.set(t, index)));
  const sources = new Set([
    ...original.inputs.map((i) => i.name),
    ...original.initializers.map((t) => t.name),
  ]);

  const originalNames = new Set(original.nodes.map((n) => n.name));
  const byName = new Map(original.nodes.map((n) => [n.name, n]));
  const inserted = (kernel: OnnxNode) => isInsertedKernel(kernel, originalNames);
  const consumers = new Map<string, OnnxNode[]>();
  for (const node of original.nodes)
    for (const t of node.inputs) consumers.set(t, [...(consumers.get(t) ?? []), node]);
  const anchors = optimized.nodes.map((kernel) =>
    inserted(kernel) ? [] : anchorTensors(kernel, producer, consumers, byName),
  );
  const materialized = new Set(anchors.flat());
  for (const kernel of optimized.nodes)
    if (inserted(kernel)) kernel.outputs.forEach((t) => materialized.add(t));

  const owner = new Int32Array(original.nodes.length).fill(-1);
  anchors.forEach((tensors, kernelIndex) => {
    const stack = [...tensors];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const tensor = stack.pop()!;
      if (seen.has(tensor)) continue;
      seen.add(tensor);
      const nodeIndex = producer.get(tensor);
      if (nodeIndex === undefined || owner[nodeIndex] !== -1) continue;
      owner[nodeIndex] = kernelIndex;
      for (const input of original.nodes[nodeIndex]!.inputs) {
        if (input && !sources.has(input) && !materialized.has(input)) stack.push(input);
      }
    }
  });
  claimFollowers(original, owner, materialized);

  const kernels: KernelOrigin[] = optimized.nodes.map((kernel) => ({
    kernel,
    originNodes: [],
    inserted: inserted(kernel),
  }));
  const removedNodes: string[] = [];
  original.nodes.forEach((node, index) => {
    const kernelIndex = owner[index]!;
    if (kernelIndex >= 0) kernels[kernelIndex]!.originNodes.push(node.name);
    else removedNodes.push(node.name);
  });
  return { kernels, removedNodes };
}

function anchorTensors(
  kernel: OnnxNode,
  producer: Map<string, number>,
  consumers: Map<string, OnnxNode[]>,
  byName: Map<string, OnnxNode>,
): string[] {
  const anchors = kernel.outputs.filter((t) => t && producer.has(t));
  const renamedNode = byName.get(baseKernelName(kernel.name));
  if (anchors.length === 0 && renamedNode && kernel.name !== renamedNode.name)
    anchors.push(...renamedNode.outputs);
  if (kernel.name.endsWith(NCHWC_SUFFIX)) {
    const renamedOutput = kernel.name.slice(0, -NCHWC_SUFFIX.length);
    if (producer.has(renamedOutput)) {
      anchors.push(renamedOutput);
      // An NCHWc Conv with a 4th ("Sum") input also computes the Add that consumed its output.
      if (kernel.opType === 'Conv' && kernel.inputs[3]) {
        const add = consumers.get(renamedOutput)?.find((n) => n.opType === 'Add' || n.opType === 'Sum');
        if (add) anchors.push(...add.outputs);
      }
    }
  }
  return anchors;
}

/** Ops whose unclaimed nodes were folded into constants, never into a neighbour's kernel. */
const SHAPE_OPS = new Set(['Shape', 'Size', 'Constant', 'ConstantOfShape']);

/**
 * An unclaimed node whose outputs no kernel produces, fed by a claimed node, was folded into that
 * node's kernel (Conv + Add + activation in NCHWc). Repeats until nothing changes.
 */
function claimFollowers(original: OnnxGraph, owner: Int32Array, materialized: Set<string>): void {
  const producer = new Map<string, number>();
  original.nodes.forEach((node, index) => node.outputs.forEach((t) => t && producer.set(t, index)));
  let changed = true;
  while (changed) {
    changed = false;
    original.nodes.forEach((node, index) => {
      if (owner[index] !== -1 || SHAPE_OPS.has(node.opType)) return;
      if (node.outputs.some((t) => materialized.has(t))) return;
      const feeder = node.inputs.map((t) => producer.get(t)).find((p) => p !== undefined && owner[p]! >= 0);
      if (feeder === undefined) return;
      owner[index] = owner[feeder]!;
      changed = true;
    });
  }
}
