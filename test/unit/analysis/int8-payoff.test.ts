/** The INT8 payoff explanation: categories of INT8 time, slower convolutions, and an end-to-end verdict. */
import { describe, expect, it } from 'vitest';
import {
  explainFloatIslands,
  explainInt8Payoff,
  explainRewrites,
  type EngineRun,
} from '../../../electron/core/analysis/int8-payoff';
import { summarize } from '../../../electron/core/model/statistics';
import type {
  EngineLayer,
  LayerTensor,
  Variant,
} from '../../../electron/core/model/types';
import { MERGED_OUTPUT_REASON, UNFUSABLE_REASON } from '../../../electron/core/precision/int8-qdq';

const tensor = (dims: number[]): LayerTensor => ({ name: 't', dims, dtype: 'float32' });

/** An INT8 variant with nothing kept in float, with the fields a test gives (its automatic choice, ...). */
const int8Variant = (fields: Partial<Variant>): Variant => ({
  id: 'int8-onnxruntime',
  precision: 'int8',
  modelSha256: '',
  recipe: {},
  notes: [],
  keptHigherPrecision: [],
  ...fields,
});
function layer(name: string, type: string, origins: string[], weight?: number[]): EngineLayer {
  return {
    name,
    type,
    precision: 'unknown',
    inputs: weight ? [tensor([1, 32, 8, 8]), tensor(weight)] : [tensor([1, 32, 8, 8])],
    outputs: [tensor([1, 32, 8, 8])],
    originNodes: origins,
    fused: false,
    tensorCores: null,
    reformat: false,
    profileIndex: 0,
  };
}

/** An engine run whose layers took `ms` each, and whose end-to-end median is `latencyMs`. */
function run(layers: [EngineLayer, number][], latencyMs?: number): EngineRun {
  return {
    engine: {
      id: 'e',
      backend: 'onnxruntime',
      precision: 'unknown',
      buildOptions: {},
      bindings: [],
      layers: layers.map(([l]) => l),
      detail: 'detailed',
      files: [],
      warnings: [],
    },
    profile: {
      id: 'p',
      engineId: 'e',
      backend: 'onnxruntime',
      batchSize: 1,
      iterations: 3,
      warmupIterations: 0,
      layers: layers.map(([l, ms]) => ({ name: l.name, stats: summarize([ms, ms, ms]), percentage: 0 })),
      ...(latencyMs === undefined ? {} : { latency: summarize([latencyMs, latencyMs, latencyMs]) }),
      stages: [],
      warnings: [],
    },
  };
}

const fp32 = (latency?: number) =>
  run(
    [
      [layer('conv_a', 'FusedConv', ['a'], [64, 32, 3, 3]), 4],
      [layer('conv_dw', 'FusedConv', ['dw'], [32, 1, 3, 3]), 1],
    ],
    latency,
  );

const int8 = (latency?: number) =>
  run(
    [
      [layer('q_in', 'QuantizeLinear', []), 0.5],
      [layer('qconv_a', 'QLinearConv', ['a'], [64, 32, 3, 3]), 1],
      [layer('qconv_dw', 'QLinearConv', ['dw'], [32, 1, 3, 3]), 1.5],
      [layer('reorder', 'ReorderOutput', []), 0.25],
      [layer('dq_out', 'DequantizeLinear', []), 0.25],
    ],
    latency,
  );

