/** ONNX data types: canonical names and storage sizes. */
import type { DType } from '../model/types';
import { dtypeOfName } from '../model/dtype-names';
import { OnnxDataType } from './graph';

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

/** The canonical name of an ONNX data type: its TensorProto name through the one name table. */
export function dtypeName(dataType: number): DType {
  const onnxName = OnnxDataType[dataType];
  return (dataType !== OnnxDataType.UNDEFINED && onnxName && dtypeOfName(onnxName)) || 'unknown';
}

const CODES = new Map<DType, OnnxDataType>(
  Object.values(OnnxDataType)
    .filter((code): code is OnnxDataType => typeof code === 'number' && code !== OnnxDataType.UNDEFINED)
    .map((code) => [dtypeName(code), code]),
);

export function dataTypeFromName(name: DType): OnnxDataType {
  return CODES.get(name) ?? OnnxDataType.UNDEFINED;
}

export function isKnownDataType(dataType: number): boolean {
  return dtypeName(dataType) !== 'unknown';
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
