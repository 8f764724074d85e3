/**
 * FLOPs per node from static shapes. A multiply-add counts 2. Conventions, so that figures can be
 * checked by hand:
 * - Conv: 2 x N x C_out x out_spatial x (C_in / group) x kernel_spatial (depthwise: C_in/group = 1).
 *   ConvTranspose: 2 x N x C_in x in_spatial x (C_out / group) x kernel_spatial.
 * - MatMul: 2 x output elements x K (batch dims included). Gemm: 2 x M x N x K.
 *   Bias additions (Conv's B, Gemm's C) are not counted: under one FLOP per output element.
 * - Elementwise ops: 1 per output element (n-1 for variadic Sum/Max/Min/Mean). Transcendentals
 *   (Sigmoid, Erf, Exp...) count 1 too: they run on special-function units and are memory-bound anyway.
 * - BatchNormalization 2 per element (a folded scale and shift); Instance/Layer/Group normalization 5
 *   (mean, variance, normalize, scale, shift); Softmax and LogSoftmax 5 (max, subtract, exp, sum, divide);
 *   Quantize/DequantizeLinear 2 (scale, shift).
 * - Reductions and global pools: 1 per input element. Max/Average pools: output elements x kernel size.
 * - Resize: linear 2 x 2^(resized axes) per output element, cubic 2 x 4^(resized axes); nearest moves data.
 * - Data-movement ops (Reshape, Transpose, Concat, Slice, Gather, Pad, Split...): 0.
 * - ONNX Runtime's QOperator ops (QLinearConv, QLinearMatMul, QLinearAdd, QGemm, ConvInteger...) count as
 *   the float op they quantize (the scale/zero-point arithmetic is not added); its NCHWc layout ops as
 *   their NCHW forms, the reorders as data movement.
 * Ops with no formula here return null: their bytes are still counted and the node says so.
 */
import type { Dim } from '../model/types';
import type { OnnxNode } from './graph';
import { intAttr, intsAttr, stringAttr } from './shapes/attributes';
import { elementCount } from './shapes/dims';
import type { TensorFact } from './shapes/types';

export type FactLookup = (name: string) => TensorFact | undefined;

/** Ops that move bytes and compute nothing. */
export const DATA_MOVEMENT_OPS = new Set([
  'Reshape',
  'Flatten',
  'Squeeze',
  'Unsqueeze',
  'Transpose',
  'Concat',
  'Split',
  'Slice',
  'Gather',
  'GatherElements',
  'GatherND',
  'Scatter',
  'ScatterND',
  'ScatterElements',
  'Pad',
  'Expand',
  'Tile',
  'DepthToSpace',
  'SpaceToDepth',
  'Identity',
  'QLinearConcat',
  'ReorderInput',
  'ReorderOutput',
]);

/** ONNX Runtime's quantized ops whose FLOPs are those of a float op with the same data inputs. */
const AS_FLOAT_OP: Record<string, string> = {
  QLinearAdd: 'Add',
  QLinearMul: 'Mul',
  QLinearSigmoid: 'Sigmoid',
  QLinearLeakyRelu: 'LeakyRelu',
  QLinearSoftmax: 'Softmax',
  QLinearAveragePool: 'AveragePool',
  QGemm: 'Gemm',
  NhwcMaxPool: 'MaxPool',
};

/** Ops that only read metadata or make constants: no math, no data read. */
export const METADATA_OPS = new Set(['Shape', 'Size', 'Constant', 'ConstantOfShape', 'EyeLike', 'Range']);

const PER_ELEMENT: Record<string, number> = {
  BatchNormalization: 2,
  InstanceNormalization: 5,
  LayerNormalization: 5,
  GroupNormalization: 5,
  MeanVarianceNormalization: 5,
  LpNormalization: 3,
  Softmax: 5,
  LogSoftmax: 5,
  Hardmax: 2,
  QuantizeLinear: 2,
  DequantizeLinear: 2,
  DynamicQuantizeLinear: 4,
  // ONNX Runtime's x * sigmoid(alpha * x): a sigmoid and a multiply.
  QuickGelu: 2,
};

const ELEMENTWISE = new Set([
  'Add', 'Sub', 'Mul', 'Div', 'Pow', 'Mod', 'PRelu', 'And', 'Or', 'Xor', 'Not', 'Equal', 'Less', 'Greater',
  'LessOrEqual', 'GreaterOrEqual', 'BitShift', 'Where', 'Relu', 'LeakyRelu', 'Elu', 'Selu', 'Celu', 'Sigmoid',
  'HardSigmoid', 'HardSwish', 'Tanh', 'Erf', 'Exp', 'Log', 'Sqrt', 'Reciprocal', 'Neg', 'Abs', 'Floor', 'Ceil',
  'Round', 'Sign', 'Sin', 'Cos', 'Tan', 'Softplus', 'Softsign', 'Gelu', 'Mish', 'ThresholdedRelu', 'Shrink',
  'Clip', 'IsNaN', 'IsInf', 'Cast', 'CastLike', 'Dropout',
]); // prettier-ignore

