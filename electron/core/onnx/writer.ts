/**
 * writeOnnx: OnnxModel -> .onnx file, atomically (temp file + rename). The model and graph are
 * encoded by protobufjs; initializer payloads are streamed from wherever they live (the source .onnx,
 * its external data, memory) so a 2 GB model is written without holding its weights in memory.
 * Optionally payloads go to an external-data file (required past protobuf's 2 GB message limit).
 */
import fs from 'node:fs';
import path from 'node:path';
import protobuf from 'protobufjs';
import { StudioError } from '../errors';
import type { OnnxModel, OnnxTensor } from './graph';
import { OnnxDataType } from './graph';
import { FIELD, onnxType } from './proto/onnx-schema';
import { graphToProto, modelHeaderToProto, tensorHeaderToProto } from './proto/to-proto';

const COPY_CHUNK = 8 << 20;

/** Where encoded bytes go: a file or memory. */
interface ByteSink {
  write(bytes: Uint8Array): void;
  copyFrom(file: string, offset: number, length: number): void;
}

export interface WriteOptions {
  /** Put initializer payloads of at least `minBytes` (default 1024) into this file beside the model. */
  externalData?: { fileName: string; minBytes?: number };
}

/** The bytes of one field: tag, then length for wire type 2. */
function fieldHeader(fieldNumber: number, payloadLength: number): Uint8Array {
  const writer = protobuf.Writer.create();
  writer.uint32((fieldNumber << 3) | 2).uint32(payloadLength);
  return writer.finish();
}

function encode(typeName: string, object: Record<string, unknown>): Uint8Array {
  const type = onnxType(typeName);
  return type.encode(type.fromObject(object)).finish();
}

const PAYLOAD_FIELDS = {
  raw: FIELD.tensor.rawData,
  float_data: FIELD.tensor.floatData,
  int32_data: FIELD.tensor.int32Data,
  int64_data: FIELD.tensor.int64Data,
  double_data: FIELD.tensor.doubleData,
  uint64_data: FIELD.tensor.uint64Data,
} as const;

/**
 * Packed float_data (FLOAT, COMPLEX64) and double_data (DOUBLE, COMPLEX128) hold exactly the bytes
 * raw_data would: write them as raw_data, which every reader and external data accepts.
 */
function rawEquivalent(
  tensor: OnnxTensor,
  encoding: keyof typeof PAYLOAD_FIELDS,
): keyof typeof PAYLOAD_FIELDS {
  const t = tensor.dataType;
  if (encoding === 'float_data' && (t === OnnxDataType.FLOAT || t === OnnxDataType.COMPLEX64)) return 'raw';
  if (encoding === 'double_data' && (t === OnnxDataType.DOUBLE || t === OnnxDataType.COMPLEX128))
    return 'raw';
  return encoding;
}

/** One initializer planned for writing: its encoded header and how to emit its payload. */
interface PlannedTensor {
  header: Uint8Array;
  payloadField: number | null;
  payloadLength: number;
  emitPayload: (sink: ByteSink) => void;
  /** Total bytes of the GraphProto.initializer field (tag + length + message). */
  fieldLength: number;
  fieldHeader: Uint8Array;
}

function planTensor(tensor: OnnxTensor, external: ExternalWriter | null): PlannedTensor {
  const headerObject = tensorHeaderToProto(tensor);
  const data = tensor.data;
  let payloadField: number | null = null;
  let payloadLength = 0;
  let emitPayload: (sink: ByteSink) => void = () => {};
  if (data.kind === 'strings') {
    headerObject.string_data = data.values;
  } else if (data.kind === 'bytes' || data.kind === 'file') {
    const length = data.kind === 'bytes' ? data.bytes.length : data.length;
    const encoding = data.kind === 'bytes' ? 'raw' : rawEquivalent(tensor, data.encoding);
    if (external && encoding === 'raw' && length >= external.minBytes) {
      const offset = external.append(tensor, length);
      headerObject.data_location = 1;
      headerObject.external_data = [
        { key: 'location', value: external.fileName },
        { key: 'offset', value: String(offset) },
        { key: 'length', value: String(length) },
      ];
    } else {
      payloadField = PAYLOAD_FIELDS[encoding];
      payloadLength = length;
      emitPayload =
        data.kind === 'bytes'
          ? (sink) => sink.write(data.bytes)
          : (sink) => sink.copyFrom(data.file, data.offset, data.length);
    }
  }
  const header = encode('TensorProto', headerObject);
  const payloadHeader = payloadField === null ? new Uint8Array(0) : fieldHeader(payloadField, payloadLength);
  const messageLength = header.length + payloadHeader.length + payloadLength;
  const outerHeader = fieldHeader(FIELD.graph.initializer, messageLength);
  return {
    header,
    payloadField,
    payloadLength,
    emitPayload: (sink) => {
      sink.write(payloadHeader);
      emitPayload(sink);
    },
    fieldLength: outerHeader.length + messageLength,
    fieldHeader: outerHeader,
  };
}

