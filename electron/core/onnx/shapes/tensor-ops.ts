/**
 * Layout ops: Concat, Reshape (0 and -1), Flatten, Transpose, Squeeze/Unsqueeze (attribute form
 * before opset 13, input form after), Expand, Tile, DepthToSpace/SpaceToDepth. Values of small
 * tensors flow through them so that Shape -> Gather -> Concat -> Reshape chains resolve.
 */
import type { Dim } from '../../model/types';
import type { OnnxNode } from '../graph';
import { intAttr, intsAttr } from './attributes';
import { broadcastShapes } from './broadcast';
import { divideProducts, mulDims, normalizeAxis, symbolicProduct } from './dims';
import { numbersOf } from './rule-helpers';
import type { ShapeContext, ShapeRule, ShapeRules, TensorFact } from './types';

function withValue(fact: TensorFact, value: Dim[] | undefined): TensorFact {
  return value ? { ...fact, value } : fact;
}

const concat: ShapeRule = (node, ctx) => {
  const inputs = node.inputs.filter((n) => n !== '').map((n) => ctx.fact(n));
  const first = inputs.find((f) => f);
  if (!first) return [null];
  const shapes = inputs.map((f) => f?.shape);
  if (!shapes.every((s): s is Dim[] => !!s) || shapes.length === 0)
    return [{ dtype: first.dtype, shape: null }];
  const rank = shapes[0].length;
  const axis = normalizeAxis(intAttr(node, 'axis', 0), rank);
  if (axis === null || shapes.some((s) => s.length !== rank)) return [{ dtype: first.dtype, shape: null }];
  const shape = shapes[0].map((d, i) => {
    if (i !== axis) return shapes.map((s) => s[i]).find((x) => typeof x === 'number') ?? d;
    return shapes.reduce<Dim>(
      (sum, s) => (typeof sum === 'number' && typeof s[i] === 'number' ? sum + s[i] : null),
      0,
    );
  });
  const values = node.inputs.filter((n) => n !== '').map((n) => ctx.value(n));
  const value = rank === 1 && values.every((v) => v) ? values.flatMap((v) => v as Dim[]) : undefined;
  return [withValue({ dtype: first.dtype, shape }, value)];
};

/** Reshape target with 0 (copy, unless allowzero) and -1 (inferred, symbols cancelled). */
export function reshapeTarget(input: Dim[] | null, target: Dim[], allowZero: boolean): Dim[] {
  const resolved = target.map((d, i) => (d === 0 && !allowZero ? (input?.[i] ?? null) : d));
  const inferred = resolved.indexOf(-1);
  if (inferred < 0) return resolved;
  const total = input ? symbolicProduct(input) : null;
  const known = symbolicProduct(resolved.filter((_, i) => i !== inferred));
  resolved[inferred] = total && known ? divideProducts(total, known) : null;
  return resolved;
}

const reshape: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  if (!input) return [null];
  const shapeAttribute = intsAttr(node, 'shape'); // opset < 5
  const target = shapeAttribute ?? ctx.value(node.inputs[1]);
  if (!target) {
    const rank = ctx.fact(node.inputs[1])?.shape?.[0];
    return [{ dtype: input.dtype, shape: typeof rank === 'number' ? new Array(rank).fill(null) : null }];
  }
  const shape = reshapeTarget(input.shape, target, intAttr(node, 'allowzero', 0) === 1);
  return [withValue({ dtype: input.dtype, shape }, ctx.value(node.inputs[0]))];
};

const flatten: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  if (!input?.shape) return [input ? { dtype: input.dtype, shape: null } : null];
  const rank = input.shape.length;
  const rawAxis = intAttr(node, 'axis', 1);
  const axis = rawAxis < 0 ? rawAxis + rank : rawAxis;
  const outer = input.shape.slice(0, axis).reduce<Dim>(mulDims, 1);
  const inner = input.shape.slice(axis).reduce<Dim>(mulDims, 1);
  return [{ dtype: input.dtype, shape: [outer, inner] }];
};

const transpose: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  if (!input?.shape) return [input ? { dtype: input.dtype, shape: null } : null];
  const shape = input.shape;
  const perm = intsAttr(node, 'perm') ?? shape.map((_, i) => shape.length - 1 - i);
  return [{ dtype: input.dtype, shape: perm.map((p) => shape[p] ?? null) }];
};

/** Axes from the attribute (before opset 13) or the second input (from 13). */
function axesOf(node: OnnxNode, ctx: ShapeContext): number[] | null | undefined {
  const fromAttribute = intsAttr(node, 'axes');
  if (fromAttribute) return fromAttribute;
  if (!node.inputs[1]) return null;
  return numbersOf(ctx, node.inputs[1]);
}

const squeeze: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  if (!input) return [null];
  const axes = axesOf(node, ctx);
  if (!input.shape || axes === undefined) return [{ dtype: input.dtype, shape: null }];
  const shape = input.shape;
  const removed = new Set(
    axes ? axes.map((a) => normalizeAxis(a, shape.length)) : shape.flatMap((d, i) => (d === 1 ? [i] : [])),
  );
  // Without axes, a symbolic dim might be 1 at run time: the rank is then unknown.
  if (!axes && shape.some((d) => typeof d !== 'number')) return [{ dtype: input.dtype, shape: null }];
  const result = shape.filter((_, i) => !removed.has(i));
  return [withValue({ dtype: input.dtype, shape: result }, ctx.value(node.inputs[0]))];
};

const unsqueeze: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  if (!input) return [null];
  const axes = axesOf(node, ctx);
  if (!input.shape || !axes) return [{ dtype: input.dtype, shape: null }];
  const rank = input.shape.length + axes.length;
  const inserted = new Set(axes.map((a) => normalizeAxis(a, rank)));
  const source = [...input.shape];
  const shape: Dim[] = [];
  for (let i = 0; i < rank; i++) shape.push(inserted.has(i) ? 1 : (source.shift() ?? null));
  return [withValue({ dtype: input.dtype, shape }, ctx.value(node.inputs[0]))];
};

const expand: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  const target = ctx.value(node.inputs[1]);
  if (!input) return [null];
  if (!input.shape || !target) return [{ dtype: input.dtype, shape: null }];
  return [{ dtype: input.dtype, shape: broadcastShapes([input.shape, target]) }];
};

const tile: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  const repeats = ctx.value(node.inputs[1]);
  if (!input) return [null];
  if (!input.shape || !repeats) return [{ dtype: input.dtype, shape: null }];
  return [{ dtype: input.dtype, shape: input.shape.map((d, i) => mulDims(d, repeats[i] ?? null)) }];
};

function blockRearrange(toDepth: boolean): ShapeRule {
  return (node, ctx) => {
    const input = ctx.fact(node.inputs[0]);
    if (!input) return [null];
    const block = intAttr(node, 'blocksize', 1);
    if (input.shape?.length !== 4) return [{ dtype: input.dtype, shape: null }];
    const [n, c, h, w] = input.shape;
    const scale = (d: Dim, up: boolean): Dim =>
      typeof d !== 'number' ? null : up ? d * block * block : d / (block * block);
    const spatial = (d: Dim): Dim => (typeof d !== 'number' ? null : toDepth ? d / block : d * block);
    return [{ dtype: input.dtype, shape: [n, scale(c, toDepth), spatial(h), spatial(w)] }];
  };
}

export const tensorOpRules: ShapeRules = {
  Concat: concat,
  Reshape: reshape,
  Flatten: flatten,
  Transpose: transpose,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Expand: expand,
  Tile: tile,
  DepthToSpace: blockRearrange(false),
  SpaceToDepth: blockRearrange(true),
};
