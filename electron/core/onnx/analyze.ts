/**
 * analyzeModel: an OnnxModel -> the canonical Model. Shapes (with the user's overrides), per-node
 * cost against a device ceiling, per-op-type totals, lints. Weights are referenced by byte range
 * and never read, except small constants (shape vectors, Q/DQ scales) the analysis needs.
 */
import type { DeviceCeilings, DType, Model, ModelNode, SubgraphSummary, TensorInfo } from '../model/types';
import { computeCosts } from './cost';
import { resolveCeilings } from './device-ceilings';
import type { OnnxModel } from './graph';
import { lintModel } from './lints';
import { attributeValue, initializerInfo, summarizeSubgraph } from './model-summary';
import { nodeNames } from './node-names';
import { realInputs } from './shapes/declared';
import { inferShapes } from './shapes/infer';
import type { TensorFact } from './shapes/types';

export interface AnalyzeOptions {
  /** Shapes for dynamic inputs, e.g. {"images": [1, 3, 640, 640]}. */
  shapes?: Record<string, number[]>;
  /** The roof for compute/memory-bound judgements; the default datasheet device when absent. */
  ceilings?: DeviceCeilings;
  sha256: string;
  /** Path as the user gave it. */
  sourcePath: string;
  /** Shapes measured by running the model once (backends/shape-capture.ts), for what inference cannot know. */
  executedShapes?: Record<string, { dims: number[]; dtype: DType }>;
}

function tensorInfo(name: string, fact: TensorFact | undefined): TensorInfo {
  return { name, dtype: fact?.dtype ?? 'unknown', shape: fact?.shape ? [...fact.shape] : null };
}

export function analyzeModel(onnx: OnnxModel, options: AnalyzeOptions): Model {
  const graph = onnx.graph;
  const shapes = options.shapes ?? {};
  const ceilings = options.ceilings ?? resolveCeilings();
  const inference = inferShapes(onnx, shapes, options.executedShapes);
  const facts = inference.tensors;
  const names = nodeNames(graph.nodes);
  const graphCost = computeCosts(graph, facts, ceilings);

  const nodes: ModelNode[] = graph.nodes.map((node, index) => ({
    name: names[index].name,
    ...(names[index].generated ? { generatedName: true } : {}),
    opType: node.opType,
    domain: node.domain,
    inputs: [...node.inputs],
    outputs: [...node.outputs],
    attributes: Object.fromEntries(node.attributes.map((a) => [a.name, attributeValue(a)])),
  }));
  const subgraphs: Record<string, SubgraphSummary[]> = {};
  graph.nodes.forEach((node, index) => {
    const bodies = node.attributes.flatMap((a) =>
      a.type === 'graph' ? [a.value] : a.type === 'graphs' ? a.value : [],
    );
    if (bodies.length > 0) subgraphs[names[index].name] = bodies.map(summarizeSubgraph);
  });
  const initializers = graph.initializers.map(initializerInfo);
  const lints = lintModel({
    graph,
    nodeNames: names.map((n) => n.name),
    facts,
    costs: graphCost.costs,
    constants: graphCost.constants,
    dynamicInputs: inference.dynamicInputs,
    unknownShapeNodes: inference.unknownShapeNodes,
    ceilings,
  });

  return {
    kind: 'model',
    source: { path: options.sourcePath, sha256: options.sha256, sizeBytes: onnx.sizeBytes },
    irVersion: onnx.irVersion,
    producer: { name: onnx.producerName, version: onnx.producerVersion },
    opsets: onnx.opsetImports.map((o) => ({ domain: o.domain, version: o.version })),
    graphName: graph.name,
    inputs: realInputs(graph).map((input) => tensorInfo(input.name, facts.get(input.name))),
    outputs: graph.outputs.map((output) => tensorInfo(output.name, facts.get(output.name))),
    nodes,
    tensors: Object.fromEntries([...facts].map(([name, fact]) => [name, tensorInfo(name, fact)])),
    initializers,
    parameterCount: graph.initializers.reduce((sum, t) => sum + t.dims.reduce((p, d) => p * d, 1), 0),
    parameterBytes: initializers.reduce((sum, i) => sum + i.byteLength, 0),
    shapeOverrides: shapes,
    costs: graphCost.costs,
    opTypeCosts: graphCost.opTypeCosts,
    totals: graphCost.totals,
    unknownShapeNodes: inference.unknownShapeNodes.map((i) => names[i].name),
    subgraphs,
    ceilings,
    lints,
  };
}
