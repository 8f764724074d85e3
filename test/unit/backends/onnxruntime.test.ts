import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../../electron/core/model/progress';
import type { PreparedEngine } from '../../../electron/core/backends/backend';
import { writeSymbolicBatchModel } from '../../../electron/core/backends/batch-override';
import { OnnxRuntimeBackend } from '../../../electron/core/backends/onnxruntime';
import { seededInput } from '../../../electron/core/model/tensor';
import { StudioError } from '../../../electron/core/errors';
import type { Variant } from '../../../electron/core/model/types';
import { readOnnx } from '../../../electron/core/onnx/reader';
import { fixture } from '../../helpers/fixtures';

const models = fixture('models');
const mobilenet = path.join(models, 'mobilenet_v2_128_0.5.onnx');

function variant(precision: Variant['precision']): Variant {
  return { id: precision, precision, modelSha256: '', recipe: {}, keptHigherPrecision: [], notes: [] };
}

const backend = new OnnxRuntimeBackend();
const noProgress = () => {};

describe('OnnxRuntimeBackend on MobileNetV2 (tf2onnx, 113 nodes)', () => {
  let engine: PreparedEngine;
  beforeAll(async () => {
    engine = await backend.prepare(variant('fp32'), mobilenet, { threads: 2 }, noProgress);
  });
  afterAll(() => backend.release(engine));

  it('accounts for every original node exactly once: in a kernel or as removed', () => {
    const original = readOnnx(mobilenet).graph.nodes.map((n) => n.name);
    expect(original).toHaveLength(113);
    const held = engine.engine.layers.flatMap((l) => l.originNodes);
    expect(new Set(held).size).toBe(held.length);
    for (const name of held) expect(original).toContain(name);
  });

  it('records the Conv + BatchNorm + Clip fusions ORT made (read by hand from its optimized graph)', () => {
    // ORT's optimized graph has the NCHWc Conv ".../LAYER_10/Relu6:0_nchwc" fed by LAYER_7's output:
    // it holds the 1x1 Conv LAYER_8, the BatchNormalization LAYER_9 and the Clip (ReLU6) LAYER_10.
    const layer = engine.engine.layers.find((l) => l.name.endsWith('LAYER_10/Relu6:0_nchwc'))!;
    expect(layer.fused).toBe(true);
    expect(layer.originNodes.map((n) => n.split('/').slice(-2).join('/'))).toEqual([
      'LAYER_8/Conv2D',
      'LAYER_9/FusedBatchNormV3',
      'LAYER_10/Relu6',
    ]);
    const reorders = engine.engine.layers.filter((l) => l.type === 'ReorderOutput');
    expect(reorders.length).toBeGreaterThan(0);
    for (const r of reorders) expect(r).toMatchObject({ reformat: true, originNodes: [] });
  });

  it('profiles: per-node samples per run, stats, sums against the run, unprofiled latency', async () => {
    const { profile } = await backend.profile(engine, { iterations: 12, warmupIterations: 2 }, noProgress);
    expect(profile.iterations).toBe(12);
    expect(profile.latency!.count).toBe(12);
    expect(profile.latency!.cv).toBeGreaterThanOrEqual(0);
    expect(profile.layers.length).toBe(engine.engine.layers.length);
    for (const layer of profile.layers) {
      expect(layer.samplesMs).toHaveLength(12);
      expect(layer.stats.count).toBe(12);
      expect(layer.stats.cv).not.toBeNull();
      expect(layer.layerIndex).toBeDefined();
    }
    const meanSum = profile.layers.reduce((s, l) => s + l.stats.meanMs, 0);
    expect(profile.layerSumMs).toBeCloseTo(meanSum, 9);
    expect(profile.layers.reduce((s, l) => s + l.percentage, 0)).toBeCloseTo(100, 6);
    expect(profile.throughputQps).toBeGreaterThan(0);
  });

  it('runs: a 2-class softmax per image', async () => {
    const input = seededInput('float32', [3, 3, 128, 128], 5);
    const outputs = await backend.run(engine, { 'input_1:0': input });
    const scores = outputs['Identity:0']!;
    expect(scores.dims).toEqual([3, 2]);
    const data = scores.data as Float32Array;
    for (let row = 0; row < 3; row++) expect(data[row * 2]! + data[row * 2 + 1]!).toBeCloseTo(1, 5);
  });

  it('stops between iterations when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      backend.profile(engine, { iterations: 5 }, noProgress, controller.signal),
    ).rejects.toBeInstanceOf(CancelledError);
  });

  it('sweeps batch sizes on a dynamic batch', async () => {
    const { profile } = await backend.profile(
      engine,
      { iterations: 4, warmupIterations: 1, perLayer: false, batchSweep: [1, 4] },
      noProgress,
    );
    expect(profile.batchSweep!.map((p) => p.batch)).toEqual([1, 4]);
    for (const point of profile.batchSweep!) {
      expect(point.throughputPerSec).toBeCloseTo((point.batch * 1000) / point.latency.meanMs, 6);
    }
  });
});

