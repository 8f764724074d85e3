/**
 * Decoded protobufjs messages -> the studio's in-memory ONNX graph (graph.ts). Structural only: tensor
 * payloads stay where they are (file ranges or the decoded bytes).
 */
import type {
  OnnxAttribute,
  OnnxDim,
  OnnxGraph,
  OnnxNode,
  OnnxTensor,
  OnnxType,
  OnnxValueInfo,
  TensorData,
} from '../graph';
import { OnnxDataType } from '../graph';
import { typedValuesToRaw } from '../typed-fields';

type Proto = Record<string, unknown>;

const utf8 = new TextDecoder('utf-8');

/** int64 as protobufjs gives it (number or Long) -> number. */
export function toNumber(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && 'toNumber' in (value as object))
    return (value as { toNumber(): number }).toNumber();
  return Number(value);
}

function has(message: Proto, field: string): boolean {
  return Object.prototype.hasOwnProperty.call(message, field);
}

function str(message: Proto, field: string): string {
  return has(message, field) ? String(message[field]) : '';
}

function list<T = Proto>(message: Proto, field: string): T[] {
  const value = message[field];
  return Array.isArray(value) ? (value as T[]) : [];
}

function bytesToString(value: unknown): string {
  return value instanceof Uint8Array ? utf8.decode(value) : String(value ?? '');
}