describe('explainInt8Payoff', () => {
  it('splits INT8 time by category and names the depthwise conv that got slower', () => {
    const sentences = explainInt8Payoff(fp32(), int8(), ['a', 'dw']);
    expect(sentences[0]).toBe(
      'INT8 per-node time 3.500 ms: int8 math 2.500 ms (71%), quantize/dequantize 0.750 ms (21%), layout reorders 0.250 ms (7%)',
    );
    expect(sentences).toContain('the convolutions take 2.500 ms in INT8 against 5.000 ms in FP32 (2.00x)');
    expect(
      sentences.some((s) =>
        s.startsWith('1 of 2 convolution kernels got slower in INT8 (0.500 ms lost): 1 depthwise'),
      ),
    ).toBe(true);
  });

  it('says INT8 pays when it is faster end to end', () => {
    const last = explainInt8Payoff(fp32(6), int8(4), ['a', 'dw']).at(-1)!;
    expect(last).toBe(
      'INT8 pays end to end (4.000 ms against 6.000 ms in FP32): the convolutions gained 2.500 ms, quantize/dequantize (0.750 ms) and layout reorders (0.250 ms) cost 1.000 ms',
    );
  });

  it('never says INT8 pays when it is slower end to end, and says where the gain went', () => {
    const last = explainInt8Payoff(fp32(6), int8(6.5), ['a', 'dw']).at(-1)!;
    expect(last).toMatch(/^INT8 does not pay end to end \(6\.500 ms against 6\.000 ms in FP32\)/);
    expect(last).toContain(
      'the rest of the run (float ops between quantized layers, scheduling) took the difference',
    );
  });

  it('calls a difference under 3% a tie, not a win', () => {
    expect(explainInt8Payoff(fp32(6), int8(5.9), ['a', 'dw']).at(-1)).toMatch(
      /^INT8 breaks even end to end \(5\.900 ms against 6\.000 ms in FP32, within 3%\)/,
    );
  });

  it('without end-to-end figures, the per-node balance decides', () => {
    expect(explainInt8Payoff(fp32(), int8(), ['a', 'dw']).at(-1)).toMatch(
      /^INT8 pays: the convolutions gained 2\.500 ms/,
    );
  });
});

