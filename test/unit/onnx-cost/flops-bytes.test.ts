import { describe, expect, it } from 'vitest';
import { computeCosts } from '../../../electron/core/onnx/cost';
import { resolveCeilings } from '../../../electron/core/onnx/device-ceilings';
import { OnnxDataType } from '../../../electron/core/onnx/graph';
import { inferShapes } from '../../../electron/core/onnx/shapes/infer';
import { GraphBuilder } from '../onnx-shapes/graph-builder';

const h100 = resolveCeilings('h100');

function costsOf(builder: GraphBuilder, opset = 13) {
  const model = builder.model(opset);
  return computeCosts(model.graph, inferShapes(model).tensors, h100);
}

describe('FLOPs per node (2 x MACs)', () => {
  it('Conv: dense, grouped and depthwise', () => {
    const g = new GraphBuilder()
      .input('x', [1, 32, 56, 56])
      .weight('w', [64, 32, 3, 3])
      .weight('gw', [64, 8, 3, 3])
      .weight('dw', [32, 1, 3, 3])
      .node('Conv', ['x', 'w'], ['dense'], { pads: [1, 1, 1, 1] })
      .node('Conv', ['x', 'gw'], ['grouped'], { pads: [1, 1, 1, 1], group: 4 })
      .node('Conv', ['x', 'dw'], ['depthwise'], { pads: [1, 1, 1, 1], group: 32 });
    const { costs } = costsOf(g);
    expect(costs[0]?.flops).toBe(2 * 64 * 56 * 56 * 32 * 9); // 115,605,504
    expect(costs[1]?.flops).toBe(2 * 64 * 56 * 56 * 8 * 9); // a quarter of dense
    expect(costs[2]?.flops).toBe(2 * 32 * 56 * 56 * 1 * 9);
  });

  it('ConvTranspose: every input element scatters C_out/group x kernel products', () => {
    const g = new GraphBuilder()
      .input('x', [1, 16, 10, 10])
      .weight('w', [16, 8, 2, 2])
      .node('ConvTranspose', ['x', 'w'], ['y'], { strides: [2, 2] });
    expect(costsOf(g).costs[0]?.flops).toBe(2 * 16 * 100 * 8 * 4);
  });

  it('MatMul with batch and Gemm', () => {
    const g = new GraphBuilder()
      .input('q', [2, 12, 128, 64])
      .input('k', [2, 12, 64, 128])
      .input('a', [4, 256])
      .weight('b', [10, 256])
      .node('MatMul', ['q', 'k'], ['s'])
      .node('Gemm', ['a', 'b'], ['y'], { transB: 1 });
    const { costs } = costsOf(g);
    expect(costs[0]?.flops).toBe(2 * 2 * 12 * 128 * 128 * 64);
    expect(costs[1]?.flops).toBe(2 * 4 * 10 * 256);
  });

  it('elementwise, normalization, softmax, reduction and pools', () => {
    const g = new GraphBuilder()
      .input('x', [1, 8, 4, 4])
      .weight('s', [8])
      .node('Relu', ['x'], ['r'])
      .node('Add', ['x', 'r'], ['a'])
      .node('BatchNormalization', ['x', 's', 's', 's', 's'], ['bn'])
      .node('Softmax', ['x'], ['sm'], { axis: 1 })
      .node('ReduceMean', ['x'], ['mean'], { axes: [2, 3] })
      .node('MaxPool', ['x'], ['mp'], { kernel_shape: [2, 2], strides: [2, 2] })
      .node('GlobalAveragePool', ['x'], ['gap'])
      .node('Sum', ['x', 'x', 'x'], ['sum3']);
    const flops = costsOf(g, 11).costs.map((c) => c?.flops);
    expect(flops).toEqual([128, 128, 256, 640, 128, 32 * 4, 128, 256]);
  });

  it('data-movement ops cost bytes and no FLOPs, and are flagged', () => {
    const g = new GraphBuilder()
      .input('x', [2, 3, 4])
      .node('Transpose', ['x'], ['t'], { perm: [0, 2, 1] })
      .node('Relu', ['t'], ['y']);
    const { costs } = costsOf(g);
    expect(costs[0]).toMatchObject({
      flops: 0,
      dataMovement: true,
      activationBytesRead: 96,
      bytesWritten: 96,
      bound: 'memory',
    });
    expect(costs[1]?.dataMovement).toBe(false);
  });

  it('unknown ops keep their bytes but say their FLOPs are unknown', () => {
    const g = new GraphBuilder()
      .input('x', [4])
      .node('MyOp', ['x'], ['y'], {}, { domain: 'com.example' })
      .declare('y', [4]);
    expect(costsOf(g).costs[0]).toMatchObject({
      flops: 0,
      flopsUnknown: true,
      bound: 'unknown',
      bytesWritten: 16,
    });
  });

  it('a node with unknown shapes has no cost (null), not a guess', () => {
    const g = new GraphBuilder().input('x', ['n', 4]).node('Relu', ['x'], ['y']);
    expect(costsOf(g).costs).toEqual([null]);
  });
});

