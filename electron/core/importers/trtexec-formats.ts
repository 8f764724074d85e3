/**
 * TensorRT tensor format strings ("Channel major FP16 format where channel % 8 == 0", Myelin's short
 * "Half", "Float", "Int8") -> element type and a short layout name (precision: model/precision.ts).
 */
import { dtypeOfName } from '../model/dtype-names';
import type { DType } from '../model/types';

/** The element type a format string names (its first word that is a type name); 'unknown' when none. */
export function dtypeOfFormat(format: string): DType {
  for (const word of format.split(/[^A-Za-z0-9]+/)) {
    const dtype = dtypeOfName(word);
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
