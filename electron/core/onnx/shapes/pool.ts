/** Shapes of MaxPool / AveragePool / LpPool (pads, auto_pad, ceil_mode) and the global pools. */
import type { OnnxNode } from '../graph';
import { intAttr, intsAttr } from './attributes';
import { outputDtype } from './rule-helpers';
import type { ShapeContext, ShapeRules, TensorFact } from './types';
import { windowOutputSpatial, windowParams } from './window';

function pool(node: OnnxNode, ctx: ShapeContext): (TensorFact | null)[] {
  const input = ctx.fact(node.inputs[0]);
  if (!input) return [null];
  const kernel = intsAttr(node, 'kernel_shape');
  if (!input.shape || !kernel) return node.outputs.map(() => null);
  // ONNX Runtime's quantized pools may run channels-last (NHWC); its NhwcMaxPool always does.
  const channelsLast = intAttr(node, 'channels_last', 0) === 1 || node.opType === 'NhwcMaxPool';
  const channels = channelsLast ? input.shape[input.shape.length - 1] : input.shape[1];
  const inputSpatial = channelsLast ? input.shape.slice(1, -1) : input.shape.slice(2);
  const spatial = windowOutputSpatial(inputSpatial, windowParams(node, kernel));
  const shape = channelsLast
    ? [input.shape[0], ...spatial, channels]
    : [input.shape[0], channels, ...spatial];
  // MaxPool's optional second output holds int64 indices of the same shape.
  return node.outputs.map((_, index) => ({ dtype: outputDtype(node, ctx, index) ?? input.dtype, shape }));
}

function globalPool(node: OnnxNode, ctx: ShapeContext): (TensorFact | null)[] {
  const input = ctx.fact(node.inputs[0]);
  if (!input) return [null];
  const channelsLast = intAttr(node, 'channels_last', 0) === 1;
  const rank = input.shape?.length ?? 0;
  const kept = (axis: number) => (channelsLast ? axis === 0 || axis === rank - 1 : axis < 2);
  const shape = input.shape ? input.shape.map((d, axis) => (kept(axis) ? d : 1)) : null;
  return [{ dtype: outputDtype(node, ctx) ?? input.dtype, shape }];
}

export { globalPool, pool };

export const poolRules: ShapeRules = {
  MaxPool: pool,
  AveragePool: pool,
  LpPool: pool,
  QLinearAveragePool: pool,
  NhwcMaxPool: pool,
  GlobalAveragePool: globalPool,
  GlobalMaxPool: globalPool,
  GlobalLpPool: globalPool,
  QLinearGlobalAveragePool: globalPool,
};
