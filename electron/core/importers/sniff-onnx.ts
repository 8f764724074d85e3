/**
 * Tells an ONNX model (ModelProto) or a lone ONNX tensor (TensorProto, e.g. a reference output .pb)
 * from its protobuf top level. Only field headers are read: the graph, however large, is stepped over
 * by its length, so a model of any size costs a few small reads.
 */
import { dtypeName, isKnownDataType } from '../onnx/dtypes';
import { MAX_IR_VERSION } from '../onnx/reader';
import type { FileSample } from './file-sample';

export type OnnxSniff =
  | { kind: 'model'; irVersion: number; opsets: number[]; producer: string }
  /** The protobuf top level of a model that ends inside one of its fields. */
  | { kind: 'truncated-model'; irVersion: number }
  | { kind: 'tensor'; dtype: string; dims: number[] }
  | null;

interface Field {
  number: number;
  wireType: number;
  /** Varint value (wire type 0). */
  value?: number;
  payloadStart: number;
  end: number;
}

// Wire types allowed per field number (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32).
const MODEL_FIELDS: Record<number, number[]> = {
  1: [0], // ir_version
  2: [2], // producer_name
  3: [2], // producer_version
  4: [2], // domain
  5: [0], // model_version
  6: [2], // doc_string
  7: [2], // graph
  8: [2], // opset_import
  14: [2], // metadata_props
  20: [2], // training_info
  25: [2], // functions
  26: [2], // configuration
};
const GRAPH_FIELDS = new Set([1, 2, 5, 10, 11, 12, 13, 14, 15, 16]);
const TENSOR_FIELDS: Record<number, number[]> = {
  1: [0, 2], // dims (plain or packed)
  2: [0], // data_type
  3: [2], // segment
  4: [2, 5], // float_data
  5: [2, 0], // int32_data
  6: [2], // string_data
  7: [2, 0], // int64_data
  8: [2], // name
  9: [2], // raw_data
  10: [2, 1], // double_data
  11: [2, 0], // uint64_data
  12: [2], // doc_string
  13: [2], // external_data
  14: [0], // data_location
  16: [2], // metadata_props
};
/** A model's top level has a handful of fields (plus metadata and functions); stop walking well past it. */
const MAX_FIELDS = 10_000;

/** Bytes at [offset, offset + length): from the head, else a positioned read, else what the head has. */
function bytesAt(sample: FileSample, offset: number, length: number): Uint8Array {
  if (offset + length <= sample.head.length || !sample.readAt)
    return sample.head.subarray(offset, offset + length);
  return sample.readAt(offset, length);
}

/** A varint at the start of `bytes`: [value, byte count], or null when malformed or cut off. */
function varint(bytes: Uint8Array, at = 0): [number, number] | null {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10 && at + i < bytes.length; i++) {
    const byte = bytes[at + i]!;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return [value, i + 1];
  }
  return null;
}

/**
 * The field whose tag starts at `offset`; 'foreign' when the bytes there are no field of `schema`,
 * 'cut' when the file ends inside the header.
 */
function fieldAt(
  sample: FileSample,
  offset: number,
  size: number,
  schema: Record<number, number[]>,
): Field | 'foreign' | 'cut' {
  const bytes = bytesAt(sample, offset, 20);
  const endOfFile = offset + bytes.length >= size;
  const tag = varint(bytes);
  if (!tag) return endOfFile ? 'cut' : 'foreign';
  const number = Math.floor(tag[0] / 8);
  const wireType = tag[0] % 8;
  if (!schema[number]?.includes(wireType)) return 'foreign';
  const after = tag[1];
  if (wireType === 1 || wireType === 5) {
    const end = offset + after + (wireType === 1 ? 8 : 4);
    return { number, wireType, payloadStart: offset + after, end };
  }
  const second = varint(bytes, after);
  if (!second) return endOfFile ? 'cut' : 'foreign';
  const payloadStart = offset + after + second[1];
  if (wireType === 0) return { number, wireType, value: second[0], payloadStart, end: payloadStart };
  return { number, wireType, payloadStart, end: payloadStart + second[0] };
}

type Walk = { fields: Field[]; cut: boolean; foreign: boolean };

/**
 * The top-level fields of the file as a message of `schema`. `cut`: a field runs past the end of the
 * file; `foreign`: a header that does not fit the schema. A head-only sample stops at the head's end.
 */
