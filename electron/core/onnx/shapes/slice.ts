/**
 * Ops that cut or grow tensors by constant amounts: Slice (attributes before opset 10, inputs after),
 * Split (attribute, input from opset 13, num_outputs from 18), Pad, Gather and their relatives.
 * Slices and gathers of small value lists are computed, so Shape -> Slice/Gather chains resolve.
 */
import type { Dim } from '../../model/types';
import type { OnnxNode } from '../graph';
import { intAttr, intsAttr } from './attributes';
import { addDims, normalizeAxis } from './dims';
import { numbersOf } from './rule-helpers';
import type { ShapeContext, ShapeRule, ShapeRules, TensorFact } from './types';

interface SliceSpec {
  starts: number[];
  ends: number[];
  axes: number[];
  steps: number[];
}

function sliceSpec(node: OnnxNode, ctx: ShapeContext, rank: number): SliceSpec | null {
  const attributeForm = intsAttr(node, 'starts');
  const starts = attributeForm ?? numbersOf(ctx, node.inputs[1]);
  const ends = attributeForm ? intsAttr(node, 'ends') : numbersOf(ctx, node.inputs[2]);
  if (!starts || !ends) return null;
  const axes =
    (attributeForm ? intsAttr(node, 'axes') : numbersOf(ctx, node.inputs[3])) ?? starts.map((_, i) => i);
  const steps = (attributeForm ? undefined : numbersOf(ctx, node.inputs[4])) ?? starts.map(() => 1);
  // An axes or steps input that is present but not constant leaves the slice unknown.
  if (
    !attributeForm &&
    ((node.inputs[3] && !ctx.value(node.inputs[3])) || (node.inputs[4] && !ctx.value(node.inputs[4])))
  ) {
    return null;
  }
  const normalized = axes.map((a) => normalizeAxis(a, rank));
  if (normalized.some((a) => a === null)) return null;
  return { starts, ends, axes: normalized as number[], steps };
}

/** Indices a slice keeps along a dim of length `size` (numpy semantics with clamping). */
function sliceRange(
  size: number,
  start: number,
  end: number,
  step: number,
): { first: number; count: number } {
  const clamp = (v: number, low: number, high: number): number => Math.min(Math.max(v, low), high);
  const resolve = (v: number): number => (v < 0 ? v + size : v);
  const first = step > 0 ? clamp(resolve(start), 0, size) : clamp(resolve(start), -1, size - 1);
  const last = step > 0 ? clamp(resolve(end), 0, size) : clamp(resolve(end), -1, size - 1);
  return { first, count: Math.max(0, Math.ceil((last - first) / step)) };
}

function slicedDim(d: Dim, start: number, end: number, step: number): Dim {
  if (typeof d === 'number') return step === 0 ? null : sliceRange(d, start, end, step).count;
  // A symbolic dim survives only the full slice [0:INT_MAX:1].
  return start === 0 && step === 1 && end >= 2 ** 31 - 1 ? d : null;
}

const slice: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  if (!input) return [null];
  const spec = input.shape ? sliceSpec(node, ctx, input.shape.length) : null;
  if (!input.shape || !spec)
    return [{ dtype: input.dtype, shape: input.shape ? input.shape.map(() => null) : null }];
  const shape = [...input.shape];
  spec.axes.forEach((axis, i) => {
    shape[axis] = slicedDim(shape[axis], spec.starts[i], spec.ends[i], spec.steps[i]);
  });
  const fact: TensorFact = { dtype: input.dtype, shape };
  const value = ctx.value(node.inputs[0]);
  if (value && input.shape.length === 1 && spec.axes[0] === 0 && spec.steps[0] !== 0) {
    const { first, count } = sliceRange(value.length, spec.starts[0], spec.ends[0], spec.steps[0]);
    fact.value = Array.from({ length: count }, (_, k) => value[first + k * spec.steps[0]]);
  }
  return [fact];
};

/** Sizes of Split's outputs along the axis, or null when they cannot be told. */
function splitSizes(node: OnnxNode, ctx: ShapeContext, total: Dim): number[] | null {
  const explicit = intsAttr(node, 'split') ?? numbersOf(ctx, node.inputs[1]);
  if (explicit) return explicit;
  if (node.inputs[1]) return null;
  if (typeof total !== 'number') return null;
  const parts = intAttr(node, 'num_outputs', node.outputs.length);
  // Equal split; from opset 18 the last part may be smaller (ceil division).
  const chunk = Math.ceil(total / parts);
  return Array.from({ length: parts }, (_, i) => Math.max(0, Math.min(chunk, total - i * chunk)));
}

const split: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  if (!input) return node.outputs.map(() => null);
  const shape = input.shape;
  const axis = shape ? normalizeAxis(intAttr(node, 'axis', 0), shape.length) : null;
  const sizes = shape && axis !== null ? splitSizes(node, ctx, shape[axis]) : null;
  return node.outputs.map((_, i) => ({
    dtype: input.dtype,
    shape:
      shape && axis !== null && sizes ? shape.map((d, k) => (k === axis ? (sizes[i] ?? null) : d)) : null,
  }));
};

const pad: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  if (!input) return [null];
  const pads = intsAttr(node, 'pads') ?? intsAttr(node, 'paddings') ?? numbersOf(ctx, node.inputs[1]);
  if (!input.shape || !pads)
    return [{ dtype: input.dtype, shape: input.shape ? input.shape.map(() => null) : null }];
  const rank = input.shape.length;
  const axes = (node.inputs[3] ? numbersOf(ctx, node.inputs[3]) : undefined) ?? input.shape.map((_, i) => i);
  const shape = [...input.shape];
  axes.forEach((a, i) => {
    const axis = normalizeAxis(a, rank);
    if (axis !== null) shape[axis] = addDims(shape[axis], (pads[i] ?? 0) + (pads[i + axes.length] ?? 0));
  });
  return [{ dtype: input.dtype, shape }];
};

const gather: ShapeRule = (node, ctx) => {
  const data = ctx.fact(node.inputs[0]);
  const indices = ctx.fact(node.inputs[1]);
  if (!data) return [null];
  if (!data.shape || !indices?.shape) return [{ dtype: data.dtype, shape: null }];
  const axis = normalizeAxis(intAttr(node, 'axis', 0), data.shape.length);
  if (axis === null) return [{ dtype: data.dtype, shape: null }];
  const shape = [...data.shape.slice(0, axis), ...indices.shape, ...data.shape.slice(axis + 1)];
  const fact: TensorFact = { dtype: data.dtype, shape };
  const values = ctx.value(node.inputs[0]);
  const picks = numbersOf(ctx, node.inputs[1]);
  if (values && picks && data.shape.length === 1) {
    fact.value = picks.map((i) => values[i < 0 ? i + values.length : i] ?? null);
  }
  return [fact];
};

/** Output shaped like input `index` (GatherElements: indices; ScatterND/ScatterElements: data). */
function shapedLike(index: number): ShapeRule {
  return (node, ctx) => {
    const data = ctx.fact(node.inputs[0]);
    const like = ctx.fact(node.inputs[index]);
    return [data ? { dtype: data.dtype, shape: like?.shape ?? null } : null];
  };
}

export const sliceRules: ShapeRules = {
  Slice: slice,
  Split: split,
  Pad: pad,
  Gather: gather,
  GatherElements: shapedLike(1),
  ScatterElements: shapedLike(0),
  ScatterND: shapedLike(0),
  Scatter: shapedLike(0),
};
