import { describe, expect, it } from 'vitest';
import { OnnxDataType } from '../../../electron/core/onnx/graph';
import { inferShapes } from '../../../electron/core/onnx/shapes/infer';
import { GraphBuilder, tensor } from './graph-builder';

const INT64_MAX = 2 ** 63 - 1;

describe('Reshape, Flatten, Transpose, Concat', () => {
  it('Reshape copies 0 and infers -1; allowzero keeps a literal 0', () => {
    const g = new GraphBuilder()
      .input('x', [2, 3, 4, 5])
      .ints('s1', [0, -1, 5])
      .ints('s2', [-1])
      .ints('s3', [0, 0, 0, 0, 0])
      .node('Reshape', ['x', 's1'], ['a'])
      .node('Reshape', ['x', 's2'], ['b'])
      .node('Reshape', ['a', 's3'], ['c'], {});
    const facts = inferShapes(g.model()).tensors;
    expect(facts.get('a')?.shape).toEqual([2, 12, 5]);
    expect(facts.get('b')?.shape).toEqual([120]);
    expect(facts.get('c')?.shape).toEqual([2, 12, 5, null, null]);
  });

  it('solves -1 when symbols cancel: [batch, seq, 768] -> [batch, -1, 12, 64] gives seq', () => {
    const g = new GraphBuilder()
      .input('x', ['batch', 'seq', 768])
      .ints('target', [0, -1, 12, 64])
      .node('Reshape', ['x', 'target'], ['y']);
    expect(inferShapes(g.model()).tensors.get('y')?.shape).toEqual(['batch', 'seq', 12, 64]);
  });

  it('follows Shape -> Gather -> Unsqueeze -> Concat -> Reshape chains (exported PyTorch view)', () => {
    const g = new GraphBuilder()
      .input('x', ['batch', 'seq', 8])
      .node('Shape', ['x'], ['shape'])
      .node('Constant', [], ['zero'], { value: tensor('zero', OnnxDataType.INT64, [], [0]) })
      .node('Gather', ['shape', 'zero'], ['b'], { axis: 0 })
      .ints('axes', [0])
      .node('Unsqueeze', ['b', 'axes'], ['b1'])
      .ints('rest', [-1, 2, 4])
      .node('Concat', ['b1', 'rest'], ['target'], { axis: 0 })
      .node('Reshape', ['x', 'target'], ['y']);
    const facts = inferShapes(g.model()).tensors;
    expect(facts.get('shape')?.value).toEqual(['batch', 'seq', 8]);
    expect(facts.get('target')?.value).toEqual(['batch', -1, 2, 4]);
    expect(facts.get('y')?.shape).toEqual(['batch', 'seq', 2, 4]);
    // With the dims set, the same chain gives numbers.
    const set = inferShapes(g.model(), { x: [3, 5, 8] }).tensors;
    expect(set.get('y')?.shape).toEqual([3, 5, 2, 4]);
  });

  it('Flatten, Transpose (perm and default reverse), Concat along an axis', () => {
    const g = new GraphBuilder()
      .input('x', [2, 3, 4, 5])
      .input('z', [2, 7, 4, 5])
      .node('Flatten', ['x'], ['f1'])
      .node('Flatten', ['x'], ['f3'], { axis: 3 })
      .node('Transpose', ['x'], ['t'], { perm: [0, 2, 3, 1] })
      .node('Transpose', ['x'], ['r'])
      .node('Concat', ['x', 'z'], ['c'], { axis: 1 });
    const facts = inferShapes(g.model()).tensors;
    expect(facts.get('f1')?.shape).toEqual([2, 60]);
    expect(facts.get('f3')?.shape).toEqual([24, 5]);
    expect(facts.get('t')?.shape).toEqual([2, 4, 5, 3]);
    expect(facts.get('r')?.shape).toEqual([5, 4, 3, 2]);
    expect(facts.get('c')?.shape).toEqual([2, 10, 4, 5]);
  });
});

describe('Squeeze / Unsqueeze, attribute form (< 13) and input form (>= 13)', () => {
  it('opset 11: axes attribute', () => {
    const g = new GraphBuilder()
      .input('x', [1, 3, 1, 5])
      .node('Squeeze', ['x'], ['s'], { axes: [0, -2] })
      .node('Unsqueeze', ['s'], ['u'], { axes: [0, 3] })
      .node('Squeeze', ['x'], ['all']);
    const facts = inferShapes(g.model(11)).tensors;
    expect(facts.get('s')?.shape).toEqual([3, 5]);
    expect(facts.get('u')?.shape).toEqual([1, 3, 5, 1]);
    expect(facts.get('all')?.shape).toEqual([3, 5]);
  });

  it('opset 13: axes input', () => {
    const g = new GraphBuilder()
      .input('x', [1, 3, 1, 5])
      .ints('axes', [2])
      .ints('uaxes', [-1])
      .node('Squeeze', ['x', 'axes'], ['s'])
      .node('Unsqueeze', ['s', 'uaxes'], ['u']);
    const facts = inferShapes(g.model(13)).tensors;
    expect(facts.get('s')?.shape).toEqual([1, 3, 5]);
    expect(facts.get('u')?.shape).toEqual([1, 3, 5, 1]);
  });
});

