/**
 * The embedded default backend: onnxruntime-node on the CPU.
 *
 * prepare: one profiled inspection run with ORT's optimized graph written out tells which original
 * nodes each kernel holds (Engine layers with originNodes/fused) and each kernel's types and shapes;
 * then a plain session is kept open for timing and running.
 * profile: end-to-end latency from runs WITHOUT the profiler (it slows runs ~1.6x), then per-node times
 * from a separate profiled session over many runs, then an optional batch sweep.
 */
import fs from 'node:fs';
import os from 'node:os';
import * as ort from 'onnxruntime-node';
import { summarize } from '../model/statistics';
import { StudioError } from '../errors';
import { readOnnx } from '../onnx/reader';
import type { Engine, LayerTiming, Profile, Variant } from '../model/types';
import { machineInfo } from '../model/machine-info';
import { throwIfCancelled, type ProgressSink } from '../model/progress';
import {
  type Backend,
  type FixedInputs,
  type BackendCapabilities,
  type PreparedEngine,
  type PrepareOptions,
  type ProfileOptions,
  type ProfileResult,
} from './backend';
import { seededInput, type NamedTensor } from '../model/tensor';
import { insertedCastFinding, layerSumFinding, profilerOverheadNote } from './onnxruntime-findings';
import { mapFusions } from './onnxruntime-fusion';
import { buildLayers } from './onnxruntime-layers';
import { parseOrtProfile } from '../importers/onnxruntime-profile';
import type { Trace } from '../model/trace';
import { makeScratchDirectory, measuredEvents, runProfiled } from './onnxruntime-profiling';
import {
  openOrtSession,
  ortSettingsFrom,
  runOrtSession,
  sessionInputs,
  type OrtSettings,
} from './onnxruntime-session';
import { fromOrtTensor, resolveInputDims, toOrtTensor } from './ort-tensors';
import { timedLoop, DEFAULT_ITERATIONS, DEFAULT_WARMUP } from './timing-loop';
import { batchSweep } from './onnxruntime-batch-sweep';

interface OrtHandle {
  session: ort.InferenceSession;
  settings: OrtSettings;
  inputs: { name: string; type: string; shape: (number | string)[] }[];
  outputNames: string[];
  shapes?: Record<string, number[]>;
  fixedInputs?: FixedInputs;
}

export { DEFAULT_WARMUP };
/** Profiled runs are capped: each adds a few hundred events to ORT's JSON. */
export const MAX_PROFILED_RUNS = 500;

