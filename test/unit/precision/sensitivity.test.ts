/**
 * Layer sensitivity on a hand-built chain of three convolutions, one of which has a weight outlier
 * 2000 times its other weights: with one INT8 scale for that weight tensor, every other weight of the
 * layer rounds to zero, so quantizing that layer alone must hurt most, and keeping it float must say so.
 */
import { describe, expect, it } from 'vitest';
import { CancelledError, type ProgressEvent } from '../../../electron/core/model/progress';
import type { NamedTensor } from '../../../electron/core/model/tensor';
import { OnnxDataType, type OnnxModel, type OnnxTensor } from '../../../electron/core/onnx/graph';
import { modelInputs } from '../../../electron/core/pipeline/model-inputs';
import { loadCalibrationSource } from '../../../electron/core/pipeline/input-source';
import { tensorFromArray } from '../../../electron/core/precision/graph-edit';
import { makeInt8Variant, type Int8Options } from '../../../electron/core/precision/int8-qdq';
import { collectRanges } from '../../../electron/core/profiling/collect-ranges';
import { keepMostSensitive } from '../../../electron/core/precision/keep-sensitive';
import { rankLayerSensitivity } from '../../../electron/core/profiling/sensitivity';
import { op, tinyModel, value } from './tiny-models';

const CHANNELS = 4;

/** Weights in +-(0.3..0.7); `dead` zeroes output channel 0, `outlier` sets w[0][0] to 1000. */
function convWeight(name: string, seed: number, change?: 'dead' | 'outlier'): OnnxTensor {
  const values = Float32Array.from({ length: CHANNELS * CHANNELS }, (_, i) => {
    const s = Math.sin(seed * 3.7 + i * 1.9);
    return Math.sign(s) * (0.3 + 0.4 * Math.abs(s));
  });
  if (change === 'dead') values.fill(0, 0, CHANNELS);
  if (change === 'outlier') values[0] = 1000;
  return tensorFromArray(name, OnnxDataType.FLOAT, [CHANNELS, CHANNELS, 1, 1], values);
}

/**
 * x -> Conv a -> Relu -> Conv b -> Relu -> Conv c -> y. `b` carries the outlier; it reads channel 0 of
 * `a`, which is dead (always 0, as pruned or dead-ReLU channels are in real networks), so in FP32 it
 * adds nothing, while in INT8 its scale wipes out b's other weights.
 */
function chain(): OnnxModel {
  const dims = [1, CHANNELS, 6, 6];
  return tinyModel(
    13,
    [
      { ...op('Conv', ['x', 'wa'], ['a']), name: 'conv_a' },
      op('Relu', ['a'], ['ra']),
      { ...op('Conv', ['ra', 'wb'], ['b']), name: 'conv_b' },
      op('Relu', ['b'], ['rb']),
      { ...op('Conv', ['rb', 'wc'], ['y']), name: 'conv_c' },
    ],
    [value('x', dims)],
    [value('y', dims)],
    { initializers: [convWeight('wa', 1, 'dead'), convWeight('wb', 2, 'outlier'), convWeight('wc', 3)] },
  );
}

// Per-tensor weight scales, and the last conv quantized too (it would be the kept output head).
const OPTIONS: Int8Options = { target: 'onnxruntime', perChannel: false, keepOutputHeadsFloat: false };

async function setUp() {
  const model = chain();
  const inputs = modelInputs(model);
  const ranges = await collectRanges(model, loadCalibrationSource('random:8', inputs), { method: 'minmax' });
  const evaluation: Record<string, NamedTensor>[] = [];
  for await (const sample of loadCalibrationSource('random:2', inputs, { seed: 99 }).samples())
    evaluation.push(sample.feeds);
  return { model, ranges, evaluation };
}

describe('INT8 layer sensitivity', () => {
  it('ranks the layer with a weight outlier most sensitive, and keeps it float with the measured reason', async () => {
    const { model, ranges, evaluation } = await setUp();
    const events: ProgressEvent[] = [];
    const ranked = await rankLayerSensitivity(model, ranges, OPTIONS, evaluation, {}, (e) => events.push(e));
    expect(ranked.map((r) => r.node)).toHaveLength(3);
    expect(ranked[0]!.node).toBe('conv_b');
    expect(ranked[0]!.opType).toBe('Conv');
    // Its other weights (|w| 0.3..0.7) fall below half a step (1000 / 127 / 2): the layer computes one product.
    expect(ranked[0]!.cosine).toBeLessThan(0.9);
    for (const row of ranked.slice(1)) {
      expect(row.cosine).toBeGreaterThan(0.99);
      expect(row.snrDb).toBeGreaterThan(ranked[0]!.snrDb);
    }
    expect(events.map((e) => e.stage)).toEqual(Array(4).fill('sensitivity'));
    expect(events.at(-1)!.fraction).toBe(1);

    const { variant } = makeInt8Variant(model, ranges, {
      ...OPTIONS,
      keepFloat: keepMostSensitive(ranked, 1),
    });
    const kept = variant.keptHigherPrecision.find((k) => k.node === 'conv_b');
    expect(kept?.reason).toMatch(
      /^sensitive: quantizing it alone drops output cosine to 0\.\d{4} .*rank 1 of 3/,
    );
    expect(variant.notes.some((n) => n.startsWith('2 nodes quantized (Conv 2'))).toBe(true);
  });

  it('all-but-one mode ranks the same layer first (keeping it float recovers the most)', async () => {
    const { model, ranges, evaluation } = await setUp();
    const ranked = await rankLayerSensitivity(model, ranges, OPTIONS, evaluation, { mode: 'all-but-one' });
    expect(ranked[0]!.node).toBe('conv_b');
    expect(ranked[0]!.cosine).toBeGreaterThan(ranked[1]!.cosine);
  });

  it('stops between layers when cancelled', async () => {
    const { model, ranges, evaluation } = await setUp();
    const controller = new AbortController();
    const run = rankLayerSensitivity(
      model,
      ranges,
      OPTIONS,
      evaluation,
      {},
      (e) => {
        if (e.fraction !== null && e.fraction > 0) controller.abort();
      },
      controller.signal,
    );
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });
});
