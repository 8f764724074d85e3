/**
 * The TensorRT backend: the native addon builds an engine from the variant's ONNX (ONNX parser,
 * strongly typed for FP16 / Q/DQ variants, IProgressMonitor progress), inspects it with
 * IEngineInspector (parsed by the trtexec layer-info importer: same JSON), profiles it per layer with
 * IProfiler (parsed by the trtexec profile importer) and end to end with CUDA events (H2D / compute /
 * D2H), optionally under the CUPTI kernel tracer, and runs it for the accuracy check.
 * Where TensorRT or a GPU is missing, capabilities() says so and how to get it; prepare() rejects.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { summarize } from '../model/statistics';
import { StudioError } from '../errors';
import { parseLayerInfoJson } from '../importers/trtexec-layer-info';
import { parseProfileJson } from '../importers/trtexec-profile';
import type { DeviceInfo, Engine, Profile, Variant } from '../model/types';
import { machineInfo } from '../model/machine-info';
import type { Trace } from '../model/trace';
import {
  requireNative,
  nativeErrorCode,
  type BuildEvent,
  type EngineBuildOptions,
  type NativeDevice,
  type NativeInferenceTimes,
  type NativeLayerTimes,
  type TrtEngine,
} from '../../../native/index';
import { traceFromCupti } from '../../../native/cupti-trace';
import { CancelledError, throwIfCancelled, type ProgressSink } from '../model/progress';
import {
  type Backend,
  type BackendCapabilities,
  type PreparedEngine,
  type PrepareOptions,
  type ProfileOptions,
  type ProfileResult,
} from './backend';
import type { NamedTensor } from '../model/tensor';
import { tensorrtAvailability } from './tensorrt-availability';
import { fromNativeTensor, toNativeTensor } from './tensorrt-tensors';

interface Handle {
  engine: TrtEngine;
  planPath: string;
  device: NativeDevice | undefined;
}

/**
 * Where the serialized plan goes: `options.planPath` (the profile session passes a file in its own
 * variants folder), else the temp folder. Never beside the user's model: that folder may be read-only
 * or shared, and a plan is only valid for this GPU and TensorRT version anyway.
 */
function planPathFor(variant: Variant, modelPath: string, options: PrepareOptions): string {
  if (typeof options['planPath'] === 'string') return options['planPath'];
  const folder = path.join(os.tmpdir(), 'trt-studio-plans');
  fs.mkdirSync(folder, { recursive: true });
  return path.join(
    folder,
    `${path.basename(modelPath).replace(/\.onnx$/i, '')}.${variant.precision}.${process.pid}.plan`,
  );
}

function buildOptionsFor(
  variant: Variant,
  modelPath: string,
  planPath: string,
  options: PrepareOptions,
): EngineBuildOptions {
  const build: EngineBuildOptions = { onnxPath: modelPath, planPath };
  if (options.shapes) build.shapes = options.shapes;
  if (typeof options['workspaceMiB'] === 'number') build.workspaceMiB = options['workspaceMiB'];
  if (typeof options['optimizationLevel'] === 'number')
    build.optimizationLevel = options['optimizationLevel'];
  if (typeof options['timingCachePath'] === 'string') build.timingCachePath = options['timingCachePath'];
  if (typeof options['device'] === 'number') build.device = options['device'];
  // TensorRT 10.x builder-flag route: a plain FP32 ONNX with FP16/INT8 kernels allowed.
  if (options['builderFlags'] === true) {
    build.stronglyTyped = false;
    build.fp16 = variant.precision === 'fp16' || variant.precision === 'int8';
    build.int8 = variant.precision === 'int8';
  }
  return build;
}

/** TensorRT build phases -> ProgressSink: the fraction of the top-level phase's steps done. */
function buildProgress(progress: ProgressSink): (event: BuildEvent) => void {
  const steps = new Map<string, number>();
  return (event) => {
    if (event.kind === 'phase-start') {
      steps.set(event.phase, event.steps);
      if (!event.parentPhase) progress({ stage: 'build', fraction: 0, message: event.phase });
    } else if (event.kind === 'step') {
      const total = steps.get(event.phase);
      if (total)
        progress({ stage: 'build', fraction: Math.min(1, event.step / total), message: event.phase });
    } else if (event.kind === 'log' && event.severity <= 2) {
      progress({ stage: 'build', fraction: null, message: event.message });
    }
  };
}

