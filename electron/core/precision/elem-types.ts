/**
 * Element types of every tensor of a graph, without shapes: declared types first (inputs,
 * initializers, value_info, outputs, the enclosing scope), then a per-op rule for node outputs
 * (Cast -> `to`, Shape -> int64, comparisons -> bool, most ops -> their first input's type).
 */
import { OnnxDataType, type OnnxGraph, type OnnxNode } from '../onnx/graph';
import { BOOL_OUTPUT_OPS, INT64_OUTPUT_OPS } from '../onnx/op-output-dtypes';

export type ElemTypes = Map<string, OnnxDataType>;

function attr(node: OnnxNode, name: string) {
  return node.attributes.find((a) => a.name === name);
}

function intAttrOf(node: OnnxNode, name: string): number | undefined {
  const a = attr(node, name);
  return a?.type === 'int' ? a.value : undefined;
}

/** Ops whose second and later outputs are int64 indices. */
const INDEX_OUTPUTS = new Set(['TopK', 'MaxPool', 'Unique']);

function constantType(node: OnnxNode): OnnxDataType {
  for (const a of node.attributes) {
    if (a.type === 'tensor') return a.value.dataType;
    if (a.name === 'value_float' || a.name === 'value_floats') return OnnxDataType.FLOAT;
    if (a.name === 'value_int' || a.name === 'value_ints') return OnnxDataType.INT64;
    if (a.name === 'value_string' || a.name === 'value_strings') return OnnxDataType.STRING;
  }
  return OnnxDataType.UNDEFINED;
}

function declaredTypes(graph: OnnxGraph): ElemTypes {
  const declared: ElemTypes = new Map();
  for (const info of [...graph.valueInfo, ...graph.outputs]) {
    if (info.type?.kind === 'tensor' && info.type.elemType !== OnnxDataType.UNDEFINED)
      declared.set(info.name, info.type.elemType);
  }
  return declared;
}

/** If: the then-branch's declared outputs; Loop: the body's outputs after `cond`; Scan: the body's outputs. */
function controlFlowOutputTypes(node: OnnxNode): OnnxDataType[] {
  const body = attr(node, node.opType === 'If' ? 'then_branch' : 'body');
  if (body?.type !== 'graph') return node.outputs.map(() => OnnxDataType.UNDEFINED);
  const declared = body.value.outputs.slice(node.opType === 'Loop' ? 1 : 0);
  return node.outputs.map((_, i) => {
    const type = declared[i]?.type;
    return type?.kind === 'tensor' ? type.elemType : OnnxDataType.UNDEFINED;
  });
}

/** Output element types of one node from its inputs' types. */
export function nodeOutputTypes(node: OnnxNode, typeOf: (name: string) => OnnxDataType): OnnxDataType[] {
  const input = (i: number) => (node.inputs[i] ? typeOf(node.inputs[i]!) : OnnxDataType.UNDEFINED);
  const firstKnown = () =>
    node.inputs
      .map((n) => (n ? typeOf(n) : OnnxDataType.UNDEFINED))
      .find((t) => t !== OnnxDataType.UNDEFINED) ?? OnnxDataType.UNDEFINED;
  const all = (t: OnnxDataType) => node.outputs.map(() => t);
  const op = node.opType;
  if (node.domain !== '' && node.domain !== 'ai.onnx') return all(firstKnown());
  if (op === 'Cast') return all(intAttrOf(node, 'to') ?? OnnxDataType.UNDEFINED);
  if (op === 'CastLike') return all(input(1));
  if (INT64_OUTPUT_OPS.has(op)) return all(OnnxDataType.INT64);
  if (BOOL_OUTPUT_OPS.has(op)) return all(OnnxDataType.BOOL);
  if (INDEX_OUTPUTS.has(op)) return node.outputs.map((_, i) => (i === 0 ? input(0) : OnnxDataType.INT64));
  if (op === 'Constant') return all(constantType(node));
  if (op === 'ConstantOfShape')
    return all(attr(node, 'value')?.type === 'tensor' ? constantType(node) : OnnxDataType.FLOAT);
  if (op === 'RandomNormal' || op === 'RandomUniform')
    return all(intAttrOf(node, 'dtype') ?? OnnxDataType.FLOAT);
  if (['RandomNormalLike', 'RandomUniformLike', 'EyeLike', 'Bernoulli'].includes(op))
    return all(intAttrOf(node, 'dtype') ?? input(0));
  if (op === 'Multinomial') return all(intAttrOf(node, 'dtype') ?? OnnxDataType.INT32);
  if (op === 'QuantizeLinear')
    return all(intAttrOf(node, 'output_dtype') || (node.inputs[2] ? input(2) : OnnxDataType.UINT8));
  if (op === 'DequantizeLinear') return all(input(1));
  if (op === 'DynamicQuantizeLinear') return [OnnxDataType.UINT8, OnnxDataType.FLOAT, OnnxDataType.UINT8];
  if (op === 'Where') return all(input(1));
  if (op === 'OneHot') return all(input(2));
  if (op === 'If' || op === 'Loop' || op === 'Scan') return controlFlowOutputTypes(node);
  return all(firstKnown());
}

/** Types of every tensor the graph names; `outer` holds the enclosing scopes' tensors. */
export function inferElemTypes(graph: OnnxGraph, outer: ElemTypes = new Map()): ElemTypes {
  const types: ElemTypes = new Map(outer);
  for (const input of graph.inputs)
    if (input.type?.kind === 'tensor') types.set(input.name, input.type.elemType);
  for (const tensor of graph.initializers) types.set(tensor.name, tensor.dataType);
  const declared = declaredTypes(graph);
  const typeOf = (name: string) => types.get(name) ?? OnnxDataType.UNDEFINED;
  for (const node of graph.nodes) {
    const inferred = nodeOutputTypes(node, typeOf);
    node.outputs.forEach((output, i) => {
      if (!output) return;
      types.set(output, declared.get(output) ?? inferred[i] ?? OnnxDataType.UNDEFINED);
    });
  }
  return types;
}
