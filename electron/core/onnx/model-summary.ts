/**
 * The JSON-friendly pieces of the canonical Model made from ONNX structures: attributes, nested
 * graph summaries and initializer byte ranges (weights are referenced, never read here).
 */
import type { AttributeValue, InitializerInfo, SubgraphSummary } from '../model/types';
import { dtypeName, elementCount, storageBytes } from './dtypes';
import type { OnnxAttribute, OnnxGraph, OnnxTensor } from './graph';

export function summarizeSubgraph(graph: OnnxGraph): SubgraphSummary {
  const opHistogram: Record<string, number> = {};
  for (const node of graph.nodes) opHistogram[node.opType] = (opHistogram[node.opType] ?? 0) + 1;
  return {
    name: graph.name,
    nodeCount: graph.nodes.length,
    opHistogram,
    inputs: graph.inputs.map((i) => i.name),
    outputs: graph.outputs.map((o) => o.name),
  };
}

function tensorSummary(tensor: OnnxTensor): {
  dtype: InitializerInfo['dtype'];
  dims: number[];
  byteLength: number;
} {
  return {
    dtype: dtypeName(tensor.dataType),
    dims: [...tensor.dims],
    byteLength: storageBytes(tensor.dataType, elementCount(tensor.dims)),
  };
}

export function attributeValue(attribute: OnnxAttribute): AttributeValue {
  switch (attribute.type) {
    case 'tensor':
      return { type: 'tensor', value: tensorSummary(attribute.value) };
    case 'tensors':
      return { type: 'tensors', value: attribute.value.map(tensorSummary) };
    case 'graph':
      return { type: 'graph', value: summarizeSubgraph(attribute.value) };
    case 'graphs':
      return { type: 'graphs', value: attribute.value.map(summarizeSubgraph) };
    case 'other':
      return { type: 'other', value: 'sparse tensor, type proto or reference attribute (not modelled)' };
    default:
      return { type: attribute.type, value: attribute.value } as AttributeValue;
  }
}

/** Where an initializer's bytes are; in-memory tensors (made by a transformation) report offset 0. */
export function initializerInfo(tensor: OnnxTensor): InitializerInfo {
  const { dtype, dims, byteLength } = tensorSummary(tensor);
  const base = { name: tensor.name, dtype, dims, byteLength };
  const data = tensor.data;
  switch (data.kind) {
    case 'file':
      return {
        ...base,
        location: data.external ? 'external' : 'embedded',
        ...(data.external ? { externalFile: data.external.location } : {}),
        offset: data.offset,
        length: data.length,
        encoding: data.encoding,
      };
    case 'bytes':
      return { ...base, location: 'embedded', offset: 0, length: data.bytes.byteLength, encoding: 'raw' };
    case 'strings':
      return {
        ...base,
        location: 'embedded',
        offset: 0,
        length: data.values.reduce((s, v) => s + v.byteLength, 0),
        encoding: 'string_data',
      };
    case 'empty':
      return { ...base, location: 'embedded', offset: 0, length: 0, encoding: 'raw' };
  }
}