describe('explainFloatIslands', () => {
  it('groups the weighted layers kept float by reason and tells the placement tried', () => {
    const variant = {
      id: 'int8-onnxruntime',
      precision: 'int8' as const,
      modelSha256: '',
      recipe: {},
      notes: [],
      keptHigherPrecision: [
        { node: 'stem/Conv', reason: 'network stem: raw-scale activations (kept in float for accuracy)' },
        { node: 'stem/Conv_1', reason: 'network stem: raw-scale activations (kept in float for accuracy)' },
        { node: 'head/Conv', reason: 'output layer: feeds a graph output (kept in float for accuracy)' },
        { node: 'Reshape_3', reason: 'input "shape" is not float32' },
        { node: 'post/Mul', reason: UNFUSABLE_REASON },
        { node: 'post/Concat', reason: UNFUSABLE_REASON },
        { node: 'head/Concat', reason: MERGED_OUTPUT_REASON },
      ],
      calibrationChoice: {
        chosen: 'minmax' as const,
        candidates: [],
        calibrationSamples: 32,
        heldOutSamples: 16,
        judgedOn: 'held-out' as const,
        placement: {
          chosen: 'stem and output head in float' as const,
          trials: [
            {
              placement: 'stem in INT8' as const,
              task: { kind: 'box-agreement' as const, value: 0.522 },
              cosine: 0.86,
              kept: false,
            },
          ],
        },
      },
    };
    const sentences = explainFloatIslands(variant, new Set(['stem/Conv', 'stem/Conv_1', 'head/Conv']));
    expect(sentences).toEqual([
      'weighted layers kept in float: 2 network stem; 1 output layer: each float island costs a dequantize before it and a quantize after it',
      "2 ops without weights left in float with no Q/DQ (a decode's arithmetic before an output, a scale before a float op): no INT8 op reads their output, so ONNX Runtime could not fuse them and Q/DQ around them would only add kernels",
      "1 op that merges tensors into a graph output (a head's concat of box offsets and scores) left in float: in INT8 every input would share one scale, so the scores would take the offsets' coarser step; it costs a dequantize per input",
      'placement chosen on held-out calibration samples: stem and output head in float (stem in INT8 lost accuracy (52.2%))',
    ]);
  });

  it('says how much faster or slower each placement ran than the float one, where runs were timed', () => {
    const trial = (placement: 'stem in INT8' | 'output head in INT8', value: number, latencyMs: number) => ({
      placement,
      task: { kind: 'box-agreement' as const, value },
      cosine: 0.9,
      latencyMs,
      kept: value >= 0.9,
    });
    const variant = int8Variant({
      calibrationChoice: {
        chosen: 'minmax' as const,
        candidates: [
          {
            method: 'minmax' as const,
            task: { kind: 'box-agreement' as const, value: 0.92 },
            cosine: 0.9,
            latencyMs: 5,
          },
        ],
        calibrationSamples: 32,
        heldOutSamples: 48,
        folds: 3,
        judgedOn: 'held-out' as const,
        placement: {
          chosen: 'output head in INT8' as const,
          trials: [trial('stem in INT8', 0.8, 5.5), trial('output head in INT8', 0.92, 4)],
        },
      },
    });
    expect(explainFloatIslands(variant, new Set())).toEqual([
      'placement chosen on held-out calibration samples: output head in INT8 (stem in INT8 lost accuracy (80.0%), 10% slower than in float (5.50 ms against 5.00 ms a run); output head in INT8 kept its accuracy, 20% faster than in float (4.00 ms against 5.00 ms a run))',
    ]);
  });
  it("gives each placement's paired loss against the float one, kept within the images' noise or not", () => {
    const trial = (
      placement: 'stem in INT8' | 'stem and output head in INT8',
      value: number,
      kept: boolean,
    ) => ({
      placement,
      task: { kind: 'box-agreement' as const, value },
      cosine: 0.9,
      loss: { value: 0.914 - value, standardError: 0.014 },
      kept,
    });
    const variant = int8Variant({
      calibrationChoice: {
        chosen: 'percentile' as const,
        candidates: [],
        calibrationSamples: 32,
        heldOutSamples: 48,
        folds: 3,
        judgedOn: 'held-out' as const,
        placement: {
          chosen: 'stem and output head in INT8' as const,
          trials: [trial('stem in INT8', 0.52, false), trial('stem and output head in INT8', 0.901, true)],
        },
      },
    });
    expect(explainFloatIslands(variant, new Set())).toEqual([
      'placement chosen on held-out calibration samples: stem and output head in INT8 (stem in INT8 lost accuracy (52.0%, 39.4 ± 1.4 points below); stem and output head in INT8 kept its accuracy (1.3 ± 1.4 points below))',
    ]);
  });
});

describe('explainRewrites', () => {
  it('says what a folded space-to-depth took in FP32 and that FP32 would gain it too', () => {
    const fp32 = run([
      [layer('Slice_4', 'Slice', ['Slice_4']), 0.25],
      [layer('Slice_9', 'Slice', ['Slice_9']), 0.25],
      [layer('Concat_40', 'Concat', ['Concat_40']), 0.5],
      // A kernel holding a removed node and a kept one is not counted as saved.
      [layer('fused', 'Conv', ['Conv_41', 'Slice_4']), 3],
      [layer('Conv_44', 'Conv', ['Conv_44']), 1],
    ]);
    const variant = int8Variant({
      rewrites: [
        {
          kind: 'space-to-depth folded',
          removed: ['Slice_4', 'Slice_9', 'Concat_40'],
          into: ['Conv_41'],
          note: 'space-to-depth (2 Slices and Concat_40) folded into Conv_41',
        },
      ],
    });
    expect(explainRewrites(variant, fp32)).toEqual([
      'space-to-depth (2 Slices and Concat_40) folded into Conv_41; in FP32 they took 1.000 ms (20% of its per-node time), which this engine does not spend. This is an exact rewrite, not quantization: the FP32 model would gain it too (lint sliced-space-to-depth)',
    ]);
    expect(explainRewrites({ ...variant, rewrites: undefined }, fp32)).toEqual([]);
  });
});