/** Native errors become StudioError naming the file, cancellation becomes CancelledError. */
function rethrow(error: unknown, file: string): never {
  if (nativeErrorCode(error) === 'ERR_CANCELLED') throw new CancelledError();
  if (error instanceof StudioError || error instanceof CancelledError) throw error;
  throw new StudioError(file, error instanceof Error ? error.message : String(error), { cause: error });
}

function deviceInfoOf(device: NativeDevice): DeviceInfo {
  return {
    name: device.name,
    computeCapability: device.computeCapability,
    smCount: device.smCount,
    memoryBytes: device.memoryBytes,
    extra: {
      smClockMHz: device.smClockMHz,
      memoryClockMHz: device.memoryClockMHz,
      l2CacheBytes: device.l2CacheBytes,
    },
  };
}

function profileFrom(
  engine: PreparedEngine,
  layers: NativeLayerTimes,
  times: NativeInferenceTimes,
  options: ProfileOptions,
  handle: Handle,
): Profile {
  const profile = parseProfileJson(layers.json, `${handle.planPath} (live profile)`);
  profile.layers.forEach((layer, index) => {
    const samples = layers.samplesMs[index];
    if (samples && layers.names[index] === layer.name) {
      layer.samplesMs = Array.from(samples);
      layer.stats = summarize(samples);
    }
    const match = engine.engine.layers.findIndex((l) => l.name === layer.name);
    if (match >= 0) layer.layerIndex = match;
  });
  const latency = summarize(times.latencyMs);
  return {
    ...profile,
    id: `${engine.engine.id}:profile:${Date.now()}`,
    engineId: engine.engine.id,
    backend: 'tensorrt',
    machine: machineInfo(handle.device && deviceInfoOf(handle.device)),
    batchSize: options.batchSize ?? 1,
    iterations: layers.iterations,
    warmupIterations: options.warmupIterations ?? 10,
    latency,
    h2d: summarize(times.h2dMs),
    compute: summarize(times.computeMs),
    d2h: summarize(times.d2hMs),
    enqueue: summarize(times.enqueueMs),
    throughputQps: latency.meanMs > 0 ? 1000 / latency.meanMs : 0,
  };
}

export class TensorrtBackend implements Backend {
  readonly name = 'tensorrt';

  async capabilities(): Promise<BackendCapabilities> {
    const state = await tensorrtAvailability();
    const caps: BackendCapabilities = {
      name: this.name,
      available: state.available,
      precisions: ['fp32', 'fp16', 'int8'],
      perLayerTiming: true,
      kernelTrace: state.native.build?.cupti.compiled === true && state.native.devices.length > 0,
      devices: state.native.devices.map((d) => ({ name: d.name, kind: 'gpu' as const })),
    };
    if (state.reason) caps.reason = state.reason;
    if (state.version) caps.version = state.version;
    return caps;
  }

