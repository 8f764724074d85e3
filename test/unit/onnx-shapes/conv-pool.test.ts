import { describe, expect, it } from 'vitest';
import { inferShapes } from '../../../electron/core/onnx/shapes/infer';
import { GraphBuilder } from './graph-builder';

function shapeOf(builder: GraphBuilder, tensorName: string, opset = 13): unknown {
  return inferShapes(builder.model(opset)).tensors.get(tensorName)?.shape;
}

describe('Conv shapes', () => {
  it('applies pads, strides and dilations: floor((in + pads - dil*(k-1) - 1)/stride) + 1', () => {
    const g = new GraphBuilder()
      .input('x', [2, 3, 224, 224])
      .weight('w', [64, 3, 7, 7])
      .node('Conv', ['x', 'w'], ['y'], { strides: [2, 2], pads: [3, 3, 3, 3] })
      .node('Conv', ['x', 'w'], ['z'], { dilations: [2, 2], pads: [0, 0, 0, 0] });
    // (224 + 6 - 6 - 1)/2 + 1 = 112 ; (224 - 2*6 - 1)/1 + 1 = 212
    expect(shapeOf(g, 'y')).toEqual([2, 64, 112, 112]);
    expect(shapeOf(g, 'z')).toEqual([2, 64, 212, 212]);
  });

  it('handles groups and depthwise weights (output channels from the weight)', () => {
    const g = new GraphBuilder()
      .input('x', [1, 32, 56, 56])
      .weight('dw', [32, 1, 3, 3])
      .weight('gw', [64, 8, 1, 1])
      .node('Conv', ['x', 'dw'], ['d'], { group: 32, pads: [1, 1, 1, 1], strides: [2, 2] })
      .node('Conv', ['x', 'gw'], ['g'], { group: 4 });
    expect(shapeOf(g, 'd')).toEqual([1, 32, 28, 28]);
    expect(shapeOf(g, 'g')).toEqual([1, 64, 56, 56]);
  });

  it('honours auto_pad SAME_UPPER (ceil(in/stride)) and VALID', () => {
    const g = new GraphBuilder()
      .input('x', [1, 1, 28, 27])
      .weight('w', [8, 1, 5, 5])
      .node('Conv', ['x', 'w'], ['same'], { auto_pad: 'SAME_UPPER', strides: [2, 2] })
      .node('Conv', ['x', 'w'], ['valid'], { auto_pad: 'VALID' });
    expect(shapeOf(g, 'same')).toEqual([1, 8, 14, 14]);
    expect(shapeOf(g, 'valid')).toEqual([1, 8, 24, 23]);
  });

  it('keeps a symbolic batch and leaves symbolic spatial dims unknown', () => {
    const g = new GraphBuilder()
      .input('x', ['N', 3, 'H', 64])
      .weight('w', [16, 3, 3, 3])
      .node('Conv', ['x', 'w'], ['y']);
    expect(shapeOf(g, 'y')).toEqual(['N', 16, null, 62]);
  });

  it('ConvTranspose: stride*(in-1) + output_padding + (k-1)*dil + 1 - pads, channels = W[1]*group', () => {
    const g = new GraphBuilder()
      .input('x', [1, 16, 10, 10])
      .weight('w', [16, 4, 4, 4])
      .node('ConvTranspose', ['x', 'w'], ['y'], { strides: [2, 2], pads: [1, 1, 1, 1], group: 2 })
      .node('ConvTranspose', ['x', 'w'], ['z'], { strides: [2, 2], output_padding: [1, 1] })
      .node('ConvTranspose', ['x', 'w'], ['e'], { output_shape: [21, 23] });
    expect(shapeOf(g, 'y')).toEqual([1, 8, 20, 20]); // 2*9 + 3 + 1 - 2
    expect(shapeOf(g, 'z')).toEqual([1, 4, 23, 23]); // 2*9 + 1 + 3 + 1
    expect(shapeOf(g, 'e')).toEqual([1, 4, 21, 23]);
  });
});

describe('pool shapes', () => {
  it('MaxPool floor vs ceil_mode, with pads, and its int64 indices output', () => {
    const g = new GraphBuilder()
      .input('x', [1, 64, 112, 112])
      .node('MaxPool', ['x'], ['floor'], { kernel_shape: [3, 3], strides: [2, 2] })
      .node('MaxPool', ['x'], ['ceil', 'idx'], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 })
      .node('MaxPool', ['x'], ['padded'], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] });
    const facts = inferShapes(g.model()).tensors;
    expect(facts.get('floor')?.shape).toEqual([1, 64, 55, 55]); // floor(109/2)+1
    expect(facts.get('ceil')?.shape).toEqual([1, 64, 56, 56]); // ceil(109/2)+1
    expect(facts.get('idx')).toEqual({ dtype: 'int64', shape: [1, 64, 56, 56] });
    expect(facts.get('padded')?.shape).toEqual([1, 64, 56, 56]);
  });

  it('ceil_mode drops a last window that would start in the end padding', () => {
    // in 5, k 2, s 2, pads 1/1: ceil((5+2-2)/2)+1 = 4, but window 4 starts at 6 >= 5+1 -> 3.
    const g = new GraphBuilder().input('x', [1, 1, 5, 5]).node('AveragePool', ['x'], ['y'], {
      kernel_shape: [2, 2],
      strides: [2, 2],
      pads: [1, 1, 1, 1],
      ceil_mode: 1,
    });
    expect(shapeOf(g, 'y')).toEqual([1, 1, 3, 3]);
  });

  it('SAME_UPPER pools and global pools', () => {
    const g = new GraphBuilder()
      .input('x', ['B', 8, 13, 13])
      .node('MaxPool', ['x'], ['same'], { kernel_shape: [5, 5], auto_pad: 'SAME_UPPER' })
      .node('GlobalAveragePool', ['x'], ['gap'])
      .node('GlobalMaxPool', ['x'], ['gmp']);
    expect(shapeOf(g, 'same')).toEqual(['B', 8, 13, 13]);
    expect(shapeOf(g, 'gap')).toEqual(['B', 8, 1, 1]);
    expect(shapeOf(g, 'gmp')).toEqual(['B', 8, 1, 1]);
  });
});