let nextId = 0;
function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${(nextId++).toString(36)}`;
}

function handleOf(engine: PreparedEngine): OrtHandle {
  const handle = engine.handle as OrtHandle | undefined;
  if (!handle?.session)
    throw new StudioError(engine.modelPath, 'engine was released or made by another backend');
  return handle;
}

/** Seeded inputs at the given batch (same seed per input name, so every variant sees the same data). */
export function seededFeeds(
  handle: Pick<OrtHandle, 'inputs' | 'shapes' | 'fixedInputs'>,
  modelPath: string,
  batchSize: number,
) {
  const feeds: Record<string, NamedTensor> = {};
  handle.inputs.forEach((input, index) => {
    const dims = resolveInputDims(modelPath, input, handle.shapes, batchSize);
    feeds[input.name] = handle.fixedInputs?.(input.name, dims) ?? seededInput(input.type, dims, 1234 + index);
  });
  return feeds;
}

function toFeeds(tensors: Record<string, NamedTensor>): Record<string, ort.Tensor> {
  return Object.fromEntries(Object.entries(tensors).map(([name, t]) => [name, toOrtTensor(t)]));
}

export class OnnxRuntimeBackend implements Backend {
  readonly name = 'onnxruntime';

  async capabilities(): Promise<BackendCapabilities> {
    return {
      name: this.name,
      available: true,
      version: ort.env.versions.node,
      precisions: ['fp32', 'fp16', 'int8'],
      perLayerTiming: true,
      kernelTrace: false,
      devices: [{ name: os.cpus()[0]?.model.trim() ?? 'CPU', kind: 'cpu' }],
    };
  }

  async prepare(
    variant: Variant,
    modelPath: string,
    options: PrepareOptions,
    progress: ProgressSink,
    signal?: AbortSignal,
  ): Promise<PreparedEngine> {
    const settings = ortSettingsFrom(options);
    progress({ stage: 'load', fraction: 0, message: `opening ${modelPath}` });
    const started = performance.now();
    const session = await openOrtSession(modelPath, settings);
    const buildTimeMs = performance.now() - started;
    const handle: OrtHandle = {
      session,
      settings,
      inputs: sessionInputs(session),
      outputNames: [...session.outputNames],
      shapes: options.shapes,
      fixedInputs: options.fixedInputs,
    };
    try {
      throwIfCancelled(signal);
      progress({ stage: 'load', fraction: 0.5, message: 'reading the optimized graph' });
      const engine = await this.inspect(variant, modelPath, handle, progress, signal);
      engine.buildTimeMs = buildTimeMs;
      progress({ stage: 'load', fraction: 1, message: `${engine.layers.length} kernels` });
      return { engine, variant, modelPath, handle };
    } catch (error) {
      await session.release();
      throw error;
    }
  }

  /** One profiled run with the optimized graph written: layers, origins, kernel types and shapes. */
  private async inspect(
    variant: Variant,
    modelPath: string,
    handle: OrtHandle,
    progress: ProgressSink,
    signal?: AbortSignal,
  ): Promise<Engine> {
    const directory = makeScratchDirectory();
    try {
      const feeds = toFeeds(seededFeeds(handle, modelPath, 1));
      const plan = { warmupRuns: 0, measuredRuns: 1, writeOptimizedModel: true };
      const run = await runProfiled(modelPath, handle.settings, feeds, plan, directory, progress, signal);
      const seen = parseOrtProfile(run.events, run.file).engine.layers;
      const original = readOnnx(modelPath);
      const optimized = readOnnx(run.optimizedModelPath!);
      const fusions = mapFusions(original.graph, optimized.graph);
      const layers = buildLayers(fusions, new Map(seen.map((l) => [l.name, l])));
      const warnings: string[] = [];
      const castFinding = insertedCastFinding(layers);
      if (castFinding) warnings.push(castFinding);
      if (fusions.removedNodes.length > 0) {
        warnings.push(
          `ONNX Runtime removed ${fusions.removedNodes.length} nodes while optimizing (constant folding, eliminated no-ops): ${fusions.removedNodes.slice(0, 5).join(', ')}${fusions.removedNodes.length > 5 ? ', ...' : ''}`,
        );
      }
      return {
        id: uniqueId(`ort-${variant.precision}`),
        backend: this.name,
        backendVersion: ort.env.versions.node,
        variantId: variant.id,
        precision: variant.precision,
        device: { name: os.cpus()[0]?.model.trim() ?? 'CPU', extra: { provider: 'CPUExecutionProvider' } },
        buildOptions: {
          intraOpThreads: handle.settings.intraOpThreads,
          interOpThreads: handle.settings.interOpThreads,
          optimizationLevel: handle.settings.optimizationLevel,
        },
        sizeBytes: fs.statSync(run.optimizedModelPath!).size,
        bindings: [...handle.inputs.map((i) => i.name), ...handle.outputNames],
        layers,
        detail: 'detailed',
        files: [],
        warnings,
      };
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  }

  async profile(
    prepared: PreparedEngine,
    options: ProfileOptions,
    progress: ProgressSink,
    signal?: AbortSignal,
  ): Promise<ProfileResult> {
    const handle = handleOf(prepared);
    const batchSize = options.batchSize ?? 1;
    const feeds = toFeeds(options.inputs ?? seededFeeds(handle, prepared.modelPath, batchSize));
    const warmup = options.warmupIterations ?? DEFAULT_WARMUP;
    const plan = {
      warmupIterations: warmup,
      iterations: options.iterations,
      durationSeconds: options.durationSeconds,
    };

    progress({ stage: 'latency', fraction: 0, message: 'timing runs without the profiler' });
    const runOnce = () => runOrtSession(handle.session, prepared.modelPath, feeds);
    const latencyRun = await timedLoop(runOnce, plan, 'latency', progress, signal);
    const latency = summarize(latencyRun.samplesMs);
    const profile: Profile = {
      id: uniqueId('profile'),
      engineId: prepared.engine.id,
      backend: this.name,
      machine: machineInfo(),
      batchSize,
      iterations: latencyRun.samplesMs.length,
      warmupIterations: warmup,
      layers: [],
      latency,
      compute: latency,
      throughputQps: (latencyRun.samplesMs.length / latencyRun.wallMs) * 1000,
      stages: [],
      warnings: [],
    };

    let trace: Trace | undefined;
    if (options.perLayer !== false) {
      const measuredRuns = Math.min(options.iterations ?? latencyRun.samplesMs.length, MAX_PROFILED_RUNS);
      const nodes = await this.profileNodes(prepared, handle, feeds, warmup, measuredRuns, progress, signal);
      this.addNodeTimes(profile, prepared.engine, nodes.profile);
      trace = nodes.trace;
      profile.traceId = trace.id;
    }

    const sweep = options.batchSweep as number[] | undefined;
    if (sweep && sweep.length > 0) {
      const result = await batchSweep(
        prepared,
        handle,
        sweep,
        {
          warmupIterations: Math.min(warmup, 3),
          iterations: Math.max(5, Math.round((options.iterations ?? DEFAULT_ITERATIONS) / 4)),
        },
        progress,
        signal,
      );
      profile.batchSweep = result.points;
      profile.warnings.push(...result.warnings);
    }
    return trace ? { profile, trace } : { profile };
  }

  private async profileNodes(
    prepared: PreparedEngine,
    handle: OrtHandle,
    feeds: Record<string, ort.Tensor>,
    warmupRuns: number,
    measuredRuns: number,
    progress: ProgressSink,
    signal?: AbortSignal,
  ): Promise<{ profile: Profile; trace: Trace }> {
    const directory = makeScratchDirectory();
    try {
      progress({ stage: 'per-layer', fraction: 0, message: `${measuredRuns} runs with ORT's profiler` });
      const plan = { warmupRuns, measuredRuns };
      const run = await runProfiled(
        prepared.modelPath,
        handle.settings,
        feeds,
        plan,
        directory,
        progress,
        signal,
      );
      const parsed = parseOrtProfile(measuredEvents(run.events, warmupRuns, run.file), run.file);
      // The profile file is temporary: the trace is named after the engine, not the file.
      const trace = { ...parsed.trace, id: `${prepared.engine.id}-ort-profile`, files: [] };
      return { profile: parsed.profile, trace };
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  }

  /** Per-node timings of the profiled runs, matched to the engine's layers, with the findings on them. */
  private addNodeTimes(profile: Profile, engine: Engine, measured: Profile): void {
    const layerIndex = new Map(engine.layers.map((layer, index) => [layer.name, index]));
    profile.layers = measured.layers.map((timing): LayerTiming => {
      const { layerIndex: _ignored, ...rest } = timing;
      const index = layerIndex.get(timing.name);
      return index === undefined ? rest : { ...rest, layerIndex: index };
    });
    profile.layerSumMs = profile.layers.reduce((sum, l) => sum + l.stats.meanMs, 0);
    const profiledRunMs = measured.latency?.meanMs ?? 0;
    const warnings = [
      layerSumFinding(profile.layerSumMs, profiledRunMs),
      profile.latency ? profilerOverheadNote(profiledRunMs, profile.latency.medianMs) : undefined,
      insertedCastFinding(engine.layers, profile.layers),
    ];
    for (const warning of warnings) if (warning) profile.warnings.push(warning);
  }

  async run(
    prepared: PreparedEngine,
    inputs: Record<string, NamedTensor>,
    signal?: AbortSignal,
  ): Promise<Record<string, NamedTensor>> {
    throwIfCancelled(signal);
    const handle = handleOf(prepared);
    const outputs = await runOrtSession(handle.session, prepared.modelPath, toFeeds(inputs));
    return Object.fromEntries(
      Object.entries(outputs).map(([name, value]) => [name, fromOrtTensor(name, value as ort.Tensor)]),
    );
  }

  async release(prepared: PreparedEngine): Promise<void> {
    const handle = prepared.handle as OrtHandle | undefined;
    if (!handle?.session) return;
    const session = handle.session;
    (handle as Partial<OrtHandle>).session = undefined;
    await session.release();
  }
}
