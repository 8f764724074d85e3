/**
 * Per-node cost from inferred shapes: FLOPs (flops.ts), bytes read (activations and weights apart)
 * and written at each tensor's dtype, arithmetic intensity, and whether the node sits under the
 * compute roof or the memory roof of a device. Aggregated per op type for "top ops" listings.
 */
import type { DeviceCeilings, NodeCost, OpTypeCost } from '../model/types';
import { foldConstants } from './constant-folding';
import { dtypeBytes } from './dtypes';
import { isDataMovement, METADATA_OPS, nodeFlops } from './flops';
import type { OnnxGraph, OnnxNode } from './graph';
import { ridgePoint } from './device-ceilings';
import { elementCount } from './shapes/dims';
import type { TensorFact } from './shapes/types';

export type ComputePrecision = 'fp32' | 'fp16' | 'int8';

export interface GraphCost {
  /** Per node, in graph order; null when a shape the cost needs is unknown. */
  costs: (NodeCost | null)[];
  opTypeCosts: OpTypeCost[];
  totals: { flops: number; bytesMoved: number; weightBytes: number };
  /** Tensors known at build time (weights and folded constants). */
  constants: Set<string>;
}

const QUANTIZABLE_MATH = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul']);

/** Bytes of a tensor with a static shape at its dtype, or null. */
export function tensorBytes(fact: TensorFact | undefined): number | null {
  const count = elementCount(fact?.shape);
  return fact && count !== null ? Math.ceil(count * dtypeBytes(fact.dtype)) : null;
}

/** The precision a node would compute in: its data dtype, or INT8 for math fed by a DequantizeLinear. */
export function nodePrecision(
  node: OnnxNode,
  facts: Map<string, TensorFact>,
  producers: Map<string, OnnxNode>,
): ComputePrecision {
  const dtype = facts.get(node.inputs[0])?.dtype;
  if (dtype === 'int8' || dtype === 'uint8') return 'int8';
  if (QUANTIZABLE_MATH.has(node.opType) && producers.get(node.inputs[0])?.opType === 'DequantizeLinear')
    return 'int8';
  if (dtype === 'float16' || dtype === 'bfloat16') return 'fp16';
  return 'fp32';
}

function sumBytes(
  names: string[],
  facts: Map<string, TensorFact>,
  bytesOf: (name: string) => number | null = (name) => tensorBytes(facts.get(name)),
): number | null {
  let total = 0;
  for (const name of new Set(names)) {
    const bytes = bytesOf(name);
    if (bytes === null) return null;
    total += bytes;
  }
  return total;
}

const GATHER_OPS = new Set(['Gather', 'GatherElements', 'GatherND']);

/**
 * Bytes a node reads from one input. A gather reads only the rows it picks: an embedding lookup
 * touches batch x sequence rows of its table, not the whole table, so its data input counts as at
 * most the bytes of the output.
 */
function inputBytesRead(node: OnnxNode, name: string, facts: Map<string, TensorFact>): number | null {
  const bytes = tensorBytes(facts.get(name));
  if (!GATHER_OPS.has(node.opType) || name !== node.inputs[0] || bytes === null) return bytes;
  const written = tensorBytes(facts.get(node.outputs[0]));
  return written === null ? bytes : Math.min(bytes, written);
}

const FOLDED: NodeCost = {
  flops: 0,
  activationBytesRead: 0,
  weightBytesRead: 0,
  bytesWritten: 0,
  intensity: 0,
  bound: 'unknown',
  dataMovement: false,
  folded: true,
};

interface NodeCostContext {
  facts: Map<string, TensorFact>;
  constants: Set<string>;
  producers: Map<string, OnnxNode>;
  ceilings: DeviceCeilings;
}

export function nodeCost(node: OnnxNode, ctx: NodeCostContext): NodeCost | null {
  const inputs = node.inputs.filter((name) => name !== '');
  // Shape, Size and constant makers read metadata, not data.
  const read = METADATA_OPS.has(node.opType) ? [] : inputs;
  const bytesOf = (name: string) => inputBytesRead(node, name, ctx.facts);
  const activationBytesRead = sumBytes(
    read.filter((n) => !ctx.constants.has(n)),
    ctx.facts,
    bytesOf,
  );
  const weightBytesRead = sumBytes(
    read.filter((n) => ctx.constants.has(n)),
    ctx.facts,
    bytesOf,
  );
  const bytesWritten = sumBytes(
    node.outputs.filter((n) => n !== ''),
    ctx.facts,
  );
  if (activationBytesRead === null || weightBytesRead === null || bytesWritten === null) return null;
  const flops = nodeFlops(node, (name) => ctx.facts.get(name));
  const bytes = activationBytesRead + weightBytesRead + bytesWritten;
  const intensity = bytes > 0 ? (flops ?? 0) / bytes : 0;
  const precision = nodePrecision(node, ctx.facts, ctx.producers);
  const cost: NodeCost = {
    flops: flops ?? 0,
    activationBytesRead,
    weightBytesRead,
    bytesWritten,
    intensity,
    bound:
      flops === null || bytes === 0
        ? 'unknown'
        : intensity >= ridgePoint(ctx.ceilings, precision)
          ? 'compute'
          : 'memory',
    dataMovement: isDataMovement(node),
    precision,
  };
  if (flops === null) cost.flopsUnknown = true;
  return cost;
}

function aggregateByOpType(nodes: OnnxNode[], costs: (NodeCost | null)[]): OpTypeCost[] {
  const byType = new Map<string, OpTypeCost>();
  nodes.forEach((node, index) => {
    const entry = byType.get(node.opType) ?? { opType: node.opType, count: 0, flops: 0, bytes: 0 };
    const cost = costs[index];
    entry.count += 1;
    if (cost) {
      entry.flops += cost.flops;
      entry.bytes += cost.activationBytesRead + cost.weightBytesRead + cost.bytesWritten;
    }
    byType.set(node.opType, entry);
  });
  return [...byType.values()].sort(
    (a, b) => b.flops - a.flops || b.bytes - a.bytes || a.opType.localeCompare(b.opType),
  );
}

export function computeCosts(
  graph: OnnxGraph,
  facts: Map<string, TensorFact>,
  ceilings: DeviceCeilings,
): GraphCost {
  const { constants, folded } = foldConstants(graph, facts);
  const producers = new Map<string, OnnxNode>();
  for (const node of graph.nodes) for (const name of node.outputs) if (name) producers.set(name, node);
  const ctx: NodeCostContext = { facts, constants, producers, ceilings };
  const costs = graph.nodes.map((node, index) => (folded.has(index) ? { ...FOLDED } : nodeCost(node, ctx)));
  const totals = { flops: 0, bytesMoved: 0, weightBytes: 0 };
  for (const cost of costs) {
    if (!cost) continue;
    totals.flops += cost.flops;
    totals.bytesMoved += cost.activationBytesRead + cost.weightBytesRead + cost.bytesWritten;
    totals.weightBytes += cost.weightBytesRead;
  }
  return { costs, opTypeCosts: aggregateByOpType(graph.nodes, costs), totals, constants };
}
