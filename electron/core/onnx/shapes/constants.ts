/**
 * Ops that make constants or read metadata: Constant, ConstantOfShape, Shape (start/end from opset
 * 15), Size, Range, NonZero. Their small values are kept for the ops downstream.
 */
import { dtypeName } from '../dtypes';
import type { OnnxNode, OnnxTensor } from '../graph';
import { readTensorAsNumbers } from '../tensor-data';
import { intAttr, tensorAttr } from './attributes';
import { elementCount } from './dims';
import { numbersOf } from './rule-helpers';
import type { ShapeRule, ShapeRules, TensorFact } from './types';

/** Values are tracked for tensors up to this many elements: shape vectors, not weights. */
export const MAX_TRACKED_ELEMENTS = 1024;

/** The fact of a constant tensor, with its values when it is small and numeric. */
export function constantFact(tensor: OnnxTensor): TensorFact {
  const fact: TensorFact = { dtype: dtypeName(tensor.dataType), shape: [...tensor.dims] };
  const count = elementCount(tensor.dims) ?? Infinity;
  if (count <= MAX_TRACKED_ELEMENTS && tensor.data.kind !== 'strings')
    fact.value = readTensorAsNumbers(tensor);
  return fact;
}

function constantAttribute(node: OnnxNode): TensorFact | null {
  const tensor = tensorAttr(node, 'value');
  if (tensor) return constantFact(tensor);
  for (const attribute of node.attributes) {
    if (attribute.type === 'int' && attribute.name === 'value_int')
      return { dtype: 'int64', shape: [], value: [attribute.value] };
    if (attribute.type === 'ints' && attribute.name === 'value_ints') {
      return { dtype: 'int64', shape: [attribute.value.length], value: attribute.value };
    }
    if (attribute.type === 'float' && attribute.name === 'value_float')
      return { dtype: 'float32', shape: [], value: [attribute.value] };
    if (attribute.type === 'floats' && attribute.name === 'value_floats') {
      return { dtype: 'float32', shape: [attribute.value.length], value: attribute.value };
    }
    if (attribute.type === 'string' && attribute.name === 'value_string')
      return { dtype: 'string', shape: [] };
    if (attribute.type === 'strings' && attribute.name === 'value_strings') {
      return { dtype: 'string', shape: [attribute.value.length] };
    }
  }
  return null; // sparse_value: not modelled
}

const constant: ShapeRule = (node) => [constantAttribute(node)];

const constantOfShape: ShapeRule = (node, ctx) => {
  const shape = ctx.value(node.inputs[0]);
  const fill = tensorAttr(node, 'value');
  const dtype = fill ? dtypeName(fill.dataType) : 'float32';
  if (!shape) return [{ dtype, shape: null }];
  const fact: TensorFact = { dtype, shape: [...shape] };
  const count = elementCount(shape);
  if (count !== null && count <= MAX_TRACKED_ELEMENTS) {
    fact.value = new Array(count).fill(fill ? (readTensorAsNumbers(fill)[0] ?? 0) : 0);
  }
  return [fact];
};

/** Shape's start/end (opset 15) clamp like Slice without steps. */
function shapeWindow(node: OnnxNode, rank: number): [number, number] {
  const clamp = (v: number): number => Math.min(Math.max(v < 0 ? v + rank : v, 0), rank);
  return [clamp(intAttr(node, 'start', 0)), clamp(intAttr(node, 'end', rank))];
}

const shapeOf: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  if (!input?.shape) return [{ dtype: 'int64', shape: null }];
  const [start, end] = shapeWindow(node, input.shape.length);
  const value = input.shape.slice(start, end);
  return [{ dtype: 'int64', shape: [value.length], value }];
};

const size: ShapeRule = (node, ctx) => {
  const count = elementCount(ctx.fact(node.inputs[0])?.shape);
  return [count === null ? { dtype: 'int64', shape: [] } : { dtype: 'int64', shape: [], value: [count] }];
};

const range: ShapeRule = (node, ctx) => {
  const dtype = ctx.fact(node.inputs[0])?.dtype;
  if (!dtype) return [null];
  const [start, limit, delta] = [0, 1, 2].map((i) => numbersOf(ctx, node.inputs[i])?.[0]);
  if (start === undefined || limit === undefined || !delta) return [{ dtype, shape: [null] }];
  const count = Math.max(Math.ceil((limit - start) / delta), 0);
  const fact: TensorFact = { dtype, shape: [count] };
  if (count <= MAX_TRACKED_ELEMENTS) fact.value = Array.from({ length: count }, (_, i) => start + i * delta);
  return [fact];
};

const nonZero: ShapeRule = (node, ctx) => {
  const rank = ctx.fact(node.inputs[0])?.shape?.length;
  // The count of non-zero elements is data: it stays unknown.
  return [{ dtype: 'int64', shape: rank === undefined ? null : [rank, null] }];
};

const eyeLike: ShapeRule = (node, ctx) => {
  const input = ctx.fact(node.inputs[0]);
  const to = intAttr(node, 'dtype');
  return [input ? { dtype: to ? dtypeName(to) : input.dtype, shape: input.shape } : null];
};

export const constantRules: ShapeRules = {
  Constant: constant,
  ConstantOfShape: constantOfShape,
  Shape: shapeOf,
  Size: size,
  Range: range,
  NonZero: nonZero,
  EyeLike: eyeLike,
};
