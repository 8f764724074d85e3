/**
 * Reductions (ReduceMean & co., axes as attribute before opset 18 / ReduceSum 13, as input after),
 * ArgMax/ArgMin, TopK, and the softmax family, which keeps its input's shape.
 */
import type { Dim } from '../../model/types';
import type { OnnxNode } from '../graph';
import { intAttr, intsAttr } from './attributes';
import { normalizeAxis } from './dims';
import { numbersOf, outputDtype, sameAsFirstInput } from './rule-helpers';
import type { ShapeContext, ShapeRule, ShapeRules } from './types';

const REDUCE_OPS = [
  'ReduceMean',
  'ReduceSum',
  'ReduceMax',
  'ReduceMin',
  'ReduceProd',
  'ReduceL1',
  'ReduceL2',
  'ReduceLogSum',
  'ReduceLogSumExp',
  'ReduceSumSquare',
];

/** Axes of a reduction; null = all axes, undefined = given as an input whose value is unknown. */
function reductionAxes(node: OnnxNode, ctx: ShapeContext): number[] | null | undefined {
  const fromAttribute = intsAttr(node, 'axes');
  if (fromAttribute) return fromAttribute;
  const axesInput = node.inputs[1];
  if (!axesInput) return null;
  return numbersOf(ctx, axesInput);
}

export function reducedShape(shape: Dim[], axes: number[] | null, keepDims: boolean): Dim[] | null {
  const normalized = axes?.map((a) => normalizeAxis(a, shape.length));
  if (normalized?.some((a) => a === null)) return null;
  const reduced = new Set(normalized ?? shape.map((_, i) => i));
  const result: Dim[] = [];
  shape.forEach((d, i) => {
    if (!reduced.has(i)) result.push(d);
    else if (keepDims) result.push(1);
  });
  return result;
}

const reduce: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  if (!input) return [null];
  let axes = reductionAxes(node, ctx);
  if (axes === undefined || !input.shape) return [{ dtype: input.dtype, shape: null }];
  // An empty axes list reduces everything unless noop_with_empty_axes says to pass through.
  if (axes?.length === 0 || axes === null) {
    if (intAttr(node, 'noop_with_empty_axes', 0)) return [{ dtype: input.dtype, shape: input.shape }];
    axes = null;
  }
  return [{ dtype: input.dtype, shape: reducedShape(input.shape, axes, intAttr(node, 'keepdims', 1) === 1) }];
};

const argReduce: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  const shape = input?.shape
    ? reducedShape(input.shape, [intAttr(node, 'axis', 0)], intAttr(node, 'keepdims', 1) === 1)
    : null;
  return [{ dtype: 'int64', shape }];
};

const topK: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  if (!input) return [null, null];
  const k = numbersOf(ctx, node.inputs[1])?.[0] ?? intAttr(node, 'k');
  const axis = input.shape ? normalizeAxis(intAttr(node, 'axis', -1), input.shape.length) : null;
  const shape =
    input.shape && axis !== null ? input.shape.map((d, i) => (i === axis ? (k ?? null) : d)) : null;
  return [
    { dtype: input.dtype, shape },
    { dtype: outputDtype(node, ctx, 1) ?? 'int64', shape },
  ];
};

const keepsShape: ShapeRule = (node, ctx) => [sameAsFirstInput(node, ctx)];

export const reduceRules: ShapeRules = {
  ...Object.fromEntries(REDUCE_OPS.map((op) => [op, reduce])),
  ArgMax: argReduce,
  ArgMin: argReduce,
  TopK: topK,
  Softmax: keepsShape,
  LogSoftmax: keepsShape,
  Hardmax: keepsShape,
};
