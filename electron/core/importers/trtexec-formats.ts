/**
 * TensorRT tensor format strings ("Channel major FP16 format where channel % 8 == 0", Myelin's short
 * "Half", "Float", "Int8") -> element type, precision and a short layout name.
 */
import type { DType, Precision } from '../model/types';

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

/** The compute precision an element type stands for; null for types that carry no math (int32, bool). */
export function precisionOfDtype(dtype: DType): Precision | null {
  switch (dtype) {
    case 'float32':
    case 'float64':
      return 'fp32';
    case 'float16':
      return 'fp16';
    case 'bfloat16':
      return 'bf16';
    case 'int8':
    case 'uint8':
      return 'int8';
    case 'float8e4m3fn':
    case 'float8e4m3fnuz':
    case 'float8e5m2':
    case 'float8e5m2fnuz':
      return 'fp8';
    case 'int4':
    case 'uint4':
      return 'int4';
    default:
      return null;
  }
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

/** Order of precisions from lowest to highest; null for 'mixed' and 'unknown'. */
export function precisionRank(precision: Precision): number | null {
  const ranks: Partial<Record<Precision, number>> = { int4: 0, int8: 1, fp8: 2, fp16: 3, bf16: 3, fp32: 4 };
  return ranks[precision] ?? null;
}