const VARIADIC = new Set(['Sum', 'Max', 'Min', 'Mean']);

const REDUCTIONS = new Set([
  'ReduceMean', 'ReduceSum', 'ReduceMax', 'ReduceMin', 'ReduceProd', 'ReduceL1', 'ReduceL2', 'ReduceLogSum',
  'ReduceLogSumExp', 'ReduceSumSquare', 'ArgMax', 'ArgMin', 'GlobalAveragePool', 'GlobalMaxPool',
  'GlobalLpPool', 'QLinearGlobalAveragePool', 'TopK',
]); // prettier-ignore

/** Data input and weight input of the convolution-like ops. */
const CONV_OPERANDS: Record<string, [number, number]> = {
  Conv: [0, 1],
  ConvInteger: [0, 1],
  QLinearConv: [0, 3],
  ConvTranspose: [0, 1],
};
const MATMUL_OPERANDS: Record<string, [number, number]> = {
  MatMul: [0, 1],
  MatMulInteger: [0, 1],
  QLinearMatMul: [0, 3],
};

function staticShape(fact: TensorFact | undefined): number[] | null {
  return fact?.shape && fact.shape.every((d) => typeof d === 'number') ? (fact.shape as number[]) : null;
}

function product(dims: Dim[]): number {
  return elementCount(dims) ?? NaN;
}

function convFlops(node: OnnxNode, fact: FactLookup): number | null {
  const [x, w] = CONV_OPERANDS[node.opType];
  const input = staticShape(fact(node.inputs[x]));
  const weight = staticShape(fact(node.inputs[w]));
  const output = staticShape(fact(node.outputs[0]));
  if (!input || !weight || !output) return null;
  const kernel = product(weight.slice(2));
  if (node.opType === 'ConvTranspose') {
    // weight [C_in, C_out/group, k...]: every input element scatters into C_out/group x kernel outputs.
    return 2 * product(input) * weight[1] * kernel;
  }
  // weight [C_out, C_in/group, k...]: every output element gathers C_in/group x kernel inputs.
  return 2 * product(output) * weight[1] * kernel;
}

function matmulFlops(node: OnnxNode, fact: FactLookup): number | null {
  const [a] = MATMUL_OPERANDS[node.opType];
  const left = staticShape(fact(node.inputs[a]));
  const output = staticShape(fact(node.outputs[0]));
  if (!left || !output || left.length === 0) return null;
  return 2 * product(output) * left[left.length - 1];
}

function gemmFlops(node: OnnxNode, fact: FactLookup): number | null {
  const left = staticShape(fact(node.inputs[0]));
  const output = staticShape(fact(node.outputs[0]));
  if (left?.length !== 2 || !output) return null;
  const k = intAttr(node, 'transA', 0) ? left[0] : left[1];
  return 2 * product(output) * k;
}

function resizeFlops(node: OnnxNode, input: number[], output: number[]): number {
  const mode = stringAttr(node, 'mode', 'nearest');
  if (mode === 'nearest') return 0;
  const resizedAxes = input.filter((d, i) => d !== output[i]).length;
  const taps = mode === 'cubic' ? 4 ** resizedAxes : 2 ** resizedAxes;
  return 2 * taps * product(output);
}

/** FLOPs of a node, or null when its shapes are not static or the op has no formula here. */
export function nodeFlops(node: OnnxNode, fact: FactLookup): number | null {
  const op = AS_FLOAT_OP[node.opType] ?? node.opType;
  if (op in CONV_OPERANDS) return convFlops(node, fact);
  if (op in MATMUL_OPERANDS) return matmulFlops(node, fact);
  if (op === 'Gemm') return gemmFlops(node, fact);
  if (DATA_MOVEMENT_OPS.has(op) || METADATA_OPS.has(op)) return 0;
  const input = staticShape(fact(node.inputs[0]));
  const output = staticShape(fact(node.outputs[0]));
  if (!input || !output) return null;
  if (op === 'Resize' || op === 'Upsample') return resizeFlops(node, input, output);
  if (op === 'MaxPool' || op === 'AveragePool' || op === 'LpPool') {
    const kernel = intsAttr(node, 'kernel_shape');
    return kernel ? product(output) * product(kernel) : null;
  }
  if (REDUCTIONS.has(op)) return product(input);
  if (op in PER_ELEMENT) return PER_ELEMENT[op] * product(output);
  if (ELEMENTWISE.has(op)) return product(output);
  if (VARIADIC.has(op)) return Math.max(node.inputs.filter((n) => n).length - 1, 1) * product(output);
  return null;
}

/** True when Resize/Upsample only copies (nearest): a data-movement op in all but name. */
export function isDataMovement(node: OnnxNode): boolean {
  if (DATA_MOVEMENT_OPS.has(node.opType)) return true;
  return (
    (node.opType === 'Resize' || node.opType === 'Upsample') &&
    stringAttr(node, 'mode', 'nearest') === 'nearest'
  );
}