describe('Slice, Split, Pad, Gather', () => {
  it('Slice input form: negative starts, INT64_MAX ends, steps (YOLOX Focus)', () => {
    const g = new GraphBuilder()
      .input('x', [1, 3, 416, 416])
      .ints('one', [1])
      .ints('zero', [0])
      .ints('max', [INT64_MAX])
      .ints('axis2', [2])
      .ints('two', [2])
      .ints('neg', [-10])
      .node('Slice', ['x', 'one', 'max', 'axis2', 'two'], ['odd'])
      .node('Slice', ['x', 'neg', 'max', 'axis2'], ['tail'])
      .node('Slice', ['x', 'zero', 'max'], ['full']);
    const facts = inferShapes(g.model()).tensors;
    expect(facts.get('odd')?.shape).toEqual([1, 3, 208, 416]);
    expect(facts.get('tail')?.shape).toEqual([1, 3, 10, 416]);
    expect(facts.get('full')?.shape).toEqual([1, 3, 416, 416]);
  });

  it('Slice attribute form (opset 9) and negative steps', () => {
    const g = new GraphBuilder()
      .input('x', [10, 20])
      .ints('s', [-1])
      .ints('e', [-INT64_MAX])
      .ints('a', [1])
      .ints('st', [-1])
      .node('Slice', ['x'], ['y'], { starts: [2, 0], ends: [8, -5], axes: [0, 1] })
      .node('Slice', ['x', 's', 'e', 'a', 'st'], ['rev']);
    expect(inferShapes(g.model(9)).tensors.get('y')?.shape).toEqual([6, 15]);
    expect(inferShapes(g.model(13)).tensors.get('rev')?.shape).toEqual([10, 20]);
  });

  it('Slice of a shape vector keeps its values', () => {
    const g = new GraphBuilder()
      .input('x', ['n', 3, 7, 9])
      .ints('two', [2])
      .ints('max', [INT64_MAX])
      .node('Shape', ['x'], ['s'])
      .node('Slice', ['s', 'two', 'max'], ['hw']);
    expect(inferShapes(g.model()).tensors.get('hw')).toMatchObject({ shape: [2], value: [7, 9] });
  });

  it('Split: attribute, input, equal parts and num_outputs with a smaller last part', () => {
    const g = new GraphBuilder()
      .input('x', [2, 10, 4])
      .ints('sizes', [3, 7])
      .node('Split', ['x'], ['a1', 'a2'], { axis: 1, split: [4, 6] })
      .node('Split', ['x', 'sizes'], ['b1', 'b2'], { axis: 1 })
      .node('Split', ['x'], ['c1', 'c2'], { axis: 2 })
      .node('Split', ['x'], ['d1', 'd2', 'd3'], { axis: 1, num_outputs: 3 });
    const facts = inferShapes(g.model(18)).tensors;
    expect([facts.get('a1')?.shape, facts.get('a2')?.shape]).toEqual([
      [2, 4, 4],
      [2, 6, 4],
    ]);
    expect([facts.get('b1')?.shape, facts.get('b2')?.shape]).toEqual([
      [2, 3, 4],
      [2, 7, 4],
    ]);
    expect(facts.get('c2')?.shape).toEqual([2, 10, 2]);
    expect([facts.get('d1')?.shape, facts.get('d3')?.shape]).toEqual([
      [2, 4, 4],
      [2, 2, 4],
    ]);
  });

  it('Pad from attribute (opset 2) and from input (opset 11)', () => {
    const g = new GraphBuilder()
      .input('x', [1, 3, 10, 10])
      .ints('pads', [0, 0, 1, 2, 0, 0, 3, 4])
      .node('Pad', ['x'], ['a'], { pads: [0, 0, 1, 1, 0, 0, 1, 1] })
      .node('Pad', ['x', 'pads'], ['b']);
    expect(inferShapes(g.model(2)).tensors.get('a')?.shape).toEqual([1, 3, 12, 12]);
    expect(inferShapes(g.model(11)).tensors.get('b')?.shape).toEqual([1, 3, 14, 16]);
  });

  it('Gather: output = data[:axis] + indices + data[axis+1:], values of constant picks', () => {
    const g = new GraphBuilder()
      .input('ids', ['batch', 'seq'], OnnxDataType.INT64)
      .weight('table', [30522, 16])
      .ints('v', [5, 6, 7])
      .ints('pick', [-1], [])
      .node('Gather', ['table', 'ids'], ['emb'])
      .node('Gather', ['v', 'pick'], ['last']);
    const facts = inferShapes(g.model()).tensors;
    expect(facts.get('emb')?.shape).toEqual(['batch', 'seq', 16]);
    expect(facts.get('last')).toEqual({ dtype: 'int64', shape: [], value: [7] });
  });

  it('ConstantOfShape and Expand follow constant shape values', () => {
    const g = new GraphBuilder()
      .input('x', [4, 1])
      .ints('shape', [2, 4, 3])
      .node('ConstantOfShape', ['shape'], ['zeros'], { value: tensor('v', OnnxDataType.INT64, [1], [7]) })
      .node('Expand', ['x', 'shape'], ['e']);
    const facts = inferShapes(g.model()).tensors;
    expect(facts.get('zeros')?.shape).toEqual([2, 4, 3]);
    expect(facts.get('zeros')?.dtype).toBe('int64');
    expect(facts.get('e')?.shape).toEqual([2, 4, 3]);
  });
});
