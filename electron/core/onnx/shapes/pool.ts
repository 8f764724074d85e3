/** Shapes of MaxPool / AveragePool / LpPool (pads, auto_pad, ceil_mode) and the global pools. */
import type { OnnxNode } from '../graph';
import { intsAttr } from './attributes';
import { outputDtype } from './rule-helpers';
import type { ShapeContext, ShapeRules, TensorFact } from './types';
import { windowOutputSpatial, windowParams } from './window';

function pool(node: OnnxNode, ctx: ShapeContext): (TensorFact | null)[] {
  const input = ctx.fact(node.inputs[0]);
  if (!input) return [null];
  const kernel = intsAttr(node, 'kernel_shape');
  if (!input.shape || !kernel) return node.outputs.map(() => null);
  const spatial = windowOutputSpatial(input.shape.slice(2), windowParams(node, kernel));
  const shape = [input.shape[0], input.shape[1], ...spatial];
  // MaxPool's optional second output holds int64 indices of the same shape.
  return node.outputs.map((_, index) => ({ dtype: outputDtype(node, ctx, index) ?? input.dtype, shape }));
}

function globalPool(node: OnnxNode, ctx: ShapeContext): (TensorFact | null)[] {
  const input = ctx.fact(node.inputs[0]);
  if (!input) return [null];
  const shape = input.shape ? input.shape.map((d, axis) => (axis < 2 ? d : 1)) : null;
  return [{ dtype: input.dtype, shape }];
}

export const poolRules: ShapeRules = {
  MaxPool: pool,
  AveragePool: pool,
  LpPool: pool,
  QLinearAveragePool: pool,
  GlobalAveragePool: globalPool,
  GlobalMaxPool: globalPool,
  GlobalLpPool: globalPool,
  QLinearGlobalAveragePool: globalPool,
};
