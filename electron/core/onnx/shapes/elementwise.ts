/**
 * Elementwise ops: broadcasting binary/variadic ops (with value propagation for shape arithmetic),
 * unary activations, normalizations, casts and quantize/dequantize.
 */
import type { Dim } from '../../model/types';
import type { OnnxNode } from '../graph';
import { intAttr } from './attributes';
import { broadcastShapes, combineValues } from './broadcast';
import { isFloatType, outputDtype, sameAsFirstInput } from './rule-helpers';
import type { ShapeContext, ShapeRule, ShapeRules, TensorFact } from './types';

const UNARY = [
  'Relu',
  'LeakyRelu',
  'PRelu',
  'Elu',
  'Selu',
  'Celu',
  'Sigmoid',
  'HardSigmoid',
  'HardSwish',
  'Tanh',
  'Erf',
  'Exp',
  'Log',
  'Sqrt',
  'Reciprocal',
  'Neg',
  'Abs',
  'Floor',
  'Ceil',
  'Round',
  'Sign',
  'Sin',
  'Cos',
  'Tan',
  'Softplus',
  'Softsign',
  'Gelu',
  'Mish',
  'ThresholdedRelu',
  'Shrink',
  'Clip',
  'Not',
  'IsNaN',
  'IsInf',
  'BatchNormalization',
  'InstanceNormalization',
  'LpNormalization',
  'MeanVarianceNormalization',
  'QuantizeLinear',
  'DequantizeLinear',
  'DynamicQuantizeLinear',
  // ONNX Runtime's fused SiLU-like x * sigmoid(alpha * x) (com.microsoft).
  'QuickGelu',
];

/** Arithmetic that shape subgraphs do on small integer vectors. */
const VALUE_OPS: Record<string, (args: number[], integer: boolean) => number | null> = {
  Add: ([a, b]) => a + b,
  Sub: ([a, b]) => a - b,
  Mul: ([a, b]) => a * b,
  Div: ([a, b], integer) => (b === 0 ? null : integer ? Math.trunc(a / b) : a / b),
  Max: (args) => Math.max(...args),
  Min: (args) => Math.min(...args),
  Equal: ([a, b]) => (a === b ? 1 : 0),
  Less: ([a, b]) => (a < b ? 1 : 0),
  Greater: ([a, b]) => (a > b ? 1 : 0),
  Where: ([condition, x, y]) => (condition ? x : y),
};

const BINARY = [
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Pow',
  'Mod',
  'Max',
  'Min',
  'Mean',
  'Sum',
  'And',
  'Or',
  'Xor',
  'Equal',
  'Less',
  'Greater',
  'LessOrEqual',
  'GreaterOrEqual',
  'BitShift',
  'Where',
];

function broadcasting(node: OnnxNode, ctx: ShapeContext): (TensorFact | null)[] {
  const inputs = node.inputs.filter((name) => name !== '').map((name) => ctx.fact(name));
  const dtype = outputDtype(node, ctx);
  if (!dtype) return [null];
  const shapes = inputs.map((fact) => fact?.shape);
  if (!shapes.every((s): s is Dim[] => !!s)) return [{ dtype, shape: null }];
  const shape = broadcastShapes(shapes);
  const fact: TensorFact = { dtype, shape };
  const value = propagatedValue(node, ctx, dtype);
  if (value) fact.value = value;
  return [fact];
}

function propagatedValue(node: OnnxNode, ctx: ShapeContext, dtype: TensorFact['dtype']): Dim[] | undefined {
  const op = VALUE_OPS[node.opType];
  if (!op) return undefined;
  const lists = node.inputs.map((name) => ctx.value(name));
  if (!lists.every((l): l is Dim[] => !!l && l.length > 0)) return undefined;
  const integer = !isFloatType(ctx.fact(node.inputs[0])?.dtype ?? dtype);
  return combineValues(lists, (args) => op(args, integer));
}

/** Identity and Cast keep values (Cast to an integer type truncates). */
function valueKeeping(node: OnnxNode, ctx: ShapeContext): (TensorFact | null)[] {
  const base = sameAsFirstInput(node, ctx);
  if (!base) return [null];
  const value = ctx.value(node.inputs[0]);
  if (value)
    base.value = isFloatType(base.dtype)
      ? value
      : value.map((v) => (typeof v === 'number' ? Math.trunc(v) : v));
  return [base];
}

/** Secondary outputs of normalizations (saved mean, inverse std): reduced over the normalized axes. */
function layerNormalization(node: OnnxNode, ctx: ShapeContext): (TensorFact | null)[] {
  const main = sameAsFirstInput(node, ctx);
  if (!main?.shape) return [main];
  const rank = main.shape.length;
  const axis = intAttr(node, 'axis', -1);
  const start = axis < 0 ? axis + rank : axis;
  const reduced = main.shape.map((d, i) => (i >= start ? 1 : d));
  return [main, { dtype: 'float32', shape: reduced }, { dtype: 'float32', shape: reduced }];
}

function withSecondarySameShape(node: OnnxNode, ctx: ShapeContext): (TensorFact | null)[] {
  const main = sameAsFirstInput(node, ctx);
  if (!main) return [null];
  return node.outputs.map((_, index) => {
    const dtype = outputDtype(node, ctx, index);
    return dtype ? { dtype, shape: main.shape } : null;
  });
}

const unaryRule: ShapeRule = (node, ctx) => [sameAsFirstInput(node, ctx)];

export const elementwiseRules: ShapeRules = {
  ...Object.fromEntries(UNARY.map((op) => [op, unaryRule])),
  ...Object.fromEntries(BINARY.map((op) => [op, broadcasting])),
  Identity: valueKeeping,
  Cast: valueKeeping,
  CastLike: valueKeeping,
  Dropout: withSecondarySameShape,
  LayerNormalization: layerNormalization,
};
