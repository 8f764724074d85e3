/**
 * readOnnx: an ONNX file -> OnnxModel, with every initializer left on disk as a byte range (in the
 * .onnx or in its external-data file). Memory grows with the graph's structure, not its weights.
 * Every problem becomes a StudioError naming the file: truncation, corruption, a file that is not
 * ONNX, an unknown IR version, absurd dimensions, missing or short external data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { StudioError, fileError } from '../errors';
import { isKnownDataType, storageBytes, elementCount } from './dtypes';
import type { OnnxModel, OnnxTensor, TensorData } from './graph';
import { OnnxDataType } from './graph';
import { FileWindow, WireFormatError } from './proto/file-window';
import { graphFromProto, protoList, protoString, tensorFromProto, toNumber } from './proto/from-proto';
import { decodeModelLazily, type LazyTensor } from './proto/lazy-decode';

/** IR versions this reader understands (ONNX 1.0 .. 1.19 wrote 3 .. 11; 12 is reserved ahead). */
export const MAX_IR_VERSION = 12;
/** Larger tensors than this many elements are taken as corruption, not a model. */
export const MAX_ELEMENTS = 2 ** 40;

type Proto = Record<string, unknown>;

function openFile(file: string): { fd: number; size: number } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw fileError(file, error);
  }
  if (stat.isDirectory()) throw new StudioError(file, 'is a folder, not an ONNX file');
  if (stat.size === 0) throw new StudioError(file, 'empty file, not an ONNX model');
  try {
    return { fd: fs.openSync(file, 'r'), size: stat.size };
  } catch (error) {
    throw fileError(file, error);
  }
}

export interface ReadOptions {
  /** Check that external data files exist and are long enough (default true). */
  checkExternalData?: boolean;
}

export function readOnnx(file: string, options: ReadOptions = {}): OnnxModel {
  const absolute = path.resolve(file);
  const { fd, size } = openFile(file);
  try {
    let lazy;
    try {
      lazy = decodeModelLazily(new FileWindow(fd, size));
    } catch (error) {
      if (error instanceof WireFormatError || error instanceof RangeError) {
        throw new StudioError(file, `not an ONNX model or corrupt protobuf: ${error.message}`, {
          cause: error,
        });
      }
      throw error;
    }
    const header = lazy.model;
    const irVersion = toNumber(header.ir_version);
    if (!lazy.graph) {
      throw new StudioError(
        file,
        irVersion ? 'ONNX model without a graph' : 'not an ONNX model (no graph, no IR version)',
      );
    }
    if (irVersion < 1) throw new StudioError(file, 'not an ONNX model (no IR version)');
    if (irVersion > MAX_IR_VERSION) {
      throw new StudioError(
        file,
        `unknown IR version ${irVersion} (this studio reads 1 to ${MAX_IR_VERSION})`,
      );
    }
    if (irVersion >= 3 && protoList(header, 'opset_import').length === 0) {
      // Required since IR 3; a file cut right after its graph loses it (the field comes last).
      throw new StudioError(
        file,
        'ONNX model without opset_import (truncated or not written by an ONNX exporter)',
      );
    }
    const initializers = lazy.initializers.map((t) => lazyTensor(file, absolute, size, t));
    const graph = graphFromProto(lazy.graph, initializers);
    const model: OnnxModel = {
      path: absolute,
      sourcePath: file,
      sizeBytes: size,
      irVersion,
      opsetImports: protoList(header, 'opset_import').map((o) => ({
        domain: protoString(o, 'domain'),
        version: toNumber(o.version),
      })),
      producerName: protoString(header, 'producer_name'),
      producerVersion: protoString(header, 'producer_version'),
      domain: protoString(header, 'domain'),
      modelVersion: toNumber(header.model_version),
      docString: protoString(header, 'doc_string'),
      metadataProps: protoList(header, 'metadata_props').map((p) => ({
        key: protoString(p, 'key'),
        value: protoString(p, 'value'),
      })),
      graph,
    };
    const extra: Record<string, unknown> = {};
    for (const field of ['functions', 'training_info']) {
      if (protoList(header, field).length > 0) extra[field] = header[field];
    }
    if (Object.keys(extra).length > 0) model.extra = extra;
    if (options.checkExternalData !== false) checkExternalData(file, model);
    return model;
  } finally {
    fs.closeSync(fd);
  }
}