describe('FP16 on the CPU provider', () => {
  it('reports the casts ORT inserts as a finding', async () => {
    const file = path.join(models, 'squeezenet1.1_fp16_winml.onnx');
    const engine = await backend.prepare(variant('fp16'), file, { threads: 2 }, noProgress);
    try {
      const named = engine.engine.layers.filter((l) => l.name.startsWith('InsertedPrecisionFreeCast_'));
      const casts = named.filter((l) => l.type === 'Cast');
      expect(casts.length).toBeGreaterThan(0);
      for (const cast of casts) expect(cast.reformat).toBe(true);
      // Where ORT dropped a cancelling pair of casts, the kernel between them keeps the cast's name: it
      // computes (a Conv, a MaxPool...), it converts nothing.
      for (const kernel of named.filter((l) => l.type !== 'Cast')) expect(kernel.reformat).toBe(false);
      expect(engine.engine.warnings.join('\n')).toContain(`inserted ${casts.length} casts`);
      const { profile } = await backend.profile(engine, { iterations: 3, warmupIterations: 1 }, noProgress);
      expect(profile.warnings.join('\n')).toMatch(/the casts take [\d.]+ ms per run/);
    } finally {
      await backend.release(engine);
    }
  });
});

describe('bad input', () => {
  it('names the file ORT refuses and why', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ort-bad-'));
    const file = path.join(dir, 'not-a-model.onnx');
    fs.writeFileSync(file, 'this is not protobuf');
    try {
      const error = await backend.prepare(variant('fp32'), file, {}, noProgress).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StudioError);
      expect((error as StudioError).message).toMatch(/not-a-model\.onnx: ONNX Runtime refused the model: /);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});

describe('symbolic batch copy of a batch-1 export', () => {
  it('YOLOX at batch 2 gives each item the batch-1 result (its Reshape [1,85,-1] now copies the batch)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ort-batch-'));
    const batched = path.join(dir, 'yolox.batch.onnx');
    writeSymbolicBatchModel(path.join(models, 'yolox_nano_416.onnx'), batched);
    const one = await backend.prepare(
      variant('fp32'),
      path.join(models, 'yolox_nano_416.onnx'),
      { threads: 2 },
      noProgress,
    );
    const many = await backend.prepare(variant('fp32'), batched, { threads: 2 }, noProgress);
    try {
      const a = seededInput('float32', [1, 3, 416, 416], 1);
      const b = seededInput('float32', [1, 3, 416, 416], 2);
      const both = new Float32Array(2 * a.data.length);
      both.set(a.data as Float32Array);
      both.set(b.data as Float32Array, a.data.length);
      const single = await backend.run(one, { images: b });
      const pair = await backend.run(many, {
        images: { dtype: 'float32', dims: [2, 3, 416, 416], data: both },
      });
      const out = single.output!.data as Float32Array;
      const second = (pair.output!.data as Float32Array).subarray(out.length);
      let worst = 0;
      for (let i = 0; i < out.length; i++) worst = Math.max(worst, Math.abs(out[i]! - second[i]!));
      expect(pair.output!.dims).toEqual([2, 3549, 85]);
      expect(worst).toBeLessThan(1e-3);
    } finally {
      await backend.release(one);
      await backend.release(many);
      fs.rmSync(dir, { recursive: true });
    }
  });
});
