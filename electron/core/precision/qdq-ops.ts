/**
 * Which op types the INT8 variant quantizes, by role:
 * - weighted ops carry INT8 weights (Conv, Gemm, MatMul);
 * - same-scale ops move or select values without computing new ones: their output takes the input's
 *   scale and zero point, so ONNX Runtime drops the Q/DQ around them and they run on INT8 data;
 * - ORT_QLINEAR_OPS are those ONNX Runtime's CPU provider fuses from DQ -> op -> Q into an INT8 kernel
 *   (QLinearConv/MatMul, com.microsoft QLinearSigmoid/Mul/Add/Concat/AveragePool/GlobalAveragePool/
 *   LeakyRelu) or runs on INT8 data once its Q/DQ are dropped (MaxPool, Resize, Reshape, ...).
 *   Quantizing all of them keeps an INT8 flow from one conv to the next (SiLU = Sigmoid + Mul included).
 */

export const WEIGHTED_OPS = ['Conv', 'Gemm', 'MatMul'];

/** Optional ops that keep an INT8 flow between weighted layers (residual adds, concats, pooling). */
export const FLOW_OPS = ['Add', 'Concat', 'MaxPool', 'AveragePool', 'GlobalAveragePool'];

export const SAME_SCALE_OPS = new Set([
  'MaxPool',
  'Resize',
  'Reshape',
  'Transpose',
  'Squeeze',
  'Unsqueeze',
  'Flatten',
  'Gather',
  'Slice',
]);

export const ORT_QLINEAR_OPS = [
  ...WEIGHTED_OPS,
  'Add',
  'Mul',
  'Sigmoid',
  'LeakyRelu',
  'Concat',
  'AveragePool',
  'GlobalAveragePool',
  ...SAME_SCALE_OPS,
];

/** Ops that only move data: a tensor passing through them reaches the consumer unchanged. */
export const DATA_MOVEMENT_OPS = new Set([
  'Concat',
  'Reshape',
  'Transpose',
  'Flatten',
  'Squeeze',
  'Unsqueeze',
  'Identity',
  'Slice',
  'Gather',
  'Split',
]);

/** Weight-free element-wise activations a detector or classifier applies to its raw outputs. */
export const OUTPUT_ACTIVATION_OPS = new Set(['Sigmoid', 'Softmax', 'LogSoftmax', 'Tanh']);
