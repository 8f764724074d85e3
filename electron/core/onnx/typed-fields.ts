/**
 * ONNX's typed repeated tensor fields (float_data, int32_data, ...) <-> raw little-endian bytes.
 * The spec packs several types into int32_data: INT8/UINT8/INT16/UINT16/BOOL values, and FLOAT16,
 * BFLOAT16 and FLOAT8 *bit patterns*; UINT32 lives in uint64_data.
 */
import protobuf from 'protobufjs';
import { OnnxDataType } from './graph';
import { elementCount, storageBytes } from './dtypes';

type TypedField = 'float_data' | 'int32_data' | 'int64_data' | 'double_data' | 'uint64_data';

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && 'toNumber' in value)
    return (value as { toNumber(): number }).toNumber();
  return Number(value);
}

function toBigInt(value: unknown, unsigned: boolean): bigint {
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  if (value && typeof value === 'object' && 'low' in value && 'high' in value) {
    const long = value as { low: number; high: number };
    const combined = (BigInt(long.high >>> 0) << 32n) | BigInt(long.low >>> 0);
    return unsigned ? combined : BigInt.asIntN(64, combined);
  }
  return BigInt(String(value));
}

/** Decoded values of a typed field -> raw bytes at the tensor's data type. */
export function typedValuesToRaw(dataType: OnnxDataType, field: TypedField, values: unknown[]): Uint8Array {
  const n = values.length;
  switch (field) {
    case 'float_data': {
      // FLOAT, or COMPLEX64 as (re, im) pairs: both are consecutive float32.
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = Number(values[i]);
      return new Uint8Array(out.buffer);
    }
    case 'double_data': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = Number(values[i]);
      return new Uint8Array(out.buffer);
    }
    case 'int64_data': {
      const out = new BigInt64Array(n);
      for (let i = 0; i < n; i++) out[i] = toBigInt(values[i], false);
      return new Uint8Array(out.buffer);
    }
    case 'uint64_data': {
      if (dataType === OnnxDataType.UINT32) {
        const out = new Uint32Array(n);
        for (let i = 0; i < n; i++) out[i] = toNumber(values[i]);
        return new Uint8Array(out.buffer);
      }
      const out = new BigUint64Array(n);
      for (let i = 0; i < n; i++) out[i] = toBigInt(values[i], true);
      return new Uint8Array(out.buffer);
    }
    case 'int32_data':
      return int32FieldToRaw(dataType, values.map(toNumber));
  }
}

function int32FieldToRaw(dataType: OnnxDataType, values: number[]): Uint8Array {
  const n = values.length;
  switch (dataType) {
    case OnnxDataType.INT32:
      return new Uint8Array(Int32Array.from(values).buffer);
    case OnnxDataType.INT16:
      return new Uint8Array(Int16Array.from(values).buffer);
    case OnnxDataType.UINT16:
    case OnnxDataType.FLOAT16:
    case OnnxDataType.BFLOAT16:
      return new Uint8Array(Uint16Array.from(values).buffer);
    case OnnxDataType.INT8:
      return new Uint8Array(Int8Array.from(values).buffer);
    case OnnxDataType.INT4:
    case OnnxDataType.UINT4:
    case OnnxDataType.FLOAT4E2M1: {
      // One int32 per packed byte pair (the spec packs two 4-bit values per int32 entry).
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = values[i]! & 0xff;
      return out;
    }
    default: {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = values[i]! & 0xff;
      return out;
    }
  }
}

/** Decodes a packed typed field's payload bytes (as stored in the file) to raw bytes. */
export function packedFieldToRaw(dataType: OnnxDataType, field: TypedField, payload: Uint8Array): Uint8Array {
  if (field === 'float_data' || field === 'double_data') {
    // Packed fixed32/fixed64 are little-endian already: the payload is the raw data.
    return payload;
  }
  const reader = protobuf.Reader.create(payload);
  const values: unknown[] = [];
  while (reader.pos < reader.len) {
    if (field === 'int32_data') values.push(reader.int32());
    else if (field === 'int64_data') values.push(reader.int64());
    else values.push(reader.uint64());
  }
  return typedValuesToRaw(dataType, field, values);
}

/** The raw byte length a tensor of these dims and type must have. */
export function expectedRawBytes(dataType: OnnxDataType, dims: number[]): number {
  return storageBytes(dataType, elementCount(dims));
}
