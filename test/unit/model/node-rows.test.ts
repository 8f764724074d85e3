import { describe, expect, it } from 'vitest';
import { modelNodeRows } from '../../../electron/core/model/node-rows';
import { inspectModel } from '../../../electron/core/onnx/inspect-model';
import { fixture } from '../../helpers/fixtures';

describe('modelNodeRows', () => {
  const model = inspectModel(fixture('models', 'mnist-8_opt_wonnx.onnx'));
  const rows = modelNodeRows(model);

  it('gives every node its output shape, cost and bound, in graph order', () => {
    expect(rows).toHaveLength(model.nodes.length);
    const conv = rows.find((row) => row.name === 'Convolution28')!;
    // 8 output channels of 28x28, 5x5 kernel over 1 input channel, multiply-add = 2.
    expect(conv).toMatchObject({
      opType: 'Conv',
      outputShapes: '[1, 8, 28, 28]',
      flops: 2 * 8 * 28 * 28 * 25,
    });
    const cost = model.costs[conv.index]!;
    expect(conv.bytes).toBe(cost.activationBytesRead + cost.weightBytesRead + cost.bytesWritten);
    expect(conv.intensity).toBeCloseTo(conv.flops! / conv.bytes!, 6);
    expect(['compute', 'memory']).toContain(conv.bound);
    expect(rows.map((row) => row.index)).toEqual(model.nodes.map((_node, index) => index));
  });

  it('lists the lints that name a node on its row', () => {
    const named = model.lints.flatMap((lint) => lint.nodes.map((node) => [node, lint.id] as const));
    expect(named.length).toBeGreaterThan(0);
    for (const [node, id] of named) {
      expect(rows.find((row) => row.name === node)!.lints.map((lint) => lint.id)).toContain(id);
    }
  });

  it('keeps costs null where shapes are unknown', () => {
    const open = modelNodeRows(inspectModel(fixture('models', 'mobilenet_v2_128_0.5.onnx')));
    expect(open.every((row) => row.flops === null && row.bytes === null && row.bound === 'not costed')).toBe(
      true,
    );
  });
});