/** Collects payloads bound for the external-data file, written after planning. */
class ExternalWriter {
  private offset = 0;
  readonly pending: { tensor: OnnxTensor; offset: number }[] = [];
  constructor(
    readonly fileName: string,
    readonly minBytes: number,
  ) {}

  append(tensor: OnnxTensor, length: number): number {
    // Align each tensor to 4 KiB like onnx's own external-data writer, so readers can mmap.
    const offset = Math.ceil(this.offset / 4096) * 4096;
    this.pending.push({ tensor, offset });
    this.offset = offset + length;
    return offset;
  }
}

function emitModel(model: OnnxModel, sink: ByteSink, external: ExternalWriter | null): void {
  const header = encode('ModelProto', modelHeaderToProto(model));
  const graphWithoutInitializers = encode('GraphProto', graphToProto(model.graph, false));
  const tensors = model.graph.initializers.map((t) => planTensor(t, external));
  const graphLength = graphWithoutInitializers.length + tensors.reduce((sum, t) => sum + t.fieldLength, 0);
  sink.write(header);
  sink.write(fieldHeader(FIELD.model.graph, graphLength));
  sink.write(graphWithoutInitializers);
  for (const tensor of tensors) {
    sink.write(tensor.fieldHeader);
    sink.write(tensor.header);
    tensor.emitPayload(sink);
  }
}

class FileSink implements ByteSink {
  private position = 0;
  constructor(private readonly fd: number) {}

  write(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length)
      done += fs.writeSync(this.fd, bytes, done, bytes.length - done, this.position + done);
    this.position += bytes.length;
  }

  copyFrom(file: string, offset: number, length: number): void {
    const source = fs.openSync(file, 'r');
    try {
      const chunk = new Uint8Array(Math.min(COPY_CHUNK, Math.max(length, 1)));
      let done = 0;
      while (done < length) {
        const read = fs.readSync(source, chunk, 0, Math.min(chunk.length, length - done), offset + done);
        if (read === 0)
          throw new StudioError(file, `ends ${length - done} bytes short of a tensor being copied`);
        this.write(chunk.subarray(0, read));
        done += read;
      }
    } finally {
      fs.closeSync(source);
    }
  }

  /** Pads with zeros up to `position` (external data alignment). */
  padTo(position: number): void {
    if (position > this.position) this.write(new Uint8Array(position - this.position));
  }
}

class MemorySink implements ByteSink {
  readonly chunks: Uint8Array[] = [];
  write(bytes: Uint8Array): void {
    this.chunks.push(bytes.slice());
  }
  copyFrom(file: string, offset: number, length: number): void {
    const out = new Uint8Array(length);
    const fd = fs.openSync(file, 'r');
    try {
      if (fs.readSync(fd, out, 0, length, offset) < length)
        throw new StudioError(file, 'ends short of a tensor being copied');
    } finally {
      fs.closeSync(fd);
    }
    this.chunks.push(out);
  }
}

/** Writes `target` through a temp file renamed into place, so readers never see half a file. */
function writeAtomically(target: string, fill: (sink: FileSink) => void): void {
  const temp = path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.${process.pid}.tmp`);
  const fd = fs.openSync(temp, 'w');
  try {
    fill(new FileSink(fd));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temp, target);
  } catch (error) {
    try {
      fs.closeSync(fd);
    } catch {
      /* already closed */
    }
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Writes the model to `file` (atomic); with options.externalData, large payloads go beside it. */
export function writeOnnx(model: OnnxModel, file: string, options: WriteOptions = {}): void {
  const external = options.externalData
    ? new ExternalWriter(options.externalData.fileName, options.externalData.minBytes ?? 1024)
    : null;
  if (external) {
    // Plan first (assigns offsets), write the data file, then the model that points into it.
    emitModel(model, { write() {}, copyFrom() {} }, external);
    const dataPath = path.join(path.dirname(path.resolve(file)), external.fileName);
    writeAtomically(dataPath, (sink) => {
      for (const { tensor, offset } of external.pending) {
        sink.padTo(offset);
        const data = tensor.data;
        if (data.kind === 'bytes') sink.write(data.bytes);
        else if (data.kind === 'file') sink.copyFrom(data.file, data.offset, data.length);
      }
    });
    const second = new ExternalWriter(external.fileName, external.minBytes);
    writeAtomically(file, (sink) => emitModel(model, sink, second));
    return;
  }
  writeAtomically(file, (sink) => emitModel(model, sink, null));
}

/** The model's bytes in memory (for small models and for handing to onnxruntime directly). */
export function encodeOnnx(model: OnnxModel): Uint8Array {
  const sink = new MemorySink();
  emitModel(model, sink, null);
  const total = sink.chunks.reduce((sum, c) => sum + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of sink.chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
