/** Shapes of Conv (groups, depthwise), ConvTranspose and their quantized forms. */
import type { Dim } from '../../model/types';
import type { OnnxNode } from '../graph';
import { intAttr, intsAttr, stringAttr } from './attributes';
import { outputDtype } from './rule-helpers';
import type { ShapeContext, ShapeRules, TensorFact } from './types';
import { windowOutputSpatial, windowParams } from './window';

/** Input indices of data and weight: QLinearConv interleaves scales and zero points. */
const OPERANDS: Record<string, { x: number; w: number }> = {
  Conv: { x: 0, w: 1 },
  ConvInteger: { x: 0, w: 1 },
  QLinearConv: { x: 0, w: 3 },
  ConvTranspose: { x: 0, w: 1 },
};

function kernelOf(node: OnnxNode, weight: Dim[] | null | undefined): number[] | null {
  const fromAttribute = intsAttr(node, 'kernel_shape');
  if (fromAttribute) return fromAttribute;
  const spatial = weight?.slice(2);
  return spatial && spatial.every((d) => typeof d === 'number') ? (spatial as number[]) : null;
}

function convolution(node: OnnxNode, ctx: ShapeContext): (TensorFact | null)[] {
  const { x, w } = OPERANDS[node.opType];
  const input = ctx.fact(node.inputs[x]);
  const weight = ctx.fact(node.inputs[w]);
  const dtype = outputDtype(node, ctx);
  if (!input?.shape || !dtype) return [null];
  const kernel = kernelOf(node, weight?.shape);
  const outChannels = weight?.shape?.[0] ?? null;
  if (!kernel) return [{ dtype, shape: null }];
  // ONNX Runtime's com.microsoft QLinearConv may run channels-last (NHWC); its weights stay [M, C/g, k...].
  const channelsLast = intAttr(node, 'channels_last', 0) === 1;
  const inputSpatial = channelsLast ? input.shape.slice(1, -1) : input.shape.slice(2);
  const spatial = windowOutputSpatial(inputSpatial, windowParams(node, kernel));
  const shape = channelsLast
    ? [input.shape[0], ...spatial, outChannels]
    : [input.shape[0], outChannels, ...spatial];
  return [{ dtype, shape }];
}

function transposedDim(input: Dim, axis: number, node: OnnxNode, kernel: number[]): Dim {
  if (typeof input !== 'number') return null;
  const spatial = kernel.length;
  const stride = intsAttr(node, 'strides')?.[axis] ?? 1;
  const autoPad = stringAttr(node, 'auto_pad', 'NOTSET');
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return input * stride;
  const dilation = intsAttr(node, 'dilations')?.[axis] ?? 1;
  const outputPadding = intsAttr(node, 'output_padding')?.[axis] ?? 0;
  const pads = intsAttr(node, 'pads') ?? new Array(spatial * 2).fill(0);
  const padTotal = autoPad === 'VALID' ? 0 : (pads[axis] ?? 0) + (pads[axis + spatial] ?? 0);
  return stride * (input - 1) + outputPadding + (kernel[axis] - 1) * dilation + 1 - padTotal;
}

function convTranspose(node: OnnxNode, ctx: ShapeContext): (TensorFact | null)[] {
  const input = ctx.fact(node.inputs[0]);
  const weight = ctx.fact(node.inputs[1]);
  if (!input?.shape) return [null];
  const group = intAttr(node, 'group', 1);
  const perGroup = weight?.shape?.[1];
  const outChannels = typeof perGroup === 'number' ? perGroup * group : null;
  const kernel = kernelOf(node, weight?.shape);
  const inputSpatial = input.shape.slice(2);
  const explicit = intsAttr(node, 'output_shape');
  let spatial: Dim[] | null = null;
  // output_shape holds the spatial dims; some exporters write the full shape.
  if (explicit) spatial = explicit.slice(explicit.length - inputSpatial.length);
  else if (kernel) spatial = inputSpatial.map((d, axis) => transposedDim(d, axis, node, kernel));
  return [{ dtype: input.dtype, shape: spatial ? [input.shape[0], outChannels, ...spatial] : null }];
}

export { convolution };

export const convRules: ShapeRules = {
  Conv: convolution,
  ConvInteger: convolution,
  QLinearConv: convolution,
  ConvTranspose: convTranspose,
};
