/**
 * The real built addon (native/build/Release/trt_studio_native.node, built by `npm run build:native`):
 * it loads, says what it was built with, reports no device on a machine without a GPU, rejects every
 * call that needs a device or TensorRT with a clear coded error, and turns bad arguments into
 * TypeError/RangeError without crashing the process.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { capabilities, loadNative, requireNative, nativeErrorCode } from '../../../native/index';

// Independent of the addon: a machine with an NVIDIA GPU has the driver's device node.
const gpuPresent = fs.existsSync('/dev/nvidia0') || fs.existsSync('/dev/nvidiactl');

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

describe('native addon build', () => {
  it('is built and loads (CI builds it before the tests)', () => {
    const load = loadNative();
    expect(load.ok ? 'loaded' : load.reason).toBe('loaded');
    if (load.ok) expect(load.path).toMatch(/trt_studio_native\.node$/);
  });

  it('reports CUDA and CUPTI compiled, TensorRT absent with the reason and how to get it', async () => {
    const caps = await capabilities();
    expect(caps.loaded).toBe(true);
    expect(caps.build?.napiVersion).toBe(8);
    expect(caps.build?.cuda.compiled).toBe(true);
    expect(caps.build?.cuda.version).toMatch(/^\d+\.\d$/);
    expect(caps.build?.cudaTargets).toContain('sm_90a');
    expect(caps.build?.cupti.compiled).toBe(true);
    expect(caps.build?.tensorrt.compiled).toBe(false);
    expect(caps.build?.tensorrt.reason).toMatch(/TensorRT not found at build time/);
    expect(caps.runtimeVersion).toBe(caps.build?.cuda.version);
  });

  it.skipIf(gpuPresent)('reports no device, with the reason, on a machine without a GPU', async () => {
    const caps = await capabilities();
    expect(caps.devices).toEqual([]);
    expect(caps.devicesReason).toMatch(/no CUDA device/);
  });
});

describe.skipIf(gpuPresent)('calls that need a GPU or TensorRT fail clearly here', () => {
  const addon = () => requireNative();

  it('measureCeilings rejects with ERR_NO_DEVICE', async () => {
    const error = await rejection(addon().measureCeilings({ repetitions: 1 }));
    expect(error.code).toBe('ERR_NO_DEVICE');
    expect(error.message).toMatch(/no CUDA device/);
  });

  it('the tracer cannot start without a device, and stop() without start() is an error', async () => {
    const tracer = new (addon().KernelTracer)();
    expect(tracer.running).toBe(false);
    expect((await rejection(tracer.start())).code).toBe('ERR_NO_DEVICE');
    expect(tracer.running).toBe(false);
    const stop = await rejection(tracer.stop());
    expect(stop.code).toBe('ERR_ARGUMENT');
    expect(stop.message).toMatch(/not running/);
  });

  it('runKnownWorkload and profilerStart fail with a coded CUDA error', async () => {
    expect((await rejection(addon().runKnownWorkload({ tinyKernels: 1 }))).code).toBe('ERR_NO_DEVICE');
    let thrown: unknown;
    try {
      addon().profilerStart();
    } catch (error) {
      thrown = error;
    }
    expect(nativeErrorCode(thrown)).toMatch(/^ERR_(NO_DEVICE|CUDA)$/);
  });

  it('TensorRT calls reject with ERR_NOT_COMPILED and say how to get TensorRT', async () => {
    const load = await rejection(addon().TrtEngine.load('model.plan'));
    expect(load.code).toBe('ERR_NOT_COMPILED');
    expect(load.message).toMatch(/set TENSORRT_ROOT .* `npm run build:native`/);
    const build = new (addon().EngineBuild)({ onnxPath: 'a.onnx', planPath: 'a.plan' });
    expect((await rejection(build.start())).code).toBe('ERR_NOT_COMPILED');
    expect(() => build.start()).toThrow(/already started/);
  });
});

describe('argument validation throws, never crashes', () => {
  const addon = () => requireNative();

  it('measureCeilings', () => {
    expect(() => addon().measureCeilings(5 as never)).toThrow(TypeError);
    expect(() => addon().measureCeilings({ repetitions: 'x' as never })).toThrow(
      /repetitions must be a finite number/,
    );
    expect(() => addon().measureCeilings({ repetitions: 0 })).toThrow(RangeError);
    expect(() => addon().measureCeilings({ repetitions: 1.5 })).toThrow(/integer in 1\.\.1000/);
    expect(() => addon().measureCeilings({ device: -1 })).toThrow(RangeError);
    expect(() => addon().measureCeilings({}, 'not a function' as never)).toThrow(
      /onProgress must be a function/,
    );
  });

  it('runKnownWorkload', () => {
    expect(() => addon().runKnownWorkload(undefined as never)).toThrow(/workload must be an object/);
    expect(() => addon().runKnownWorkload([] as never)).toThrow(TypeError);
    expect(() => addon().runKnownWorkload({ tinyKernels: -5 })).toThrow(RangeError);
  });

  it('EngineBuild options', () => {
    const { EngineBuild } = addon();
    expect(() => new EngineBuild(undefined as never)).toThrow(/options must be an object/);
    expect(() => new EngineBuild({} as never)).toThrow(/onnxPath must be a non-empty string/);
    expect(() => new EngineBuild({ onnxPath: 'a.onnx' } as never)).toThrow(/planPath/);
    const base = { onnxPath: 'a.onnx', planPath: 'a.plan' };
    expect(() => new EngineBuild({ ...base, optimizationLevel: 9 })).toThrow(RangeError);
    expect(() => new EngineBuild({ ...base, workspaceMiB: -1 })).toThrow(/workspaceMiB/);
    expect(() => new EngineBuild({ ...base, shapes: { images: 'big' as never } })).toThrow(
      /dims or \{min, opt, max\}/,
    );
    expect(() => new EngineBuild({ ...base, shapes: { images: [1, -3, 8, 8] } })).toThrow(
      /non-negative integers/,
    );
    expect(() => new EngineBuild({ ...base, shapes: { images: { min: [1], opt: [2] } as never } })).toThrow(
      /max/,
    );
    expect(() => new EngineBuild(base, 42 as never)).toThrow(/onEvent must be a function/);
    expect(() => new EngineBuild({ ...base, fp16: 'yes' as never })).toThrow(/fp16 must be a boolean/);
  });

  it('TrtEngine.load', () => {
    expect(() => addon().TrtEngine.load(42 as never)).toThrow(/planPath must be a string/);
    expect(() => addon().TrtEngine.load('a.plan', 'zero' as never)).toThrow(/device must be a number/);
  });
});

describe.skipIf(!gpuPresent)('on a GPU machine', () => {
  it('lists the devices with plausible properties', async () => {
    const caps = await capabilities();
    expect(caps.devices.length).toBeGreaterThan(0);
    for (const d of caps.devices) {
      expect(d.smCount).toBeGreaterThan(0);
      expect(d.memoryBytes).toBeGreaterThan(2 ** 30);
    }
  });
});
