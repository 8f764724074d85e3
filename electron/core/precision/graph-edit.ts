/**
 * Small building blocks the precision transformations share: fresh unique names, new nodes and
 * in-memory initializers, and walking every graph of a model (subgraphs included).
 */
import { OnnxDataType, type OnnxGraph, type OnnxModel, type OnnxNode, type OnnxTensor } from '../onnx/graph';

/** Every graph of the model: the main graph, then subgraphs depth-first. */
export function allGraphs(graph: OnnxGraph): OnnxGraph[] {
  const graphs = [graph];
  for (const node of graph.nodes) {
    for (const a of node.attributes) {
      if (a.type === 'graph') graphs.push(...allGraphs(a.value));
      if (a.type === 'graphs') for (const g of a.value) graphs.push(...allGraphs(g));
    }
  }
  return graphs;
}

/** Hands out names not used anywhere in the model (tensors and nodes). */
export class NameAllocator {
  private readonly used = new Set<string>();

  constructor(model: OnnxModel) {
    for (const graph of allGraphs(model.graph)) {
      for (const v of [...graph.inputs, ...graph.outputs, ...graph.valueInfo]) this.used.add(v.name);
      for (const t of graph.initializers) this.used.add(t.name);
      for (const node of graph.nodes) {
        this.used.add(node.name);
        for (const n of [...node.inputs, ...node.outputs]) this.used.add(n);
      }
    }
  }

  fresh(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }
}

export function node(
  opType: string,
  name: string,
  inputs: string[],
  outputs: string[],
  attributes: OnnxNode['attributes'] = [],
): OnnxNode {
  return { name, opType, domain: '', inputs, outputs, attributes };
}

export function castNode(name: string, input: string, output: string, to: OnnxDataType): OnnxNode {
  return node('Cast', name, [input], [output], [{ name: 'to', type: 'int', value: to }]);
}

/** An initializer holding the bytes of a typed array. */
export function tensorFromArray(
  name: string,
  dataType: OnnxDataType,
  dims: number[],
  values: Float32Array | Uint16Array | Int8Array | Uint8Array | Int32Array | BigInt64Array,
): OnnxTensor {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
  return { name, dataType, dims, data: { kind: 'bytes', bytes } };
}

export function int64Tensor(name: string, values: number[]): OnnxTensor {
  return tensorFromArray(
    name,
    OnnxDataType.INT64,
    [values.length],
    BigInt64Array.from(values, (v) => BigInt(v)),
  );
}

/** The node writing each tensor (main graph only). */
export function producers(graph: OnnxGraph): Map<string, OnnxNode> {
  const map = new Map<string, OnnxNode>();
  for (const n of graph.nodes) for (const output of n.outputs) if (output) map.set(output, n);
  return map;
}

/** Names of the nodes reading each tensor (main graph only; subgraph reads are listed separately). */
export function consumers(graph: OnnxGraph): Map<string, OnnxNode[]> {
  const map = new Map<string, OnnxNode[]>();
  for (const n of graph.nodes) {
    for (const input of n.inputs) {
      if (!input) continue;
      const list = map.get(input);
      if (list) list.push(n);
      else map.set(input, [n]);
    }
  }
  return map;
}

/** Tensor names a node's subgraphs read from the enclosing scope. */
export function outerReads(n: OnnxNode): Set<string> {
  const reads = new Set<string>();
  for (const a of n.attributes) {
    const graphs = a.type === 'graph' ? [a.value] : a.type === 'graphs' ? a.value : [];
    for (const g of graphs) {
      const local = new Set([
        ...g.inputs.map((i) => i.name),
        ...g.initializers.map((t) => t.name),
        ...g.nodes.flatMap((x) => x.outputs),
      ]);
      for (const x of g.nodes) {
        for (const input of x.inputs) if (input && !local.has(input)) reads.add(input);
        for (const inner of outerReads(x)) if (!local.has(inner)) reads.add(inner);
      }
    }
  }
  return reads;
}

export function hasSubgraph(n: OnnxNode): boolean {
  return n.attributes.some((a) => a.type === 'graph' || a.type === 'graphs');
}
