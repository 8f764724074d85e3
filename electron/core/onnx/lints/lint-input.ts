/** What every lint family reads: the graph with display names, inferred facts and per-node costs. */
import type { DeviceCeilings, Dim, NodeCost } from '../../model/types';
import type { OnnxGraph, OnnxNode } from '../graph';
import type { TensorFact } from '../shapes/types';

export interface LintInput {
  graph: OnnxGraph;
  /** Display name of each node (generated for unnamed nodes), same order as graph.nodes. */
  nodeNames: string[];
  facts: Map<string, TensorFact>;
  costs: (NodeCost | null)[];
  /** Tensors known at build time (weights, folded constants). */
  constants: Set<string>;
  dynamicInputs: { name: string; shape: Dim[] | null }[];
  unknownShapeNodes: number[];
  ceilings: DeviceCeilings;
}

/** Consumers of every tensor, for lints that look one step downstream. */
export function consumersOf(graph: OnnxGraph): Map<string, OnnxNode[]> {
  const consumers = new Map<string, OnnxNode[]>();
  for (const node of graph.nodes) {
    for (const name of new Set(node.inputs)) {
      if (!name) continue;
      const list = consumers.get(name) ?? [];
      list.push(node);
      consumers.set(name, list);
    }
  }
  return consumers;
}

export function producersOf(graph: OnnxGraph): Map<string, OnnxNode> {
  const producers = new Map<string, OnnxNode>();
  for (const node of graph.nodes) for (const name of node.outputs) if (name) producers.set(name, node);
  return producers;
}

/** "a, b, c and 4 more": keeps lint messages one line long. */
export function listSome(items: string[], shown = 5): string {
  if (items.length <= shown) return items.join(', ');
  return `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}

export function formatNumber(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}
