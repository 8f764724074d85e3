/**
 * Output dtypes by op, and small helpers the rule files share. Most ops keep their first input's
 * dtype; the exceptions are listed here once so that rules only deal with shapes.
 */
import type { DType } from '../../model/types';
import type { OnnxNode } from '../graph';
import { intAttr, tensorAttr } from './attributes';
import { dtypeName } from '../dtypes';
import type { ShapeContext, TensorFact } from './types';
import { BOOL_OUTPUT_OPS, INT64_OUTPUT_OPS } from '../op-output-dtypes';

const INT32_OUTPUT = new Set(['ConvInteger', 'MatMulInteger']);
/** Ops whose output dtype is the dtype of the zero point input at this index. */
const ZERO_POINT_OUTPUT: Record<string, number> = {
  QLinearConv: 7,
  QLinearMatMul: 7,
  QuantizeLinear: 2,
  // ONNX Runtime's com.microsoft QOperator ops.
  QLinearAdd: 7,
  QLinearMul: 7,
  QLinearSigmoid: 4,
  QLinearLeakyRelu: 4,
  QLinearSoftmax: 4,
  QLinearAveragePool: 4,
  QLinearGlobalAveragePool: 4,
  QLinearConcat: 1,
};
/** Secondary outputs with a fixed dtype: MaxPool indices, TopK indices, Dropout mask. */
const SECONDARY_OUTPUT: Record<string, DType> = { MaxPool: 'int64', TopK: 'int64', Dropout: 'bool' };

function firstKnownInputDtype(node: OnnxNode, ctx: ShapeContext): DType | null {
  for (const input of node.inputs) {
    const fact = ctx.fact(input);
    if (fact) return fact.dtype;
  }
  return null;
}

/** The dtype of output `index` of a node, or null when it depends on an unknown input. */
export function outputDtype(node: OnnxNode, ctx: ShapeContext, index = 0): DType | null {
  const op = node.opType;
  if (index > 0 && SECONDARY_OUTPUT[op]) return SECONDARY_OUTPUT[op];
  if (BOOL_OUTPUT_OPS.has(op)) return 'bool';
  if (INT64_OUTPUT_OPS.has(op)) return 'int64';
  if (INT32_OUTPUT.has(op)) return 'int32';
  if (op === 'Cast') return dtypeName(intAttr(node, 'to', 0));
  if (op === 'CastLike') return ctx.fact(node.inputs[1])?.dtype ?? null;
  if (op === 'Where') return ctx.fact(node.inputs[1])?.dtype ?? null;
  if (op === 'DequantizeLinear') return ctx.fact(node.inputs[1])?.dtype ?? 'float32';
  // QGemm without y_scale writes float.
  if (op === 'QGemm') return node.inputs[7] ? (ctx.fact(node.inputs[8] ?? '')?.dtype ?? 'uint8') : 'float32';
  if (op in ZERO_POINT_OUTPUT) {
    const zeroPoint = ctx.fact(node.inputs[ZERO_POINT_OUTPUT[op]] ?? '');
    const declared = intAttr(node, 'output_dtype', 0);
    return zeroPoint?.dtype ?? (declared ? dtypeName(declared) : 'uint8');
  }
  if (op === 'ConstantOfShape') {
    const value = tensorAttr(node, 'value');
    return value ? dtypeName(value.dataType) : 'float32';
  }
  return firstKnownInputDtype(node, ctx);
}

/** Output 0 has the dtype and shape of input 0 (unary elementwise ops, normalizations, Softmax...). */
export function sameAsFirstInput(node: OnnxNode, ctx: ShapeContext): TensorFact | null {
  const input = ctx.fact(node.inputs[0]);
  const dtype = outputDtype(node, ctx);
  if (!input || !dtype) return null;
  return { dtype, shape: input.shape };
}

/** The values of a constant input as plain numbers, or undefined when unknown or symbolic. */
export function numbersOf(ctx: ShapeContext, name: string | undefined): number[] | undefined {
  if (!name) return undefined;
  const values = ctx.value(name);
  return values && values.every((v) => typeof v === 'number') ? (values as number[]) : undefined;
}

export function isFloatType(dtype: DType): boolean {
  return dtype.startsWith('float') || dtype === 'bfloat16';
}