  async prepare(
    variant: Variant,
    modelPath: string,
    options: PrepareOptions,
    progress: ProgressSink,
    signal?: AbortSignal,
  ): Promise<PreparedEngine> {
    const state = await tensorrtAvailability();
    if (!state.available)
      throw new StudioError(modelPath, `the TensorRT backend is not available: ${state.reason}`);
    throwIfCancelled(signal);
    const native = requireNative();
    const planPath = planPathFor(variant, modelPath, options);
    const buildOptions = buildOptionsFor(variant, modelPath, planPath, options);
    const build = new native.EngineBuild(buildOptions, buildProgress(progress));
    const cancel = () => build.cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    let result;
    try {
      result = await build.start();
    } catch (error) {
      rethrow(error, modelPath);
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
    progress({ stage: 'load', fraction: null, message: path.basename(planPath) });
    const device = state.native.devices[buildOptions.device ?? 0];
    let engine: TrtEngine;
    let layerJson: string;
    try {
      engine = await native.TrtEngine.load(planPath, buildOptions.device ?? 0);
      layerJson = await engine.layerInformation();
    } catch (error) {
      rethrow(error, planPath);
    }
    const parsed = parseLayerInfoJson(layerJson, `${planPath} (live engine)`);
    const described: Engine = {
      ...parsed,
      id: `tensorrt:${variant.id}:${path.basename(planPath)}`,
      backend: 'tensorrt',
      backendVersion: result.tensorrtVersion,
      variantId: variant.id,
      precision: parsed.precision === 'unknown' ? variant.precision : parsed.precision,
      buildOptions: { stronglyTyped: buildOptions.stronglyTyped !== false, ...flatOptions(buildOptions) },
      buildTimeMs: result.buildMs,
      sizeBytes: result.planBytes,
      files: [planPath],
      warnings: [...parsed.warnings, ...result.warnings.map((w) => `TensorRT: ${w}`)],
    };
    if (device) described.device = deviceInfoOf(device);
    const handle: Handle = { engine, planPath, device };
    return { engine: described, variant, modelPath, handle };
  }

  async profile(
    engine: PreparedEngine,
    options: ProfileOptions,
    progress: ProgressSink,
    signal?: AbortSignal,
  ): Promise<ProfileResult> {
    const handle = engine.handle as Handle;
    const runOptions = {
      warmupIterations: options.warmupIterations ?? 10,
      iterations: options.iterations ?? 100,
      inputs: options.inputs
        ? Object.fromEntries(Object.entries(options.inputs).map(([k, v]) => [k, toNativeTensor(v)]))
        : undefined,
    };
    throwIfCancelled(signal);
    try {
      progress({ stage: 'profile', fraction: 0, message: 'per-layer times (IProfiler)' });
      const layers = await handle.engine.profileLayers(runOptions);
      throwIfCancelled(signal);
      progress({ stage: 'profile', fraction: 0.5, message: 'end-to-end times (CUDA events)' });
      let trace: Trace | undefined;
      let times: NativeInferenceTimes;
      if (options['kernelTrace'] === true) {
        const tracer = new (requireNative().KernelTracer)();
        await tracer.start();
        try {
          times = await handle.engine.timeInference(runOptions);
        } finally {
          trace = traceFromCupti(await tracer.stop(), `${engine.engine.id}:cupti`);
        }
      } else if (options['nsysRange'] === true) {
        // The range an outer `nsys profile --capture-range=cudaProfilerApi` records (nsys-capture.ts).
        requireNative().profilerStart();
        try {
          times = await handle.engine.timeInference(runOptions);
        } finally {
          requireNative().profilerStop();
        }
      } else {
        times = await handle.engine.timeInference(runOptions);
      }
      progress({ stage: 'profile', fraction: 1 });
      const profile = profileFrom(engine, layers, times, options, handle);
      if (trace) profile.traceId = trace.id;
      return trace ? { profile, trace } : { profile };
    } catch (error) {
      rethrow(error, handle.planPath);
    }
  }

  async run(
    engine: PreparedEngine,
    inputs: Record<string, NamedTensor>,
    signal?: AbortSignal,
  ): Promise<Record<string, NamedTensor>> {
    throwIfCancelled(signal);
    const handle = engine.handle as Handle;
    const native = Object.fromEntries(Object.entries(inputs).map(([name, t]) => [name, toNativeTensor(t)]));
    let outputs;
    try {
      outputs = await handle.engine.run(native);
    } catch (error) {
      rethrow(error, handle.planPath);
    }
    return Object.fromEntries(
      Object.entries(outputs).map(([name, t]) => [name, fromNativeTensor(t, handle.planPath)]),
    );
  }

  async release(engine: PreparedEngine): Promise<void> {
    (engine.handle as Handle | undefined)?.engine.dispose();
  }
}

function flatOptions(options: EngineBuildOptions): Record<string, string | number | boolean> {
  const flat: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(options)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      flat[key] = value;
    else if (value !== undefined) flat[key] = JSON.stringify(value);
  }
  return flat;
}
