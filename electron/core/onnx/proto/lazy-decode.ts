/**
 * Decodes a ModelProto from a file while leaving initializer payloads on disk. The model and graph
 * messages are walked field by field; every field except graph.initializer is copied and decoded by
 * protobufjs; each initializer's raw_data / packed typed data is recorded as a byte range instead.
 */
import type protobuf from 'protobufjs';
import { FIELD, onnxType } from './onnx-schema';
import { FileWindow, WireFormatError, walkFields, type WireField } from './file-window';

/** Where an initializer's payload lies in the .onnx file. */
export interface PayloadRange {
  encoding: 'raw' | 'float_data' | 'int32_data' | 'int64_data' | 'double_data' | 'uint64_data';
  offset: number;
  length: number;
}

/** A decoded TensorProto (without its payload) and the range of that payload in the file. */
export interface LazyTensor {
  proto: Record<string, unknown>;
  payload: PayloadRange | null;
}

export interface LazyModel {
  /** ModelProto without the graph. */
  model: Record<string, unknown>;
  /** GraphProto without its initializers; null when the model has no graph. */
  graph: Record<string, unknown> | null;
  initializers: LazyTensor[];
}

const PACKED_FIELDS = new Map<number, PayloadRange['encoding']>([
  [FIELD.tensor.floatData, 'float_data'],
  [FIELD.tensor.int32Data, 'int32_data'],
  [FIELD.tensor.int64Data, 'int64_data'],
  [FIELD.tensor.doubleData, 'double_data'],
  [FIELD.tensor.uint64Data, 'uint64_data'],
]);

function concat(chunks: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const c of chunks) total += c.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function decode(type: protobuf.Type, bytes: Uint8Array, what: string): Record<string, unknown> {
  try {
    return type.decode(bytes) as unknown as Record<string, unknown>;
  } catch (error) {
    throw new WireFormatError(`corrupt ${what}: ${(error as Error).message}`);
  }
}

function decodeTensor(file: FileWindow, field: WireField): LazyTensor {
  const rest: Uint8Array[] = [];
  let payload: PayloadRange | null = null;
  for (const f of walkFields(file, field.payloadStart, field.end)) {
    const length = f.end - f.payloadStart;
    if (f.number === FIELD.tensor.rawData && f.wireType === 2) {
      payload = { encoding: 'raw', offset: f.payloadStart, length };
      continue;
    }
    const packed = PACKED_FIELDS.get(f.number);
    if (packed && f.wireType === 2 && !payload) {
      payload = { encoding: packed, offset: f.payloadStart, length };
      continue;
    }
    rest.push(file.bytes(f.start, f.end - f.start));
  }
  return { proto: decode(onnxType('TensorProto'), concat(rest), 'initializer'), payload };
}

function decodeGraph(file: FileWindow, field: WireField): Pick<LazyModel, 'graph' | 'initializers'> {
  const rest: Uint8Array[] = [];
  const initializers: LazyTensor[] = [];
  for (const f of walkFields(file, field.payloadStart, field.end)) {
    if (f.number === FIELD.graph.initializer && f.wireType === 2) initializers.push(decodeTensor(file, f));
    else rest.push(file.bytes(f.start, f.end - f.start));
  }
  return { graph: decode(onnxType('GraphProto'), concat(rest), 'graph'), initializers };
}

/** Walks the ModelProto in [0, file.size). */
export function decodeModelLazily(file: FileWindow): LazyModel {
  const rest: Uint8Array[] = [];
  let graphPart: Pick<LazyModel, 'graph' | 'initializers'> = { graph: null, initializers: [] };
  for (const f of walkFields(file, 0, file.size)) {
    if (f.number === FIELD.model.graph && f.wireType === 2) graphPart = decodeGraph(file, f);
    else rest.push(file.bytes(f.start, f.end - f.start));
  }
  return { model: decode(onnxType('ModelProto'), concat(rest), 'model header'), ...graphPart };
}
