/**
 * Ops whose outputs have a fixed element type whatever their inputs: comparisons give bool, shape and
 * index ops give int64. Shape inference and the FP16 conversion both need to know.
 */
export const BOOL_OUTPUT_OPS: ReadonlySet<string> = new Set([
  'Equal',
  'Less',
  'Greater',
  'LessOrEqual',
  'GreaterOrEqual',
  'And',
  'Or',
  'Xor',
  'Not',
  'IsNaN',
  'IsInf',
]);

export const INT64_OUTPUT_OPS: ReadonlySet<string> = new Set([
  'Shape',
  'Size',
  'ArgMax',
  'ArgMin',
  'NonZero',
  'NonMaxSuppression',
]);
