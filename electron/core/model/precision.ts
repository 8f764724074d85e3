/**
 * Precision helpers shared by every backend and importer: which compute precision an element type
 * stands for, and an order of precisions from narrow to wide.
 */
import type { DType, Precision } from './types';

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

/** Order of precisions from lowest to highest; null for 'mixed' and 'unknown'. */
export function precisionRank(precision: Precision): number | null {
  const ranks: Partial<Record<Precision, number>> = { int4: 0, int8: 1, fp8: 2, fp16: 3, bf16: 3, fp32: 4 };
  return ranks[precision] ?? null;
}
