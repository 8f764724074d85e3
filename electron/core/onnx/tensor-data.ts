/**
 * Reading a tensor's values on demand: only here do weights leave the disk.
 */
import fs from 'node:fs';
import { StudioError } from '../errors';
import type { OnnxTensor } from './graph';
import { OnnxDataType } from './graph';
import { float16ToFloat32 } from '../model/float16';
import { packedFieldToRaw } from './typed-fields';

export type TensorValues =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** Reads `length` bytes at `offset` of `file`. */
export function readFileRange(file: string, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    throw new StudioError(file, `cannot open tensor data (${(error as NodeJS.ErrnoException).code})`);
  }
  try {
    let done = 0;
    while (done < length) {
      const read = fs.readSync(fd, out, done, length - done, offset + done);
      if (read === 0)
        throw new StudioError(
          file,
          `tensor data ends at byte ${offset + done}, ${length - done} bytes short`,
        );
      done += read;
    }
  } finally {
    fs.closeSync(fd);
  }
  return out;
}

/** The tensor's raw little-endian bytes (for STRING tensors: an error). */
export function readTensorBytes(tensor: OnnxTensor): Uint8Array {
  const data = tensor.data;
  switch (data.kind) {
    case 'bytes':
      return data.bytes;
    case 'empty':
      return new Uint8Array(0);
    case 'strings':
      throw new StudioError(undefined, `tensor "${tensor.name}" holds strings, not numbers`);
    case 'file': {
      const payload = readFileRange(data.file, data.offset, data.length);
      return data.encoding === 'raw' ? payload : packedFieldToRaw(tensor.dataType, data.encoding, payload);
    }
  }
}

/** Views raw bytes as the typed array of the data type (copying when unaligned). */
export function viewAs(dataType: OnnxDataType, bytes: Uint8Array): TensorValues {
  const make = <T>(Ctor: {
    new (b: ArrayBufferLike, o: number, n: number): T;
    BYTES_PER_ELEMENT: number;
  }): T => {
    const aligned = bytes.byteOffset % Ctor.BYTES_PER_ELEMENT === 0 ? bytes : bytes.slice();
    return new Ctor(
      aligned.buffer,
      aligned.byteOffset,
      Math.floor(aligned.byteLength / Ctor.BYTES_PER_ELEMENT),
    );
  };
  switch (dataType) {
    case OnnxDataType.FLOAT:
    case OnnxDataType.COMPLEX64:
      return make(Float32Array);
    case OnnxDataType.DOUBLE:
    case OnnxDataType.COMPLEX128:
      return make(Float64Array);
    case OnnxDataType.INT8:
      return make(Int8Array);
    case OnnxDataType.INT16:
      return make(Int16Array);
    case OnnxDataType.UINT16:
    case OnnxDataType.FLOAT16:
    case OnnxDataType.BFLOAT16:
      return make(Uint16Array);
    case OnnxDataType.INT32:
      return make(Int32Array);
    case OnnxDataType.UINT32:
      return make(Uint32Array);
    case OnnxDataType.INT64:
      return make(BigInt64Array);
    case OnnxDataType.UINT64:
      return make(BigUint64Array);
    default:
      // UINT8, BOOL, FLOAT8 variants, packed 4-bit types.
      return bytes;
  }
}

/**
 * The tensor's values as a typed array: Float32Array for FLOAT, Uint16Array holding the bits of
 * FLOAT16/BFLOAT16, BigInt64Array for INT64, Uint8Array for UINT8/BOOL/FLOAT8/4-bit types, ...
 */
export function readTensorData(tensor: OnnxTensor): TensorValues {
  return viewAs(tensor.dataType, readTensorBytes(tensor));
}

/** Small constants (shapes, axes, pads) as plain numbers; int64 sentinels clamp to +-2^63. */
export function readTensorAsNumbers(tensor: OnnxTensor): number[] {
  const values = readTensorData(tensor);
  if (tensor.dataType === OnnxDataType.FLOAT16) return Array.from(values as Uint16Array, float16ToFloat32);
  return Array.from(values as ArrayLike<number | bigint>, (v) => Number(v));
}
