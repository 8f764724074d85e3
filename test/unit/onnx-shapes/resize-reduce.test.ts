import { describe, expect, it } from 'vitest';
import { inferShapes } from '../../../electron/core/onnx/shapes/infer';
import { GraphBuilder } from './graph-builder';

describe('Resize / Upsample', () => {
  it('Resize with constant scales (opset 11: roi, scales) and sizes', () => {
    const g = new GraphBuilder()
      .input('x', [1, 64, 13, 13])
      .floats('roi', [])
      .floats('scales', [1, 1, 2, 2])
      .ints('sizes', [1, 64, 52, 40])
      .node('Resize', ['x', 'roi', 'scales'], ['up'], { mode: 'nearest' })
      .node('Resize', ['x', '', '', 'sizes'], ['sized']);
    const facts = inferShapes(g.model(11)).tensors;
    expect(facts.get('up')?.shape).toEqual([1, 64, 26, 26]);
    expect(facts.get('sized')?.shape).toEqual([1, 64, 52, 40]);
  });

  it('Resize opset 10 (X, scales) and Upsample with attribute (opset 7) and input (opset 9) scales', () => {
    const g10 = new GraphBuilder()
      .input('x', [1, 3, 5, 5])
      .floats('s', [1, 1, 2, 3])
      .node('Resize', ['x', 's'], ['y']);
    expect(inferShapes(g10.model(10)).tensors.get('y')?.shape).toEqual([1, 3, 10, 15]);
    const g7 = new GraphBuilder()
      .input('x', [1, 3, 5, 5])
      .node('Upsample', ['x'], ['y'], { scales: { floats: [1, 1, 2, 2] } });
    expect(inferShapes(g7.model(7)).tensors.get('y')?.shape).toEqual([1, 3, 10, 10]);
    const g9 = new GraphBuilder()
      .input('x', [1, 3, 5, 5])
      .floats('s', [1, 1, 0.5, 0.5])
      .node('Upsample', ['x', 's'], ['y']);
    expect(inferShapes(g9.model(9)).tensors.get('y')?.shape).toEqual([1, 3, 2, 2]);
  });

  it('Resize with non-constant scales stays unknown and is listed', () => {
    const g = new GraphBuilder()
      .input('x', [1, 3, 5, 5])
      .input('s', [4])
      .node('Resize', ['x', '', 's'], ['y']);
    const result = inferShapes(g.model(13));
    expect(result.tensors.get('y')?.shape).toEqual([null, null, null, null]);
    expect(result.unknownShapeNodes).toEqual([0]);
  });
});

describe('reductions and softmax', () => {
  it('ReduceMean with axes attribute, keepdims 0 and 1', () => {
    const g = new GraphBuilder()
      .input('x', ['b', 'seq', 768])
      .node('ReduceMean', ['x'], ['keep'], { axes: [-1] })
      .node('ReduceMean', ['x'], ['drop'], { axes: [1], keepdims: 0 })
      .node('ReduceMax', ['x'], ['all'], { keepdims: 0 });
    const facts = inferShapes(g.model(11)).tensors;
    expect(facts.get('keep')?.shape).toEqual(['b', 'seq', 1]);
    expect(facts.get('drop')?.shape).toEqual(['b', 768]);
    expect(facts.get('all')?.shape).toEqual([]);
  });

  it('ReduceSum with axes as input (opset 13), Softmax, ArgMax, TopK', () => {
    const g = new GraphBuilder()
      .input('x', [2, 5, 7])
      .ints('axes', [0, 2])
      .ints('k', [3])
      .node('ReduceSum', ['x', 'axes'], ['sum'])
      .node('Softmax', ['x'], ['sm'], { axis: -1 })
      .node('ArgMax', ['x'], ['am'], { axis: 1, keepdims: 0 })
      .node('TopK', ['x', 'k'], ['vals', 'idx']);
    const facts = inferShapes(g.model(13)).tensors;
    expect(facts.get('sum')?.shape).toEqual([1, 5, 1]);
    expect(facts.get('sm')?.shape).toEqual([2, 5, 7]);
    expect(facts.get('am')).toEqual({ dtype: 'int64', shape: [2, 7] });
    expect(facts.get('vals')?.shape).toEqual([2, 5, 3]);
    expect(facts.get('idx')?.dtype).toBe('int64');
  });
});
