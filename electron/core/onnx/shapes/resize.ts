/**
 * Resize (opset 10: X, scales; 11+: X, roi, scales, sizes; 18+: axes, keep_aspect_ratio_policy) and
 * Upsample (scales as attribute before opset 9, as input after), with constant scales or sizes.
 */
import type { Dim } from '../../model/types';
import type { OnnxNode } from '../graph';
import { floatsAttr, intsAttr, stringAttr } from './attributes';
import { normalizeAxis } from './dims';
import { numbersOf } from './rule-helpers';
import type { ShapeRule, ShapeRules } from './types';

function scaled(d: Dim, scale: number): Dim {
  return typeof d === 'number' ? Math.floor(d * scale) : scale === 1 ? d : null;
}

/** Sizes for the resized axes, honouring keep_aspect_ratio_policy (opset 18). */
function fromSizes(node: OnnxNode, shape: Dim[], axes: number[], sizes: number[]): Dim[] {
  const result = [...shape];
  const policy = stringAttr(node, 'keep_aspect_ratio_policy', 'stretch');
  if (policy === 'stretch') {
    axes.forEach((axis, i) => (result[axis] = sizes[i] ?? null));
    return result;
  }
  const ratios = axes.map((axis, i) =>
    typeof shape[axis] === 'number' ? sizes[i] / (shape[axis] as number) : NaN,
  );
  if (ratios.some(Number.isNaN)) return axes.reduce((r, axis) => ((r[axis] = null), r), result);
  const scale = policy === 'not_larger' ? Math.min(...ratios) : Math.max(...ratios);
  axes.forEach((axis) => (result[axis] = Math.round(scale * (shape[axis] as number))));
  return result;
}

const resize: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  if (!input) return [null];
  const shape = input.shape;
  if (!shape) return [{ dtype: input.dtype, shape: null }];
  const opset10 = node.inputs.length === 2 && node.opType === 'Resize';
  const scales = numbersOf(ctx, opset10 ? node.inputs[1] : node.inputs[2]);
  const sizes = opset10 ? undefined : numbersOf(ctx, node.inputs[3]);
  const rawAxes = intsAttr(node, 'axes') ?? shape.map((_, i) => i);
  const axes = rawAxes.map((a) => normalizeAxis(a, shape.length));
  const unknown = { dtype: input.dtype, shape: shape.map(() => null) };
  if (axes.some((a) => a === null)) return [unknown];
  const valid = axes as number[];
  if (sizes && sizes.length > 0) return [{ dtype: input.dtype, shape: fromSizes(node, shape, valid, sizes) }];
  if (scales && scales.length > 0) {
    const result = [...shape];
    valid.forEach((axis, i) => (result[axis] = scaled(shape[axis], scales[i] ?? 1)));
    return [{ dtype: input.dtype, shape: result }];
  }
  return [unknown];
};

const upsample: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  if (!input) return [null];
  const scales = floatsAttr(node, 'scales') ?? numbersOf(ctx, node.inputs[1]);
  if (!input.shape || !scales)
    return [{ dtype: input.dtype, shape: input.shape ? input.shape.map(() => null) : null }];
  return [{ dtype: input.dtype, shape: input.shape.map((d, i) => scaled(d, scales[i] ?? 1)) }];
};

export const resizeRules: ShapeRules = { Resize: resize, Upsample: upsample };
