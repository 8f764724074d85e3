/** ONNX data types: canonical names and storage sizes. */
import type { DType } from '../model/types';
import { OnnxDataType } from './graph';

const NAMES: Record<number, DType> = {
  [OnnxDataType.FLOAT]: 'float32',
  [OnnxDataType.UINT8]: 'uint8',
  [OnnxDataType.INT8]: 'int8',
  [OnnxDataType.UINT16]: 'uint16',
  [OnnxDataType.INT16]: 'int16',
  [OnnxDataType.INT32]: 'int32',
  [OnnxDataType.INT64]: 'int64',
  [OnnxDataType.STRING]: 'string',
  [OnnxDataType.BOOL]: 'bool',
  [OnnxDataType.FLOAT16]: 'float16',
  [OnnxDataType.DOUBLE]: 'float64',
  [OnnxDataType.UINT32]: 'uint32',
  [OnnxDataType.UINT64]: 'uint64',
  [OnnxDataType.COMPLEX64]: 'complex64',
  [OnnxDataType.COMPLEX128]: 'complex128',
  [OnnxDataType.BFLOAT16]: 'bfloat16',
  [OnnxDataType.FLOAT8E4M3FN]: 'float8e4m3fn',
  [OnnxDataType.FLOAT8E4M3FNUZ]: 'float8e4m3fnuz',
  [OnnxDataType.FLOAT8E5M2]: 'float8e5m2',
  [OnnxDataType.FLOAT8E5M2FNUZ]: 'float8e5m2fnuz',
  [OnnxDataType.UINT4]: 'uint4',
  [OnnxDataType.INT4]: 'int4',
  [OnnxDataType.FLOAT4E2M1]: 'float4e2m1',
};

/** Bits per element; 0 for STRING and UNDEFINED (no fixed size). */
const BITS: Record<number, number> = {
  [OnnxDataType.FLOAT]: 32,
  [OnnxDataType.UINT8]: 8,
  [OnnxDataType.INT8]: 8,
  [OnnxDataType.UINT16]: 16,
  [OnnxDataType.INT16]: 16,
  [OnnxDataType.INT32]: 32,
  [OnnxDataType.INT64]: 64,
  [OnnxDataType.BOOL]: 8,
  [OnnxDataType.FLOAT16]: 16,
  [OnnxDataType.DOUBLE]: 64,
  [OnnxDataType.UINT32]: 32,
  [OnnxDataType.UINT64]: 64,
  [OnnxDataType.COMPLEX64]: 64,
  [OnnxDataType.COMPLEX128]: 128,
  [OnnxDataType.BFLOAT16]: 16,
  [OnnxDataType.FLOAT8E4M3FN]: 8,
  [OnnxDataType.FLOAT8E4M3FNUZ]: 8,
  [OnnxDataType.FLOAT8E5M2]: 8,
  [OnnxDataType.FLOAT8E5M2FNUZ]: 8,
  [OnnxDataType.UINT4]: 4,
  [OnnxDataType.INT4]: 4,
  [OnnxDataType.FLOAT4E2M1]: 4,
};

export function dtypeName(dataType: number): DType {
  return NAMES[dataType] ?? 'unknown';
}

export function dataTypeFromName(name: DType): OnnxDataType {
  for (const [code, n] of Object.entries(NAMES)) if (n === name) return Number(code);
  return OnnxDataType.UNDEFINED;
}

export function isKnownDataType(dataType: number): boolean {
  return dataType in NAMES;
}

/** Bytes `count` elements of `dataType` occupy (sub-byte types packed two per byte). */
export function storageBytes(dataType: number, count: number): number {
  const bits = BITS[dataType] ?? 0;
  return Math.ceil((bits * count) / 8);
}

/** Bytes per element of a canonical dtype (sub-byte types count 0.5; strings 0 = unknown). */
export function dtypeBytes(dtype: DType): number {
  const code = dataTypeFromName(dtype);
  return (BITS[code] ?? 0) / 8;
}

export function elementCount(dims: number[]): number {
  let count = 1;
  for (const d of dims) count *= d;
  return count;
}
