/** The TensorRT backend on a machine without TensorRT: it says it is unavailable, why, and how to get it. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TensorrtBackend } from '../../../electron/core/backends/tensorrt';
import { TENSORRT_HOW_TO } from '../../../electron/core/backends/tensorrt-availability';
import { StudioError } from '../../../electron/core/errors';
import type { Variant } from '../../../electron/core/model/types';
import { fixture } from '../../helpers/fixtures';

const model = fixture('models', 'mnist-8_opt_wonnx.onnx');
const gpuPresent = fs.existsSync('/dev/nvidia0');

const variant: Variant = {
  id: 'fp32',
  precision: 'fp32',
  modelSha256: '486cf6b7d7cdb5fd',
  recipe: {},
  keptHigherPrecision: [],
  notes: [],
};

describe('TensorrtBackend without TensorRT', () => {
  it('capabilities: unavailable, with the reason and the exact way to get TensorRT', async () => {
    const caps = await new TensorrtBackend().capabilities();
    expect(caps.name).toBe('tensorrt');
    expect(caps.available).toBe(false);
    expect(caps.reason).toContain('TensorRT is not compiled into the native addon');
    expect(caps.reason).toContain(TENSORRT_HOW_TO);
    expect(TENSORRT_HOW_TO).toMatch(/TENSORRT_ROOT/);
    expect(TENSORRT_HOW_TO).toMatch(/npm run build:native/);
    expect(caps.precisions).toEqual(['fp32', 'fp16', 'int8']);
    expect(caps.perLayerTiming).toBe(true);
    if (!gpuPresent) {
      expect(caps.devices).toEqual([]);
      expect(caps.kernelTrace).toBe(false);
    }
  });

  it('prepare rejects with a StudioError naming the model and saying why', async () => {
    const events: unknown[] = [];
    const backend = new TensorrtBackend();
    const promise = backend.prepare(variant, model, {}, (e) => events.push(e));
    await expect(promise).rejects.toBeInstanceOf(StudioError);
    await expect(promise).rejects.toMatchObject({
      file: model,
      problem: expect.stringMatching(/^the TensorRT backend is not available: TensorRT is not compiled/),
    });
    expect(events).toEqual([]);
    expect(fs.existsSync(model.replace(/\.onnx$/, '.fp32.plan'))).toBe(false);
  });
});
