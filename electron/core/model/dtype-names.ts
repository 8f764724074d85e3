/**
 * Element type names as every source spells them, in one table: ONNX's TensorProto names (FLOAT,
 * FLOAT16, FLOAT8E4M3FN), ONNX Runtime profiles ("float", "int64") and TensorRT format strings ("FP16",
 * "Half", "Int8"). Matching is case-insensitive.
 */
import type { DType } from './types';

/** Every canonical name stands for itself (the compiler checks that none is missing). */
const CANONICAL: Record<Exclude<DType, 'unknown'>, true> = {
  float32: true,
  float16: true,
  bfloat16: true,
  float64: true,
  float8e4m3fn: true,
  float8e4m3fnuz: true,
  float8e5m2: true,
  float8e5m2fnuz: true,
  float4e2m1: true,
  int4: true,
  uint4: true,
  int8: true,
  uint8: true,
  int16: true,
  uint16: true,
  int32: true,
  uint32: true,
  int64: true,
  uint64: true,
  bool: true,
  string: true,
  complex64: true,
  complex128: true,
};

/** Other spellings: C and ONNX names (float, double), TensorRT's (fp16, half, e4m3). */
const ALIASES: Record<string, DType> = {
  float: 'float32',
  fp32: 'float32',
  half: 'float16',
  fp16: 'float16',
  bf16: 'bfloat16',
  double: 'float64',
  fp64: 'float64',
  fp8: 'float8e4m3fn',
  e4m3: 'float8e4m3fn',
  e5m2: 'float8e5m2',
  fp4: 'float4e2m1',
};

/** The element type a name stands for; undefined when it names none. */
export function dtypeOfName(name: string): DType | undefined {
  const lower = name.toLowerCase();
  if (Object.hasOwn(CANONICAL, lower)) return lower as DType;
  return Object.hasOwn(ALIASES, lower) ? ALIASES[lower] : undefined;
}
