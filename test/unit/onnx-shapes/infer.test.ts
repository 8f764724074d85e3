import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../electron/core/errors';
import { OnnxDataType } from '../../../electron/core/onnx/graph';
import { inferShapes } from '../../../electron/core/onnx/shapes/infer';
import { GraphBuilder } from './graph-builder';

function twoInputModel(): GraphBuilder {
  return new GraphBuilder()
    .input('ids', ['batch', 'seq'], OnnxDataType.INT64)
    .input('mask', ['batch', 'seq'], OnnxDataType.INT64)
    .node('Add', ['ids', 'mask'], ['sum'])
    .output('sum', ['batch', 'seq'], OnnxDataType.INT64);
}

describe('inferShapes: declared shapes and overrides', () => {
  it('reports dynamic inputs and keeps symbols when no shape is given', () => {
    const result = inferShapes(twoInputModel().model());
    expect(result.dynamicInputs.map((d) => d.name)).toEqual(['ids', 'mask']);
    expect(result.tensors.get('sum')?.shape).toEqual(['batch', 'seq']);
    expect(result.unknownShapeNodes).toEqual([]); // symbolic is not unknown
  });

  it('an override on one input pins its symbols everywhere they appear', () => {
    const result = inferShapes(twoInputModel().model(), { ids: [4, 128] });
    expect(result.dynamicInputs).toEqual([]);
    expect(result.tensors.get('mask')?.shape).toEqual([4, 128]);
    expect(result.tensors.get('sum')?.shape).toEqual([4, 128]);
    expect(result.symbolBindings.get('seq')).toBe(128);
  });

  it('rejects overrides that name no input, change the rank, contradict a fixed dim or a symbol', () => {
    const fixed = new GraphBuilder().input('x', [1, 3, 'h', 'h']).weight('w', [2]).node('Relu', ['x'], ['y']);
    const attempt = (overrides: Record<string, number[]>) => () => inferShapes(fixed.model(), overrides);
    expect(attempt({ images: [1, 3, 8, 8] })).toThrow(
      /--shape names "images", which is not an input of the model \(inputs: x\)/,
    );
    expect(attempt({ w: [2] })).toThrow(/not an input/); // an initializer is not an input
    expect(attempt({ x: [1, 3, 8] })).toThrow(/rank 4/);
    expect(attempt({ x: [1, 4, 8, 8] })).toThrow(/dimension 1 is fixed at 3/);
    expect(attempt({ x: [1, 3, 8, 9] })).toThrow(/symbol "h" to both 8 and 9/);
    expect(attempt({ x: [1, 3, 0, 0] })).toThrow(/positive integers/);
    try {
      attempt({ x: [1, 3, 8] })();
    } catch (error) {
      expect(error).toBeInstanceOf(StudioError);
      expect((error as StudioError).file).toBe('/models/test.onnx');
    }
  });

  it('absurd dimensions are a StudioError naming the file and the tensor', () => {
    const negative = new GraphBuilder().input('x', [1, -3]).node('Relu', ['x'], ['y']);
    expect(() => inferShapes(negative.model())).toThrow(
      /\/models\/test\.onnx: tensor "x" \(graph input\) has dimension -3/,
    );
    const huge = new GraphBuilder().input('x', [1 << 20, 1 << 20, 1 << 10]).node('Relu', ['x'], ['y']);
    expect(() => inferShapes(huge.model())).toThrow(/tensor "x" \(graph input\) has absurd dimensions/);
    // A kernel larger than the padded input gives a negative output dim: named, not propagated.
    const conv = new GraphBuilder()
      .input('x', [1, 1, 2, 2])
      .weight('w', [1, 1, 5, 5])
      .node('Conv', ['x', 'w'], ['y'], {}, { name: 'c' });
    expect(() => inferShapes(conv.model())).toThrow(
      /tensor "y" \(output of Conv node "c"\) has dimension -2/,
    );
  });

  it('lists nodes it cannot infer, uses value_info where given, and runs unsorted graphs in dependency order', () => {
    const g = new GraphBuilder()
      .input('x', [2, 8])
      .node('Relu', ['mid'], ['out'], {}, { name: 'after' }) // consumer listed before its producer
      .node('MyCustomOp', ['x'], ['mid'], {}, { name: 'custom', domain: 'com.example' })
      .node('MyOtherOp', ['out'], ['lost'], {}, { name: 'other', domain: 'com.example' })
      .declare('mid', [2, 16]);
    const result = inferShapes(g.model());
    expect(result.tensors.get('mid')?.shape).toEqual([2, 16]);
    expect(result.tensors.get('out')?.shape).toEqual([2, 16]);
    expect(result.tensors.has('lost')).toBe(false);
    expect(result.unknownShapeNodes).toEqual([2]);
  });

  it('keeps initializers as inputs of old exporters (opset 7) out of the dynamic inputs', () => {
    const g = new GraphBuilder()
      .input('x', [1, 4])
      .input('w', [4, 2])
      .weight('w', [4, 2])
      .node('MatMul', ['x', 'w'], ['y']);
    const result = inferShapes(g.model(7));
    expect(result.dynamicInputs).toEqual([]);
    expect(result.tensors.get('y')?.shape).toEqual([1, 2]);
  });
});
