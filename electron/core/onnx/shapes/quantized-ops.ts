/**
 * ONNX Runtime's QOperator ops (domain com.microsoft): the float op's shape on inputs that interleave
 * scales and zero points. QLinearConv, QLinearMatMul and the quantized pools share the float rules
 * (conv.ts, matmul.ts, pool.ts); the rest are here.
 */
import type { OnnxNode } from '../graph';
import { intAttr } from './attributes';
import { broadcastShapes } from './broadcast';
import { outputDtype } from './rule-helpers';
import { tensorOpRules } from './tensor-ops';
import type { ShapeContext, ShapeRule, ShapeRules, TensorFact } from './types';

/** QLinearAdd / QLinearMul: (A, A_scale, A_zp, B, B_scale, B_zp, C_scale, C_zp), broadcasting A and B. */
const binary: ShapeRule = (node, ctx) => {
  const a = ctx.fact(node.inputs[0]);
  const b = ctx.fact(node.inputs[3]);
  const dtype = outputDtype(node, ctx);
  if (!dtype) return [null];
  if (!a?.shape || !b?.shape) return [{ dtype, shape: null }];
  return [{ dtype, shape: broadcastShapes([a.shape, b.shape]) }];
};

/** QLinearSigmoid, QLinearLeakyRelu, QLinearSoftmax: (X, X_scale, X_zp, Y_scale, Y_zp) -> X's shape. */
const unary: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  const dtype = outputDtype(node, ctx);
  return [input && dtype ? { dtype, shape: input.shape } : null];
};

/** QLinearConcat: (Y_scale, Y_zp, then X, X_scale, X_zp per input), concatenated as Concat does. */
const concat: ShapeRule = (node, ctx) => {
  const data = node.inputs.slice(2).filter((_, index) => index % 3 === 0);
  const [fact] = tensorOpRules.Concat!({ ...node, opType: 'Concat', inputs: data }, ctx);
  const dtype = outputDtype(node, ctx);
  return [fact && dtype ? { ...fact, dtype } : (fact ?? null)];
};

/** QGemm: (A, a_scale, a_zp, B, b_scale, b_zp, C?, y_scale?, y_zp?) -> [M, N]. */
function qgemm(node: OnnxNode, ctx: ShapeContext): (TensorFact | null)[] {
  const a = ctx.fact(node.inputs[0]);
  const b = ctx.fact(node.inputs[3]);
  const dtype = outputDtype(node, ctx);
  if (!dtype) return [null];
  if (a?.shape?.length !== 2 || b?.shape?.length !== 2) return [{ dtype, shape: null }];
  const m = intAttr(node, 'transA', 0) ? a.shape[1] : a.shape[0];
  const n = intAttr(node, 'transB', 0) ? b.shape[0] : b.shape[1];
  return [{ dtype, shape: [m, n] }];
}

export const quantizedOpRules: ShapeRules = {
  QLinearAdd: binary,
  QLinearMul: binary,
  QLinearSigmoid: unary,
  QLinearLeakyRelu: unary,
  QLinearSoftmax: unary,
  QLinearConcat: concat,
  QGemm: qgemm,
};
