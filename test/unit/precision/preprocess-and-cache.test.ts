import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CancelledError, type ProgressEvent } from '../../../electron/core/model/progress';
import { preprocessImage } from '../../../electron/core/pipeline/image-preprocess';
import { readOnnx } from '../../../electron/core/onnx/reader';
import { collectRanges } from '../../../electron/core/profiling/collect-ranges';
import { loadCalibrationSource } from '../../../electron/core/pipeline/input-source';
import { modelInputs } from '../../../electron/core/pipeline/model-inputs';
import { readCalibrationCache, writeCalibrationCache } from '../../../electron/core/precision';
import { fixture } from '../../helpers/fixtures';

const SAMPLE = fixture('images', 'mobilenet_sample.jpg'); // 800 x 533

describe('image pre-processing', () => {
  it('times each stage and returns the tensor in the asked layout', async () => {
    const chw = await preprocessImage(SAMPLE, { width: 64, height: 48 });
    expect(chw.stages.map((s) => s.stage)).toEqual([
      'decode',
      'resize',
      'normalize',
      'channel-order',
      'layout',
    ]);
    expect(chw.stages.every((s) => s.ms >= 0)).toBe(true);
    expect(chw.sourceSize).toEqual({ width: 800, height: 533 });
    expect(chw.tensor.dims).toEqual([1, 3, 48, 64]);
    const hwc = await preprocessImage(SAMPLE, { width: 64, height: 48, layout: 'nhwc', channelOrder: 'bgr' });
    expect(hwc.tensor.dims).toEqual([1, 48, 64, 3]);
    const a = chw.tensor.data as Float32Array;
    const b = hwc.tensor.data as Float32Array;
    const plane = 48 * 64;
    for (const p of [0, 100, 3071]) {
      // CHW red at pixel p == HWC (BGR) channel 2 at p.
      expect(b[p * 3 + 2]).toBe(a[p]);
      expect(b[p * 3]).toBe(a[2 * plane + p]);
    }
  });

  it('normalizes as (x * scale - mean) / std from the same uint8 pixels', async () => {
    const raw = await preprocessImage(SAMPLE, { width: 32, height: 32, dtype: 'uint8' });
    const norm = await preprocessImage(SAMPLE, {
      width: 32,
      height: 32,
      mean: [0.485, 0.456, 0.406],
      std: [0.229, 0.224, 0.225],
    });
    const u = raw.tensor.data as Uint8Array;
    const f = norm.tensor.data as Float32Array;
    expect(f[5]).toBeCloseTo((u[5]! / 255 - 0.485) / 0.229, 5);
    expect(f[2 * 1024 + 7]).toBeCloseTo((u[2 * 1024 + 7]! / 255 - 0.406) / 0.225, 5);
  });

  it('letterboxes: 800x533 into 416x416 scales by 0.52 and pads 114 (top-left anchor: bottom rows)', async () => {
    const out = await preprocessImage(SAMPLE, {
      width: 416,
      height: 416,
      resize: 'letterbox',
      letterboxAnchor: 'top-left',
      dtype: 'uint8',
      layout: 'nhwc',
    });
    expect(out.letterbox).toEqual({ scale: 0.52, padLeft: 0, padTop: 0 });
    const px = out.tensor.data as Uint8Array;
    const row = 415; // 533 * 0.52 = 277 rows of image, the rest is padding
    expect([px[(row * 416 + 10) * 3], px[(row * 416 + 10) * 3 + 1]]).toEqual([114, 114]);
    const centered = await preprocessImage(SAMPLE, { width: 416, height: 416, resize: 'letterbox' });
    expect(centered.letterbox).toEqual({ scale: 0.52, padLeft: 0, padTop: 69 });
  });

  it('names an unreadable image', async () => {
    const file = path.join(os.tmpdir(), `not-an-image-${process.pid}.jpg`);
    fs.writeFileSync(file, 'hello');
    await expect(preprocessImage(file, { width: 8, height: 8 })).rejects.toThrow(
      /not-an-image.*cannot decode image/,
    );
    fs.rmSync(file);
  });
});

describe('range collection and the calibration cache', () => {
  const model = readOnnx(fixture('models', 'mnist-8_opt_wonnx.onnx'));

  it('reports progress in order, writes a cache that reads back, and refuses a broken edit', async () => {
    const events: ProgressEvent[] = [];
    const source = loadCalibrationSource(`images:${fixture('images', 'coco-calib')}`, modelInputs(model), {
      limit: 4,
    });
    const ranges = await collectRanges(model, source, { method: 'percentile', percentile: 99.9 }, (e) =>
      events.push(e),
    );
    const fractions = events.map((e) => e.fraction ?? 0);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    expect(Object.keys(ranges.tensors)).toContain('Input3');
    const input = ranges.tensors.Input3!;
    expect(input.min).toBeGreaterThanOrEqual(0);
    expect(input.max).toBeLessThanOrEqual(1);
    for (const r of Object.values(ranges.tensors))
      expect(r.amax).toBeLessThanOrEqual(Math.max(-r.min, r.max) + 1e-6);
    const file = path.join(os.tmpdir(), `calib-${process.pid}.json`);
    writeCalibrationCache(file, ranges);
    expect(readCalibrationCache(file, ranges.model.sha256)).toEqual(ranges);
    const edited = JSON.parse(fs.readFileSync(file, 'utf8'));
    edited.tensors.Input3.amax = 'big';
    fs.writeFileSync(file, JSON.stringify(edited));
    expect(() => readCalibrationCache(file)).toThrow(/tensors\.Input3\.amax/);
    expect(() => readCalibrationCache(file.replace('.json', '.missing.json'))).toThrow(
      /cannot read calibration cache/,
    );
    fs.rmSync(file);
  });

  it('stops with CancelledError when the signal fires', async () => {
    const controller = new AbortController();
    const source = loadCalibrationSource('random:50', modelInputs(model));
    const run = collectRanges(
      model,
      source,
      { method: 'minmax' },
      (e) => {
        if ((e.fraction ?? 0) > 0.1) controller.abort();
      },
      controller.signal,
    );
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });
});