describe('bytes, intensity, bound', () => {
  it('separates activation and weight bytes at each dtype and computes intensity', () => {
    const g = new GraphBuilder()
      .input('x', [1, 256], OnnxDataType.FLOAT16)
      .weight('w', [256, 512], OnnxDataType.FLOAT16)
      .node('MatMul', ['x', 'w'], ['y']);
    const [cost] = costsOf(g).costs;
    const bytes = 256 * 2 + 256 * 512 * 2 + 512 * 2;
    expect(cost).toMatchObject({
      activationBytesRead: 512,
      weightBytesRead: 262144,
      bytesWritten: 1024,
      precision: 'fp16',
    });
    expect(cost?.intensity).toBeCloseTo((2 * 256 * 512) / bytes, 12);
    // ~1 FLOP/byte against an H100 FP16 ridge of 989.5e12 / 3.35e12 = 295: memory-bound.
    expect(cost?.bound).toBe('memory');
  });

  it('a large GEMM is compute-bound; the roof follows the precision', () => {
    const g = new GraphBuilder()
      .input('a', [4096, 4096])
      .weight('b', [4096, 4096])
      .node('MatMul', ['a', 'b'], ['c']);
    const [cost] = costsOf(g).costs;
    // 2*4096^3 / (3 * 4096^2 * 4) = 682 FLOP/byte > FP32 ridge 67e12/3.35e12 = 20.
    expect(cost?.intensity).toBeCloseTo(4096 / 6, 6);
    expect(cost).toMatchObject({ precision: 'fp32', bound: 'compute' });
  });

  it('Conv fed by DequantizeLinear is judged as INT8', () => {
    const g = new GraphBuilder()
      .input('x', [1, 16, 8, 8])
      .weight('scale', [], OnnxDataType.FLOAT, [0.02])
      .weight('zp', [], OnnxDataType.INT8, [0])
      .weight('w', [16, 16, 3, 3])
      .node('QuantizeLinear', ['x', 'scale', 'zp'], ['q'])
      .node('DequantizeLinear', ['q', 'scale', 'zp'], ['dq'])
      .node('Conv', ['dq', 'w'], ['y']);
    expect(costsOf(g).costs[2]?.precision).toBe('int8');
  });

  it('folds nodes whose inputs are all constant (ConstantOfShape weights, Shape of a static tensor)', () => {
    const g = new GraphBuilder()
      .input('x', [1, 4, 8, 8])
      .ints('wshape', [4, 4, 1, 1])
      .node('ConstantOfShape', ['wshape'], ['w'])
      .node('Conv', ['x', 'w'], ['y'])
      .node('Shape', ['y'], ['s'])
      .node('Reshape', ['y', 's'], ['z']);
    const { costs, constants, totals } = costsOf(g);
    expect(costs[0]).toMatchObject({ folded: true, flops: 0, bytesWritten: 0 });
    expect(costs[2]?.folded).toBe(true);
    expect(constants.has('w') && constants.has('s')).toBe(true);
    expect(costs[1]).toMatchObject({ weightBytesRead: 64, activationBytesRead: 1024, flops: 2 * 4 * 64 * 4 });
    expect(costs[3]).toMatchObject({ activationBytesRead: 1024, weightBytesRead: 32, bytesWritten: 1024 });
    expect(totals).toEqual({ flops: 2048, bytesMoved: 1024 + 64 + 1024 + 1024 + 32 + 1024, weightBytes: 96 });
  });

  it('aggregates per op type, by FLOPs then bytes', () => {
    const g = new GraphBuilder()
      .input('x', [1, 8])
      .weight('w', [8, 8])
      .node('MatMul', ['x', 'w'], ['a'])
      .node('Relu', ['a'], ['b'])
      .node('MatMul', ['b', 'w'], ['c'])
      .node('Reshape', ['c', 'shape'], ['d'])
      .ints('shape', [8]);
    expect(costsOf(g).opTypeCosts).toEqual([
      { opType: 'MatMul', count: 2, flops: 256, bytes: 2 * (32 + 256 + 32) },
      { opType: 'Relu', count: 1, flops: 8, bytes: 64 },
      { opType: 'Reshape', count: 1, flops: 0, bytes: 32 + 8 + 32 },
    ]);
  });

  it('an embedding Gather reads the rows it picks, not the whole table', () => {
    const g = new GraphBuilder()
      .input('ids', [1, 16], OnnxDataType.INT64)
      .weight('table', [30000, 64])
      .node('Gather', ['table', 'ids'], ['rows']);
    const cost = costsOf(g).costs[0]!;
    // 16 rows x 64 floats = 4096 bytes of the 7.68 MB table; the ids are 16 int64 = 128 bytes.
    expect(cost.weightBytesRead).toBe(16 * 64 * 4);
    expect(cost.activationBytesRead).toBe(16 * 8);
    expect(cost.bytesWritten).toBe(16 * 64 * 4);
  });
});
