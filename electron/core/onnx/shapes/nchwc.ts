/**
 * ONNX Runtime's NCHWc layout ops (domain com.microsoft.nchwc), found in models ORT optimized at the
 * "layout" or "all" level: Conv, pools and Upsample on channel-blocked tensors, and the reorders in and
 * out of that layout. Shapes stay 4-D [N, C, H, W]; inside the layout C is padded to ORT's block size
 * (8 or 16, a property of the CPU), which ReorderInput's output cannot know: it keeps the unpadded C,
 * and the convolutions that follow take theirs from their (padded) weights.
 */
import type { Dim } from '../../model/types';
import { intAttr, intsAttr } from './attributes';
import { convolution } from './conv';
import { mulDims } from './dims';
import { globalPool, pool } from './pool';
import type { ShapeRule, ShapeRules } from './types';

/** NCHW (or NHWC with channels_last) -> NCHWc. */
const reorderInput: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  if (!input?.shape || input.shape.length !== 4) return [input ? { dtype: input.dtype, shape: null } : null];
  const [n, a, b, c] = input.shape;
  const shape = intAttr(node, 'channels_last', 0) === 1 ? [n, c, a, b] : input.shape;
  return [{ dtype: input.dtype, shape }];
};

/** NCHWc -> NCHW (or NHWC) with the real channel count from the `channels` attribute. */
const reorderOutput: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  if (!input?.shape || input.shape.length !== 4) return [input ? { dtype: input.dtype, shape: null } : null];
  const channels = intAttr(node, 'channels') ?? input.shape[1];
  const [n, , h, w] = input.shape;
  const shape = intAttr(node, 'channels_last', 0) === 1 ? [n, h, w, channels] : [n, channels, h, w];
  return [{ dtype: input.dtype, shape }];
};

/** Upsample with integer `scales` per axis. */
const upsample: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  const scales = intsAttr(node, 'scales');
  if (!input?.shape || !scales) return [input ? { dtype: input.dtype, shape: null } : null];
  const offset = input.shape.length - scales.length;
  const shape: Dim[] = input.shape.map((d, axis) => (axis < offset ? d : mulDims(d, scales[axis - offset]!)));
  return [{ dtype: input.dtype, shape }];
};

export const nchwcRules: ShapeRules = {
  Conv: convolution,
  MaxPool: pool,
  AveragePool: pool,
  GlobalAveragePool: globalPool,
  GlobalMaxPool: globalPool,
  Upsample: upsample,
  ReorderInput: reorderInput,
  ReorderOutput: reorderOutput,
};