function walkTopLevel(sample: FileSample, schema: Record<number, number[]>): Walk {
  const size = sample.size ?? sample.head.length;
  const fields: Field[] = [];
  let offset = 0;
  while (offset < size && fields.length < MAX_FIELDS) {
    if (!sample.readAt && offset >= sample.head.length) break;
    const field = fieldAt(sample, offset, size, schema);
    if (field === 'foreign') return { fields, cut: false, foreign: true };
    if (field === 'cut') return { fields, cut: true, foreign: false };
    if (field.end > size) return { fields: [...fields, field], cut: true, foreign: false };
    fields.push(field);
    offset = field.end;
  }
  return { fields, cut: false, foreign: false };
}

function text(sample: FileSample, field: Field | undefined, maxLength = 64): string {
  if (!field) return '';
  const length = Math.min(field.end - field.payloadStart, maxLength);
  return new TextDecoder().decode(bytesAt(sample, field.payloadStart, length));
}

/** The `version` of an OperatorSetIdProto of the default domain, else null. */
function defaultOpsetVersion(sample: FileSample, field: Field): number | null {
  const bytes = bytesAt(sample, field.payloadStart, Math.min(field.end - field.payloadStart, 64));
  let at = 0;
  let version: number | null = null;
  let domain = '';
  while (at < bytes.length) {
    const tag = varint(bytes, at);
    if (!tag) return null;
    at += tag[1];
    const value = varint(bytes, at);
    if (!value) return null;
    at += value[1];
    if (tag[0] === 0x0a) {
      domain = new TextDecoder().decode(bytes.subarray(at, at + value[0]));
      at += value[0];
    } else if (tag[0] === 0x10) version = value[0];
    else return null;
  }
  return domain === '' || domain === 'ai.onnx' ? version : null;
}

/** A GraphProto's first field is one of its own (all of them length-delimited). */
function startsLikeGraph(sample: FileSample, graph: Field): boolean {
  if (graph.end === graph.payloadStart) return true;
  const tag = varint(bytesAt(sample, graph.payloadStart, 10));
  return tag !== null && tag[0] % 8 === 2 && GRAPH_FIELDS.has(Math.floor(tag[0] / 8));
}

function sniffModel(sample: FileSample): OnnxSniff {
  const walk = walkTopLevel(sample, MODEL_FIELDS);
  if (walk.foreign) return null;
  const byNumber = (n: number) => walk.fields.filter((field) => field.number === n);
  const irVersion = byNumber(1)[0]?.value;
  if (irVersion === undefined || irVersion < 1 || irVersion > MAX_IR_VERSION) return null;
  const graph = byNumber(7)[0];
  if (graph && !startsLikeGraph(sample, graph)) return null;
  if (walk.cut) return { kind: 'truncated-model', irVersion };
  if (!graph) return null;
  const producer = [text(sample, byNumber(2)[0]), text(sample, byNumber(3)[0])].filter(Boolean).join(' ');
  const opsets = byNumber(8)
    .map((field) => defaultOpsetVersion(sample, field))
    .filter((version): version is number => version !== null);
  return { kind: 'model', irVersion, opsets, producer };
}

function packedVarints(bytes: Uint8Array): number[] {
  const values: number[] = [];
  for (let at = 0; at < bytes.length;) {
    const value = varint(bytes, at);
    if (!value) break;
    values.push(value[0]);
    at += value[1];
  }
  return values;
}

function sniffTensor(sample: FileSample): OnnxSniff {
  const walk = walkTopLevel(sample, TENSOR_FIELDS);
  if (walk.foreign || walk.cut) return null;
  const dataType = walk.fields.find((field) => field.number === 2)?.value;
  if (dataType === undefined || !isKnownDataType(dataType)) return null;
  const dims = walk.fields
    .filter((field) => field.number === 1)
    .flatMap((field) =>
      field.wireType === 0
        ? [field.value!]
        : packedVarints(bytesAt(sample, field.payloadStart, Math.min(field.end - field.payloadStart, 80))),
    );
  return { kind: 'tensor', dtype: dtypeName(dataType), dims };
}

/** What the file is as ONNX protobuf: a model, a model cut short, a lone tensor, or null (none). */
export function sniffOnnx(sample: FileSample): OnnxSniff {
  return sniffModel(sample) ?? sniffTensor(sample);
}
