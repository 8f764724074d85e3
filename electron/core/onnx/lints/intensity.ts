/**
 * Memory-bound layers: depthwise and 1x1 convolutions whose arithmetic intensity at FP16 stays under
 * the device's FP16 ridge point, and the share of bytes spent in data-movement ops.
 */
import type { Lint, NodeCost } from '../../model/types';
import { ridgePoint } from '../device-ceilings';
import type { OnnxNode } from '../graph';
import { intAttr } from '../shapes/attributes';
import { elementCount } from '../shapes/dims';
import type { LintInput } from './lint-input';
import { formatNumber, listSome } from './lint-input';

const FP16_BYTES = 2;

function totalBytes(cost: NodeCost): number {
  return cost.activationBytesRead + cost.weightBytesRead + cost.bytesWritten;
}

/** FLOP per byte if every tensor of the node were FP16 (what a TensorRT FP16 engine moves). */
function fp16Intensity(node: OnnxNode, input: LintInput, flops: number): number | null {
  let elements = 0;
  for (const name of new Set([...node.inputs, ...node.outputs])) {
    if (!name) continue;
    const count = elementCount(input.facts.get(name)?.shape);
    if (count === null) return null;
    elements += count;
  }
  return elements > 0 ? flops / (elements * FP16_BYTES) : null;
}

type ConvKind = 'depthwise' | 'pointwise' | null;

function convKind(node: OnnxNode, input: LintInput): ConvKind {
  if (node.opType !== 'Conv') return null;
  const weight = input.facts.get(node.inputs[1])?.shape;
  if (!weight || weight.length < 3) return null;
  const group = intAttr(node, 'group', 1);
  if (group > 1 && weight[1] === 1) return 'depthwise';
  if (group === 1 && weight.slice(2).every((d) => d === 1)) return 'pointwise';
  return null;
}

const CONV_LINT = {
  depthwise: {
    id: 'depthwise-low-intensity',
    label: 'depthwise convolution(s)',
    why: 'A depthwise convolution does a few FLOPs per byte: its time follows memory traffic, and FP16/INT8 help only by shrinking bytes.',
    fix: 'Let TensorRT fuse it with the neighbouring 1x1 conv and activation (keep them adjacent, no reshapes between), or widen channels to raise intensity.',
  },
  pointwise: {
    id: 'pointwise-low-intensity',
    label: '1x1 convolution(s)',
    why: 'A 1x1 convolution with few channels or small spatial size is memory-bound: its time follows bytes moved, not FLOPs.',
    fix: 'Fuse it with its neighbours (no data-movement ops in between), use larger batches, or merge thin layers.',
  },
};

function convIntensityLints(input: LintInput, totalModelBytes: number): Lint[] {
  const ridge = ridgePoint(input.ceilings, 'fp16');
  const lints: Lint[] = [];
  for (const kind of ['depthwise', 'pointwise'] as const) {
    const found: { name: string; intensity: number; bytes: number }[] = [];
    input.graph.nodes.forEach((node, index) => {
      const cost = input.costs[index];
      if (!cost || convKind(node, input) !== kind) return;
      const intensity = fp16Intensity(node, input, cost.flops);
      if (intensity !== null && intensity < ridge)
        found.push({ name: input.nodeNames[index], intensity, bytes: totalBytes(cost) });
    });
    if (found.length === 0) continue;
    const share = totalModelBytes > 0 ? (100 * found.reduce((s, f) => s + f.bytes, 0)) / totalModelBytes : 0;
    const low = Math.min(...found.map((f) => f.intensity));
    const high = Math.max(...found.map((f) => f.intensity));
    const spec = CONV_LINT[kind];
    lints.push({
      id: spec.id,
      severity: share >= 20 ? 'warning' : 'info',
      nodes: found.map((f) => f.name),
      message:
        `${found.length} ${spec.label} are memory-bound at FP16 on ${input.ceilings.name}: ` +
        `${formatNumber(low)}-${formatNumber(high)} FLOP/byte against a ridge of ${formatNumber(ridge)}; ` +
        `${formatNumber(share)}% of the model's bytes (${listSome(
          found.map((f) => f.name),
          3,
        )})`,
      why: spec.why,
      fix: spec.fix,
    });
  }
  return lints;
}

function dataMovementLint(input: LintInput, totalModelBytes: number): Lint[] {
  // A share over partly unknown costs would be a wrong number: say nothing until shapes are known.
  if (input.costs.some((cost) => cost === null)) return [];
  const byType = new Map<string, number>();
  const nodes: string[] = [];
  let bytes = 0;
  input.graph.nodes.forEach((node, index) => {
    const cost = input.costs[index];
    if (!cost?.dataMovement || cost.folded) return;
    const b = totalBytes(cost);
    bytes += b;
    nodes.push(input.nodeNames[index]);
    byType.set(node.opType, (byType.get(node.opType) ?? 0) + b);
  });
  const share = totalModelBytes > 0 ? (100 * bytes) / totalModelBytes : 0;
  if (share < 5) return [];
  const top = [...byType.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([op, b]) => `${op} ${formatNumber((100 * b) / totalModelBytes)}%`);
  return [
    {
      id: 'data-movement-share',
      severity: share >= 20 ? 'warning' : 'info',
      nodes,
      message: `${formatNumber(share)}% of the bytes moved are in ${nodes.length} data-movement node(s) that compute nothing: ${listSome(top, 4)}`,
      why: 'Reshape, Transpose, Concat, Slice, Gather, Pad and Split cost memory bandwidth and can break TensorRT fusions, without doing math.',
      fix: 'Remove layout round trips (NCHW<->NHWC transposes, channel shuffles), fold static reshapes, or move them out of the hot path.',
    },
  ];
}

export function intensityLints(input: LintInput): Lint[] {
  const totalModelBytes = input.costs.reduce((sum, cost) => sum + (cost ? totalBytes(cost) : 0), 0);
  return [...convIntensityLints(input, totalModelBytes), ...dataMovementLint(input, totalModelBytes)];
}
