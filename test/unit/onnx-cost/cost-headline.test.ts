/**
 * The cost headline says what its totals leave out and how to fix it: unknown shapes (with the
 * --shape to give, or --run-shapes), nodes without a FLOP formula, and a graph that folds away whole.
 */
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../../electron/core/onnx/analyze';
import { costHeadline, RUN_SHAPES_HINT } from '../../../electron/core/model/cost-headline';
import { OnnxDataType } from '../../../electron/core/onnx/graph';
import { inspectModel } from '../../../electron/core/onnx/inspect-model';
import { fixture } from '../../helpers/fixtures';
import { GraphBuilder } from '../onnx-shapes/graph-builder';

const model = (name: string, shapes?: Record<string, number[]>) =>
  inspectModel(fixture('models', name), { shapes });

function analyzed(
  builder: GraphBuilder,
  executedShapes?: Record<string, { dims: number[]; dtype: 'float32' }>,
) {
  return analyzeModel(builder.model(13), { sha256: '0', sourcePath: 'hand-built.onnx', executedShapes });
}

describe('cost headline', () => {
  it('MobileNetV2 with its batch unset: every node unknown, because of the input, and the --shape to give', () => {
    const headline = costHeadline(model('mobilenet_v2_128_0.5.onnx'));
    expect(headline.flops).toBe(0);
    expect(headline.unknownShapeNodes).toBe(113);
    expect(headline.caveats[0]).toBe(
      'costs unknown for 113 of 113 nodes because their shapes are: input "input_1:0" [unk__150, 3, 128, 128] ' +
        'has no fixed shape; the totals leave them out',
    );
    expect(headline.fix).toBe(
      `--shape input_1:0:1x3x128x128 (the shape you deploy with), then ${RUN_SHAPES_HINT} for any node still unknown`,
    );
  });

  it('the same model with --shape: costed whole, nothing to say', () => {
    const headline = costHeadline(model('mobilenet_v2_128_0.5.onnx', { 'input_1:0': [1, 3, 128, 128] }));
    expect(headline.unknownShapeNodes).toBe(0);
    expect(headline.caveats).toEqual([]);
    expect(headline.fix).toBeUndefined();
    expect(headline.costedNodes).toBe(113);
    // 37.88 MFLOPs: the figure `inspect` prints for this model at 1x3x128x128.
    expect(headline.flops / 1e6).toBeCloseTo(37.88, 2);
  });

  it('a symbolic non-batch dim is named for the user to fill in (attention head: [sequence_len, batch, 100])', () => {
    const headline = costHeadline(model('attention_head_polygraphy.onnx'));
    expect(headline.fix).toContain('--shape input:1x<batch>x100');
    expect(headline.caveats[0]).toMatch(
      /^costs unknown for 7 of 7 nodes because their shapes are: input "input"/,
    );
  });

  it('static inputs but an op static inference has no rule for: the fix is --run-shapes', () => {
    const builder = new GraphBuilder()
      .input('x', [1, 8])
      .node('Relu', ['x'], ['r'])
      .node('Mystery', ['r'], ['y'], {}, { domain: 'my.ops' })
      .node('Relu', ['y'], ['z'])
      .output('z');
    const headline = costHeadline(analyzed(builder));
    expect(headline.unknownShapeNodes).toBe(2);
    expect(headline.caveats[0]).toBe(
      'costs unknown for 2 of 3 nodes because their shapes are: static inference cannot tell them (Mystery, Relu); ' +
        'the totals leave them out',
    );
    expect(headline.fix).toBe(RUN_SHAPES_HINT);
  });

  it('measured shapes cost the custom op by its bytes and say its FLOPs are not counted', () => {
    const builder = new GraphBuilder()
      .input('x', [1, 8])
      .node('Mystery', ['x'], ['y'], {}, { domain: 'my.ops' })
      .node('Relu', ['y'], ['z'])
      .output('z');
    const headline = costHeadline(analyzed(builder, { y: { dims: [1, 8], dtype: 'float32' } }));
    expect(headline.unknownShapeNodes).toBe(0);
    expect(headline.flopsUnknownNodes).toBe(1);
    expect(headline.flops).toBe(8); // the Relu
    expect(headline.caveats).toEqual([
      'FLOPs not counted for 1 node(s) whose op has no FLOP formula here (Mystery); their bytes are counted',
    ]);
  });

  it('a graph of constants only says it folds away whole', () => {
    const builder = new GraphBuilder()
      .floats('a', [1, 2, 3, 4])
      .floats('b', [4, 3, 2, 1])
      .node('Add', ['a', 'b'], ['c'])
      .node('Relu', ['c'], ['y'])
      .output('y', [4], OnnxDataType.FLOAT);
    const headline = costHeadline(analyzed(builder));
    expect(headline.foldedNodes).toBe(2);
    expect(headline.costedNodes).toBe(0);
    expect(headline.caveats).toEqual([
      'all 2 nodes are constant-folded (every input is a weight or a constant): TensorRT computes them at ' +
        'build time, so nothing runs at inference and the totals are 0',
    ]);
  });
});
