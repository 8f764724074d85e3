import { describe, expect, it } from 'vitest';
import { OnnxDataType } from '../../../electron/core/onnx/graph';
import { inferShapes } from '../../../electron/core/onnx/shapes/infer';
import { GraphBuilder } from './graph-builder';

describe('MatMul and Gemm shapes', () => {
  it('broadcasts batch dims and drops the axis of 1-D operands', () => {
    const g = new GraphBuilder()
      .input('a', [2, 1, 4, 8])
      .input('b', [3, 8, 5])
      .input('v', [8])
      .node('MatMul', ['a', 'b'], ['ab'])
      .node('MatMul', ['a', 'v'], ['av'])
      .node('MatMul', ['v', 'b'], ['vb']);
    const facts = inferShapes(g.model()).tensors;
    expect(facts.get('ab')?.shape).toEqual([2, 3, 4, 5]);
    expect(facts.get('av')?.shape).toEqual([2, 1, 4]);
    expect(facts.get('vb')?.shape).toEqual([3, 5]);
  });

  it('Gemm with transA / transB', () => {
    const g = new GraphBuilder()
      .input('a', [256, 4])
      .weight('b', [10, 256])
      .node('Gemm', ['a', 'b'], ['y'], { transA: 1, transB: 1 });
    expect(inferShapes(g.model()).tensors.get('y')?.shape).toEqual([4, 10]);
  });
});

describe('elementwise shapes', () => {
  it('broadcasts numbers, ones and symbols; two different symbols stay unknown', () => {
    const g = new GraphBuilder()
      .input('a', ['batch', 1, 64])
      .input('b', [7, 1])
      .input('c', ['seq', 64])
      .node('Add', ['a', 'b'], ['ab'])
      .node('Mul', ['a', 'c'], ['ac'])
      .node('Sum', ['a', 'b', 'c'], ['sum']);
    const result = inferShapes(g.model());
    expect(result.tensors.get('ab')?.shape).toEqual(['batch', 7, 64]);
    expect(result.tensors.get('ac')?.shape).toEqual(['batch', 'seq', 64]);
    expect(result.tensors.get('sum')?.shape).toEqual(['batch', 7, 64]); // seq must broadcast with 7
  });

  it('gives comparisons bool, Cast its target, Where the dtype of X, Q/DQ their quantized/float types', () => {
    const g = new GraphBuilder()
      .input('x', [2, 3])
      .weight('scale', [], OnnxDataType.FLOAT, [0.1])
      .weight('zp', [], OnnxDataType.INT8, [0])
      .node('Greater', ['x', 'x'], ['cmp'])
      .node('Cast', ['x'], ['half'], { to: OnnxDataType.FLOAT16 })
      .node('Where', ['cmp', 'half', 'half'], ['w'])
      .node('QuantizeLinear', ['x', 'scale', 'zp'], ['q'])
      .node('DequantizeLinear', ['q', 'scale', 'zp'], ['dq'])
      .node('BatchNormalization', ['x', 'scale', 'scale', 'scale', 'scale'], ['bn'])
      .node('Clip', ['x'], ['clip'])
      .node('Erf', ['x'], ['erf']);
    const facts = inferShapes(g.model()).tensors;
    expect(facts.get('cmp')).toEqual({ dtype: 'bool', shape: [2, 3] });
    expect(facts.get('half')?.dtype).toBe('float16');
    expect(facts.get('w')?.dtype).toBe('float16');
    expect(facts.get('q')).toEqual({ dtype: 'int8', shape: [2, 3] });
    expect(facts.get('dq')).toEqual({ dtype: 'float32', shape: [2, 3] });
    for (const name of ['bn', 'clip', 'erf'])
      expect(facts.get(name)).toEqual({ dtype: 'float32', shape: [2, 3] });
  });
});
