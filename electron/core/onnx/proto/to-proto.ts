/**
 * The in-memory ONNX graph -> plain objects protobufjs encodes. Main-graph initializers are left out
 * here: the writer streams them (their payloads may be hundreds of MB on disk).
 */
import protobuf from 'protobufjs';
import type {
  OnnxAttribute,
  OnnxGraph,
  OnnxModel,
  OnnxNode,
  OnnxTensor,
  OnnxType,
  OnnxValueInfo,
} from '../graph';
import { readTensorBytes } from '../tensor-data';

type Proto = Record<string, unknown>;

/** 2^63: the double nearest ONNX's INT64_MAX sentinel (9223372036854775807), which a number cannot hold. */
const INT64_MAX = 2 ** 63;
const utf8 = new TextEncoder();

/** number -> int64 for protobufjs; ONNX's INT64_MAX/MIN sentinels (not exact in a double) clamp exactly. */
export function int64(value: number): number | protobuf.Long {
  const Long = protobuf.util.Long as unknown as
    { MAX_VALUE: protobuf.Long; MIN_VALUE: protobuf.Long } | undefined;
  if (Long && value >= INT64_MAX) return Long.MAX_VALUE;
  if (Long && value <= -INT64_MAX) return Long.MIN_VALUE;
  return value;
}

const ATTRIBUTE_CODES: Record<Exclude<OnnxAttribute['type'], 'other'>, number> = {
  float: 1,
  int: 2,
  string: 3,
  tensor: 4,
  graph: 5,
  floats: 6,
  ints: 7,
  strings: 8,
  tensors: 9,
  graphs: 10,
};

/** Tensor header fields (no payload). */
export function tensorHeaderToProto(tensor: OnnxTensor): Proto {
  const proto: Proto = { dims: tensor.dims.map(int64), data_type: tensor.dataType };
  if (tensor.name) proto.name = tensor.name;
  if (tensor.docString !== undefined) proto.doc_string = tensor.docString;
  return proto;
}

/** A whole tensor, payload included, for attributes and nested graphs (small by nature). */
export function tensorToProto(tensor: OnnxTensor): Proto {
  const proto = tensorHeaderToProto(tensor);
  if (tensor.data.kind === 'strings') proto.string_data = tensor.data.values;
  else if (tensor.data.kind !== 'empty') proto.raw_data = readTensorBytes(tensor);
  return proto;
}

export function typeToProto(type: OnnxType): Proto {
  if (type.kind === 'other') return type.proto as Proto;
  const tensorType: Proto = { elem_type: type.elemType };
  if (type.shape) {
    tensorType.shape = {
      dim: type.shape.map((d) => {
        if (d.value !== undefined) return { dim_value: int64(d.value) };
        if (d.param !== undefined) return { dim_param: d.param };
        return {};
      }),
    };
  }
  const proto: Proto = { tensor_type: tensorType };
  if (type.denotation !== undefined) proto.denotation = type.denotation;
  return proto;
}

export function valueInfoToProto(info: OnnxValueInfo): Proto {
  const proto: Proto = { name: info.name };
  if (info.type) proto.type = typeToProto(info.type);
  if (info.docString !== undefined) proto.doc_string = info.docString;
  return proto;
}

export function attributeToProto(attribute: OnnxAttribute): Proto {
  if (attribute.type === 'other') return attribute.proto as Proto;
  const proto: Proto = { name: attribute.name, type: ATTRIBUTE_CODES[attribute.type] };
  switch (attribute.type) {
    case 'float':
      proto.f = attribute.value;
      break;
    case 'int':
      proto.i = int64(attribute.value);
      break;
    case 'string':
      proto.s = utf8.encode(attribute.value);
      break;
    case 'tensor':
      proto.t = tensorToProto(attribute.value);
      break;
    case 'graph':
      proto.g = graphToProto(attribute.value, true);
      break;
    case 'floats':
      proto.floats = attribute.value;
      break;
    case 'ints':
      proto.ints = attribute.value.map(int64);
      break;
    case 'strings':
      proto.strings = attribute.value.map((s) => utf8.encode(s));
      break;
    case 'tensors':
      proto.tensors = attribute.value.map(tensorToProto);
      break;
    case 'graphs':
      proto.graphs = attribute.value.map((g) => graphToProto(g, true));
      break;
  }
  return proto;
}

export function nodeToProto(node: OnnxNode): Proto {
  const proto: Proto = {
    input: node.inputs,
    output: node.outputs,
    op_type: node.opType,
    attribute: node.attributes.map(attributeToProto),
    ...node.extra,
  };
  if (node.name) proto.name = node.name;
  if (node.domain) proto.domain = node.domain;
  if (node.docString !== undefined) proto.doc_string = node.docString;
  return proto;
}

/** GraphProto; with `withInitializers` false the main graph's initializers are left to the writer. */
export function graphToProto(graph: OnnxGraph, withInitializers: boolean): Proto {
  const proto: Proto = {
    node: graph.nodes.map(nodeToProto),
    name: graph.name,
    input: graph.inputs.map(valueInfoToProto),
    output: graph.outputs.map(valueInfoToProto),
    value_info: graph.valueInfo.map(valueInfoToProto),
    ...graph.extra,
  };
  if (withInitializers) proto.initializer = graph.initializers.map(tensorToProto);
  if (graph.docString !== undefined) proto.doc_string = graph.docString;
  return proto;
}

/** ModelProto without its graph. */
export function modelHeaderToProto(model: OnnxModel): Proto {
  const proto: Proto = {
    ir_version: model.irVersion,
    opset_import: model.opsetImports.map((o) => ({ domain: o.domain, version: o.version })),
    producer_name: model.producerName,
    producer_version: model.producerVersion,
    domain: model.domain,
    model_version: model.modelVersion,
    doc_string: model.docString,
    metadata_props: model.metadataProps,
    ...model.extra,
  };
  return proto;
}