/** Fields kept only for the writer: non-empty repeated fields and set scalars. */
function extras(message: Proto, fields: string[]): Record<string, unknown> | undefined {
  const kept: Record<string, unknown> = {};
  for (const field of fields) {
    const value = message[field];
    if (Array.isArray(value) ? value.length > 0 : has(message, field)) kept[field] = value;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** A TensorProto decoded in full (attributes, Constant values, subgraph initializers). */
export function tensorFromProto(proto: Proto): OnnxTensor {
  const dataType = toNumber(proto.data_type) as OnnxDataType;
  const tensor: OnnxTensor = {
    name: str(proto, 'name'),
    dataType,
    dims: list<unknown>(proto, 'dims').map(toNumber),
    data: inlineTensorData(proto, dataType),
  };
  if (has(proto, 'doc_string')) tensor.docString = str(proto, 'doc_string');
  return tensor;
}

function inlineTensorData(proto: Proto, dataType: OnnxDataType): TensorData {
  const raw = proto.raw_data;
  if (raw instanceof Uint8Array && raw.length > 0) return { kind: 'bytes', bytes: raw };
  if (dataType === OnnxDataType.STRING)
    return { kind: 'strings', values: list<Uint8Array>(proto, 'string_data') };
  for (const field of ['float_data', 'int32_data', 'int64_data', 'double_data', 'uint64_data'] as const) {
    const values = list<unknown>(proto, field);
    if (values.length > 0) return { kind: 'bytes', bytes: typedValuesToRaw(dataType, field, values) };
  }
  return { kind: 'empty' };
}

export function typeFromProto(proto: Proto | undefined): OnnxType | null {
  if (!proto) return null;
  const which = (proto as { value?: string }).value;
  if (which === 'tensor_type') {
    const tensorType = proto.tensor_type as Proto;
    const shape = tensorType.shape as Proto | undefined;
    const type: OnnxType = {
      kind: 'tensor',
      elemType: toNumber(tensorType.elem_type),
      shape: shape ? list(shape, 'dim').map(dimFromProto) : null,
    };
    if (has(proto, 'denotation')) type.denotation = str(proto, 'denotation');
    return type;
  }
  return { kind: 'other', description: which ? which.replace('_type', '') : 'unknown', proto };
}

function dimFromProto(dim: Proto): OnnxDim {
  const which = (dim as { value?: string }).value;
  if (which === 'dim_value') return { value: toNumber(dim.dim_value) };
  if (which === 'dim_param') return { param: String(dim.dim_param) };
  return {};
}

export function valueInfoFromProto(proto: Proto): OnnxValueInfo {
  const info: OnnxValueInfo = {
    name: str(proto, 'name'),
    type: typeFromProto(proto.type as Proto | undefined),
  };
  if (has(proto, 'doc_string')) info.docString = str(proto, 'doc_string');
  return info;
}

/** ONNX AttributeProto.AttributeType numbers. */
const ATTRIBUTE_TYPES: Record<number, OnnxAttribute['type']> = {
  1: 'float',
  2: 'int',
  3: 'string',
  4: 'tensor',
  5: 'graph',
  6: 'floats',
  7: 'ints',
  8: 'strings',
  9: 'tensors',
  10: 'graphs',
};

/** Very old models leave `type` unset: infer it from the field that holds a value. */
function inferAttributeType(proto: Proto): OnnxAttribute['type'] {
  if (has(proto, 'f')) return 'float';
  if (has(proto, 'i')) return 'int';
  if (has(proto, 's')) return 'string';
  if (has(proto, 't')) return 'tensor';
  if (has(proto, 'g')) return 'graph';
  if (list(proto, 'floats').length) return 'floats';
  if (list(proto, 'ints').length) return 'ints';
  if (list(proto, 'strings').length) return 'strings';
  if (list(proto, 'tensors').length) return 'tensors';
  if (list(proto, 'graphs').length) return 'graphs';
  return 'other';
}

export function attributeFromProto(proto: Proto): OnnxAttribute {
  const name = str(proto, 'name');
  const code = toNumber(proto.type);
  const type = has(proto, 'ref_attr_name')
    ? 'other'
    : (ATTRIBUTE_TYPES[code] ?? (code === 0 ? inferAttributeType(proto) : 'other'));
  switch (type) {
    case 'float':
      return { name, type, value: Number(proto.f ?? 0) };
    case 'int':
      return { name, type, value: toNumber(proto.i) };
    case 'string':
      return { name, type, value: bytesToString(proto.s) };
    case 'tensor':
      return { name, type, value: tensorFromProto(proto.t as Proto) };
    case 'graph':
      return { name, type, value: graphFromProto(proto.g as Proto, null) };
    case 'floats':
      return { name, type, value: list<number>(proto, 'floats').map(Number) };
    case 'ints':
      return { name, type, value: list<unknown>(proto, 'ints').map(toNumber) };
    case 'strings':
      return { name, type, value: list<unknown>(proto, 'strings').map(bytesToString) };
    case 'tensors':
      return { name, type, value: list(proto, 'tensors').map(tensorFromProto) };
    case 'graphs':
      return { name, type, value: list(proto, 'graphs').map((g) => graphFromProto(g, null)) };
    default:
      return { name, type: 'other', proto };
  }
}

export function nodeFromProto(proto: Proto): OnnxNode {
  const node: OnnxNode = {
    name: str(proto, 'name'),
    opType: str(proto, 'op_type'),
    domain: str(proto, 'domain'),
    inputs: list<string>(proto, 'input').map(String),
    outputs: list<string>(proto, 'output').map(String),
    attributes: list(proto, 'attribute').map(attributeFromProto),
  };
  if (has(proto, 'doc_string')) node.docString = str(proto, 'doc_string');
  const extra = extras(proto, ['overload', 'metadata_props']);
  if (extra) node.extra = extra;
  return node;
}

/**
 * GraphProto -> OnnxGraph. `initializers` are the lazily read ones of the main graph; nested graphs
 * (null) take theirs from the proto itself.
 */
export function graphFromProto(proto: Proto, initializers: OnnxTensor[] | null): OnnxGraph {
  const graph: OnnxGraph = {
    name: str(proto, 'name'),
    nodes: list(proto, 'node').map(nodeFromProto),
    inputs: list(proto, 'input').map(valueInfoFromProto),
    outputs: list(proto, 'output').map(valueInfoFromProto),
    valueInfo: list(proto, 'value_info').map(valueInfoFromProto),
    initializers: initializers ?? list(proto, 'initializer').map(tensorFromProto),
  };
  if (has(proto, 'doc_string')) graph.docString = str(proto, 'doc_string');
  const extra = extras(proto, ['sparse_initializer', 'quantization_annotation', 'metadata_props']);
  if (extra) graph.extra = extra;
  return graph;
}

export { str as protoString, list as protoList, has as protoHas, extras as protoExtras };
