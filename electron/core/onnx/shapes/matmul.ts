/** Shapes of Gemm and MatMul (numpy batch broadcasting, 1-D operands) and their quantized forms. */
import type { Dim } from '../../model/types';
import type { OnnxNode } from '../graph';
import { intAttr } from './attributes';
import { broadcastShapes } from './broadcast';
import { outputDtype } from './rule-helpers';
import type { ShapeContext, ShapeRules, TensorFact } from './types';

/** Input indices of A and B: QLinearMatMul interleaves scales and zero points. */
const OPERANDS: Record<string, { a: number; b: number }> = {
  MatMul: { a: 0, b: 1 },
  MatMulInteger: { a: 0, b: 1 },
  QLinearMatMul: { a: 0, b: 3 },
};

/** numpy matmul: [..., M, K] x [..., K, N] -> [broadcast(...), M, N]; 1-D operands lose their axis. */
export function matmulShape(a: Dim[], b: Dim[]): Dim[] | null {
  if (a.length === 0 || b.length === 0) return null;
  const left = a.length === 1 ? [1, a[0]] : a;
  const right = b.length === 1 ? [b[0], 1] : b;
  const batch = broadcastShapes([left.slice(0, -2), right.slice(0, -2)]);
  if (!batch) return null;
  const shape = [...batch];
  if (a.length > 1) shape.push(left[left.length - 2]);
  if (b.length > 1) shape.push(right[right.length - 1]);
  return shape;
}

function matmul(node: OnnxNode, ctx: ShapeContext): (TensorFact | null)[] {
  const { a, b } = OPERANDS[node.opType];
  const left = ctx.fact(node.inputs[a]);
  const right = ctx.fact(node.inputs[b]);
  const dtype = outputDtype(node, ctx);
  if (!dtype || !left?.shape || !right?.shape) return [dtype ? { dtype, shape: null } : null];
  return [{ dtype, shape: matmulShape(left.shape, right.shape) }];
}

function gemm(node: OnnxNode, ctx: ShapeContext): (TensorFact | null)[] {
  const left = ctx.fact(node.inputs[0]);
  const right = ctx.fact(node.inputs[1]);
  if (!left) return [null];
  if (left.shape?.length !== 2 || right?.shape?.length !== 2) return [{ dtype: left.dtype, shape: null }];
  const m = intAttr(node, 'transA', 0) ? left.shape[1] : left.shape[0];
  const n = intAttr(node, 'transB', 0) ? right.shape[0] : right.shape[1];
  return [{ dtype: left.dtype, shape: [m, n] }];
}

export const matmulRules: ShapeRules = {
  MatMul: matmul,
  MatMulInteger: matmul,
  QLinearMatMul: matmul,
  Gemm: gemm,
};