function checkDims(file: string, name: string, dims: number[]): void {
  for (const d of dims) {
    if (!Number.isSafeInteger(d) || d < 0)
      throw new StudioError(file, `initializer "${name}" has an invalid dimension ${d}`);
  }
  if (elementCount(dims) > MAX_ELEMENTS) {
    throw new StudioError(file, `initializer "${name}" has absurd dimensions [${dims.join(', ')}]`);
  }
}

/** Turns a lazily decoded initializer into an OnnxTensor whose data is a file range. */
function lazyTensor(file: string, absolute: string, size: number, lazy: LazyTensor): OnnxTensor {
  const proto = lazy.proto;
  const base = tensorFromProto(proto);
  checkDims(file, base.name, base.dims);
  if (!isKnownDataType(base.dataType) || base.dataType === OnnxDataType.UNDEFINED) {
    throw new StudioError(file, `initializer "${base.name}" has unknown data type ${base.dataType}`);
  }
  if (toNumber(proto.data_location) === 1) {
    base.data = externalData(file, absolute, base, protoList(proto, 'external_data'));
    return base;
  }
  if (!lazy.payload) return base;
  const { encoding, offset, length } = lazy.payload;
  if (offset + length > size)
    throw new StudioError(file, `initializer "${base.name}" runs past the end of the file`);
  if (encoding === 'raw' && base.dataType !== OnnxDataType.STRING) {
    const expected = storageBytes(base.dataType, elementCount(base.dims));
    if (length !== expected) {
      throw new StudioError(
        file,
        `initializer "${base.name}" stores ${length} bytes, its shape [${base.dims.join(', ')}] needs ${expected}`,
      );
    }
  }
  base.data = { kind: 'file', file: absolute, offset, length, encoding };
  return base;
}

function externalData(file: string, absolute: string, tensor: OnnxTensor, entries: Proto[]): TensorData {
  const fields = new Map(entries.map((e) => [protoString(e, 'key'), protoString(e, 'value')]));
  const location = fields.get('location');
  if (!location)
    throw new StudioError(file, `initializer "${tensor.name}" is external but names no location`);
  const offset = Number(fields.get('offset') ?? 0);
  const expected = storageBytes(tensor.dataType, elementCount(tensor.dims));
  const length = fields.has('length') ? Number(fields.get('length')) : expected;
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
    throw new StudioError(file, `initializer "${tensor.name}" has an invalid external offset/length`);
  }
  if (length !== expected) {
    throw new StudioError(
      file,
      `initializer "${tensor.name}": external length ${length} bytes, its shape needs ${expected}`,
    );
  }
  return {
    kind: 'file',
    file: path.resolve(path.dirname(absolute), location),
    offset,
    length,
    encoding: 'raw',
    external: { location },
  };
}

/** Every external-data file must exist and hold the byte ranges the model names. */
function checkExternalData(file: string, model: OnnxModel): void {
  const sizes = new Map<string, number>();
  for (const tensor of model.graph.initializers) {
    const data = tensor.data;
    if (data.kind !== 'file' || !data.external) continue;
    let size = sizes.get(data.file);
    if (size === undefined) {
      try {
        size = fs.statSync(data.file).size;
      } catch {
        throw new StudioError(
          file,
          `external data file "${data.external.location}" (for "${tensor.name}") is missing`,
        );
      }
      sizes.set(data.file, size);
    }
    if (data.offset + data.length > size) {
      throw new StudioError(
        file,
        `external data file "${data.external.location}" is too short: "${tensor.name}" needs bytes ${data.offset}..${data.offset + data.length}, the file has ${size}`,
      );
    }
  }
}
