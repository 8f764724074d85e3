/**
 * TensorRT tensor format strings ("Channel major FP16 format where channel % 8 == 0", Myelin's short
 * "Half", "Float", "Int8") -> element type and a short layout name (precision: model/precision.ts).
 */
import type { DType } from '../model/types';

/** Data-type words as they appear in format strings, matched as whole words (case-insensitive). */
const DTYPE_WORDS: Record<string, DType> = {
  fp32: 'float32',
  float: 'float32',
  float32: 'float32',
  fp16: 'float16',
  half: 'float16',
  float16: 'float16',
  bfloat16: 'bfloat16',
  bf16: 'bfloat16',
  double: 'float64',
  fp64: 'float64',
  fp8: 'float8e4m3fn',
  e4m3: 'float8e4m3fn',
  e5m2: 'float8e5m2',
  fp4: 'float4e2m1',
  int4: 'int4',
  int8: 'int8',
  uint8: 'uint8',
  int16: 'int16',
  uint16: 'uint16',
  int32: 'int32',
  uint32: 'uint32',
  int64: 'int64',
  uint64: 'uint64',
  bool: 'bool',
};

/** The element type a format string names; 'unknown' when it names none. */
export function dtypeOfFormat(format: string): DType {
  for (const word of format.split(/[^A-Za-z0-9]+/)) {
    const dtype = DTYPE_WORDS[word.toLowerCase()];
    if (dtype) return dtype;
  }
  return 'unknown';
}

const VECTOR_WIDTHS: Record<string, number> = { two: 2, four: 4, sixteen: 16, 'thirty-two': 32 };

/**
 * A short layout name: NCHW (row major), NHWC (channel major), NC/xHWx (x-wide vectorized), with the
 * channel multiple when the format states one ("NHWC8"). Empty for Myelin's dtype-only formats.
 */
export function layoutOfFormat(format: string): string {
  const lower = format.toLowerCase();
  const vector = /^(two|four|sixteen|thirty-two) wide channel vectorized/.exec(lower);
  if (vector) {
    const width = VECTOR_WIDTHS[vector[1]!]!;
    return `NC/${width}HW${width}`;
  }
  const channelMultiple = /channel % (\d+) == 0/.exec(lower)?.[1] ?? '';
  if (lower.startsWith('channel major')) return `NHWC${channelMultiple}`;
  if (lower.startsWith('row major')) return 'NCHW';
  return '';
}
