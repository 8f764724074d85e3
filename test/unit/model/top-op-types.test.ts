import { describe, expect, it } from 'vitest';
import { topOpTypes } from '../../../electron/core/model/top-op-types';

// Per-op-type totals of mnist-8 as `trt-studio inspect --json` gives them (Conv FLOPs checked by hand:
// 2*(8*28*28*25 + 16*14*14*8*25) = 1,568,000).
const MNIST_COSTS = [
  { opType: 'Conv', count: 2, flops: 1_568_000, bytes: 60_736 },
  { opType: 'Relu', count: 2, flops: 9_408, bytes: 75_264 },
  { opType: 'MaxPool', count: 2, flops: 8_576, bytes: 44_928 },
  { opType: 'Gemm', count: 1, flops: 5_120, bytes: 11_344 },
  { opType: 'Reshape', count: 1, flops: 0, bytes: 2_064 },
];

describe('topOpTypes', () => {
  it('orders by FLOPs, drops op types without any, and gives each its share of the total', () => {
    const bars = topOpTypes(MNIST_COSTS, 'flops');
    expect(bars.map((bar) => bar.opType)).toEqual(['Conv', 'Relu', 'MaxPool', 'Gemm']);
    expect(bars[0]!.sharePercent).toBeCloseTo((100 * 1_568_000) / 1_591_104, 10);
  });

  it('orders by bytes moved and keeps at most `limit` bars', () => {
    const bars = topOpTypes(MNIST_COSTS, 'bytes', 2);
    expect(bars).toEqual([
      { opType: 'Relu', count: 2, value: 75_264, sharePercent: (100 * 75_264) / 194_336 },
      { opType: 'Conv', count: 2, value: 60_736, sharePercent: (100 * 60_736) / 194_336 },
    ]);
  });

  it('does not reorder the model it was given', () => {
    const costs = MNIST_COSTS.map((cost) => ({ ...cost }));
    topOpTypes(costs, 'bytes');
    expect(costs).toEqual(MNIST_COSTS);
  });
});
