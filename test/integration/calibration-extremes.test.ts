/**
 * Minmax calibration reduces each tensor to its extremes inside ONNX Runtime (ReduceMin/ReduceMax)
 * after the first sample; the ranges must be exactly those of scanning every whole tensor, which is
 * what the histogram pass (percentile, entropy) still does. Checked on two real models with real images.
 */
import { describe, expect, it } from 'vitest';
import { readOnnx } from '../../electron/core/onnx/reader';
import { loadCalibrationSource } from '../../electron/core/pipeline/input-source';
import { modelInputs } from '../../electron/core/pipeline/model-inputs';
import { collectStatistics } from '../../electron/core/profiling/collect-ranges';
import { exposeExtremes } from '../../electron/core/precision/expose-extremes';
import { fixture } from '../helpers/fixtures';

const CALIB = `images:${fixture('images', 'coco-calib')}`;

describe('minmax calibration through the runtime’s own reductions', () => {
  it.each([
    ['mobilenet_v2_128_0.5.onnx', {}],
    ['yolox_nano_416.onnx', { scale: 1, resize: 'letterbox' as const, channelOrder: 'bgr' as const }],
  ])('%s: the same extremes as scanning whole tensors, for every tensor', async (file, image) => {
    const model = readOnnx(fixture('models', file));
    const source = () => loadCalibrationSource(CALIB, modelInputs(model), { image, limit: 6 });
    const seen: number[] = [];
    const [reduced] = await collectStatistics(model, source(), {
      withHistograms: false,
      threads: 1,
      onSample: (index, _feeds, outputs) => {
        // The model's own outputs still reach the caller (the calibration choice judges on them).
        for (const output of model.graph.outputs) expect(outputs[output.name]).toBeDefined();
        seen.push(index);
      },
    });
    const [whole] = await collectStatistics(model, source(), { withHistograms: true, threads: 1 });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(reduced!.samples).toBe(6);
    expect(reduced!.extremes.size).toBeGreaterThan(50);
    expect(Object.fromEntries(reduced!.extremes)).toEqual(Object.fromEntries(whole!.extremes));
  });

  it('adds two scalar outputs per tensor and leaves the model it was given unchanged', () => {
    const model = readOnnx(fixture('models', 'mobilenet_v2_128_0.5.onnx'));
    const nodes = model.graph.nodes.length;
    const tensor = model.graph.nodes[3]!.outputs[0]!;
    const { model: reduced, outputs } = exposeExtremes(model, [tensor]);
    expect(model.graph.nodes).toHaveLength(nodes);
    expect(reduced.graph.nodes.slice(nodes).map((n) => [n.opType, n.inputs])).toEqual([
      ['ReduceMin', [tensor]],
      ['ReduceMax', [tensor]],
    ]);
    const names = outputs.get(tensor)!;
    expect(reduced.graph.outputs.map((o) => o.name).slice(-2)).toEqual([names.min, names.max]);
  });
});
