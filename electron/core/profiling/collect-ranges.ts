/**
 * Activation ranges by execution: the model runs on ONNX Runtime (CPU) with every intermediate tensor
 * exposed as an output, once over the calibration set, recording min/max per float tensor and, for
 * percentile and entropy, a 2048-bin |x| histogram whose range grows (doubling) as larger values come.
 * When only min/max are wanted, the first sample (which tells which tensors are float) is the only one
 * copied out whole; the others run a copy of the model that reduces each tensor to its two extremes.
 */
import * as ort from 'onnxruntime-node';
import { StudioError } from '../errors';
import { throwIfCancelled, type ProgressSink } from '../model/progress';
import type { NamedTensor } from '../model/tensor';
import { toOrtTensor } from '../backends/ort-tensors';
import type { OnnxModel } from '../onnx/graph';
import { readOnnx } from '../onnx/reader';
import { encodeOnnx } from '../onnx/writer';
import { exposeIntermediates } from '../onnx/expose-intermediates';
import type { CalibrationSource } from '../pipeline/input-source';
import { modelSha256 } from '../precision/model-hash';
import { exposeExtremes } from '../precision/expose-extremes';
import { AbsHistogram, DEFAULT_BINS, entropyAmax, percentileAmax } from '../precision/range-methods';
import type { CalibrationMethod, CalibrationRanges, TensorRange } from '../precision/calibration-ranges';

export interface CollectRangesOptions {
  method?: CalibrationMethod;
  /** Percentile method: share of |x| kept, default 99.99. */
  percentile?: number;
  bins?: number;
  /** ORT intra-op threads (0 = ORT default). */
  threads?: number;
}

interface Extremes {
  min: number;
  max: number;
}

async function openExposedSession(model: OnnxModel, threads: number): Promise<ort.InferenceSession> {
  return openCalibrationSession(model, exposeIntermediates(model), threads);
}

async function openCalibrationSession(
  model: OnnxModel,
  exposed: OnnxModel,
  threads: number,
): Promise<ort.InferenceSession> {
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: ['cpu'],
    // No fusion: ranges must be those of the original graph's tensors.
    graphOptimizationLevel: 'disabled',
    logSeverityLevel: 3,
  };
  if (threads > 0) options.intraOpNumThreads = threads;
  try {
    return await ort.InferenceSession.create(encodeOnnx(exposed), options);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new StudioError(
      model.path || undefined,
      `ONNX Runtime refused the model for calibration: ${message}`,
      { cause: error },
    );
  }
}

function extremesOf(data: Float32Array): Extremes {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** Float32 values of every float tensor a run saw (the feeds and every exposed output), and the raw outputs. */
async function runOnce(
  session: ort.InferenceSession,
  feeds: Record<string, NamedTensor>,
  label: string,
): Promise<{ values: Map<string, Float32Array>; outputs: ort.InferenceSession.OnnxValueMapType }> {
  const ortFeeds: Record<string, ort.Tensor> = {};
  for (const [name, tensor] of Object.entries(feeds)) ortFeeds[name] = toOrtTensor(tensor);
  let outputs: ort.InferenceSession.OnnxValueMapType;
  try {
    outputs = await session.run(ortFeeds);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new StudioError(label, `ONNX Runtime failed on this calibration sample: ${message}`, {
      cause: error,
    });
  }
  const values = new Map<string, Float32Array>();
  for (const [name, tensor] of Object.entries(feeds))
    if (tensor.dtype === 'float32') values.set(name, tensor.data as Float32Array);
  for (const [name, value] of Object.entries(outputs)) {
    const tensor = value as ort.Tensor;
    if (tensor.type === 'float32') values.set(name, tensor.data as Float32Array);
  }
  return { values, outputs };
}

/**
 * What calibration saw, per float tensor: extremes and (optionally) an |x| histogram. Two of them
 * merge exactly (histogram ranges are powers of two), so a split calibration set can be judged part
 * by part and still give ranges over all of it.
 */
export class RangeStatistics {
  readonly extremes = new Map<string, Extremes>();
  readonly histograms = new Map<string, AbsHistogram>();
  samples = 0;

  constructor(
    readonly withHistograms: boolean,
    readonly bins = DEFAULT_BINS,
  ) {}

  add(values: Map<string, Float32Array>): void {
    this.samples++;
    for (const [name, data] of values) {
      const { min, max } = extremesOf(data);
      this.widen(name, min, max);
      if (!this.withHistograms) continue;
      let histogram = this.histograms.get(name);
      if (!histogram) this.histograms.set(name, (histogram = new AbsHistogram(0, this.bins)));
      histogram.cover(Math.max(Math.abs(min), Math.abs(max)));
      histogram.add(data);
    }
  }

  /** One sample's extremes, computed by the runtime (ReduceMin/ReduceMax); extremes-only statistics. */
  addExtremes(extremes: Map<string, Extremes>): void {
    if (this.withHistograms) throw new Error('histogram statistics need whole tensors');
    this.samples++;
    for (const [name, e] of extremes) this.widen(name, e.min, e.max);
  }

  private widen(name: string, min: number, max: number): void {
    if (Number.isNaN(min) || Number.isNaN(max)) return;
    const e = this.extremes.get(name);
    if (!e) this.extremes.set(name, { min, max });
    else {
      e.min = Math.min(e.min, min);
      e.max = Math.max(e.max, max);
    }
  }

  /** These statistics and another's, as if one had seen every sample. */
  merged(other: RangeStatistics): RangeStatistics {
    const out = new RangeStatistics(this.withHistograms && other.withHistograms, this.bins);
    out.samples = this.samples + other.samples;
    for (const stats of [this, other]) {
      for (const [name, e] of stats.extremes) {
        const o = out.extremes.get(name);
        out.extremes.set(name, o ? { min: Math.min(o.min, e.min), max: Math.max(o.max, e.max) } : { ...e });
      }
      if (!out.withHistograms) continue;
      for (const [name, h] of stats.histograms) {
        let into = out.histograms.get(name);
        if (!into) out.histograms.set(name, (into = new AbsHistogram(0, this.bins)));
        into.merge(h);
      }
    }
    return out;
  }

  /** The ranges one method picks from these statistics. */
  ranges(
    method: CalibrationMethod,
    identity: Pick<CalibrationRanges, 'source' | 'model'>,
    percentile = 99.99,
  ): CalibrationRanges {
    const tensors: Record<string, TensorRange> = {};
    for (const [name, e] of this.extremes) {
      if (!Number.isFinite(e.min) || !Number.isFinite(e.max)) continue;
      const histogram = this.histograms.get(name);
      let amax = Math.max(Math.abs(e.min), Math.abs(e.max));
      if (method !== 'minmax' && !histogram)
        throw new Error(`${method} needs histograms: collect with histograms on`);
      if (histogram && method === 'entropy') amax = entropyAmax(histogram);
      if (histogram && method === 'percentile') amax = percentileAmax(histogram, percentile);
      tensors[name] = { min: e.min, max: e.max, amax };
    }
    return { method, ...(method === 'percentile' ? { percentile } : {}), ...identity, tensors };
  }
}

export interface StatisticsPass {
  /** Which statistics a sample goes to (index into the result), by its position; default all to 0. */
  partOf?: (index: number) => number;
  parts?: number;
  withHistograms: boolean;
  threads?: number;
  bins?: number;
  /** Sees each sample with the model's own outputs of that run (graph outputs included). */
  onSample?: (
    index: number,
    feeds: Record<string, NamedTensor>,
    outputs: ort.InferenceSession.OnnxValueMapType,
  ) => void;
}

/** One pass of the calibration set through the model with every tensor exposed. */
export async function collectStatistics(
  model: OnnxModel,
  source: CalibrationSource,
  pass: StatisticsPass,
  progress: ProgressSink = () => {},
  signal?: AbortSignal,
): Promise<RangeStatistics[]> {
  const parts = Array.from(
    { length: pass.parts ?? 1 },
    () => new RangeStatistics(pass.withHistograms, pass.bins),
  );
  let done = 0;
  const step = (message: string) => progress({ stage: 'calibrate', fraction: done / source.count, message });
  const session = await openExposedSession(model, pass.threads ?? 0);
  let reduced: ExtremesSession | undefined;
  try {
    step(
      `one pass over ${source.count} samples: ${pass.withHistograms ? 'ranges and |x| histograms' : 'ranges'}`,
    );
    for await (const sample of source.samples(signal)) {
      const part = parts[pass.partOf?.(done) ?? 0]!;
      const fast = reduced && (await reduced.run(sample.feeds, sample.id).catch(() => undefined));
      if (fast) {
        part.addExtremes(fast.extremes);
        pass.onSample?.(done, sample.feeds, fast.outputs);
      } else {
        // The first sample, histograms wanted, or a sample the reduced model could not take (ReduceMin
        // refuses an empty tensor): every tensor copied out whole, as before.
        if (reduced) await reduced.session.release();
        reduced = undefined;
        const { values, outputs } = await runOnce(session, sample.feeds, sample.id);
        part.add(values);
        pass.onSample?.(done, sample.feeds, outputs);
        if (!pass.withHistograms && done === 0 && source.count > 1)
          reduced = await ExtremesSession.open(model, values, pass.threads ?? 0).catch(() => undefined);
      }
      done++;
      step(sample.id);
      throwIfCancelled(signal);
    }
  } finally {
    await session.release();
    await reduced?.session.release();
  }
  progress({ stage: 'calibrate', fraction: 1, message: `${parts[0]!.extremes.size} tensors calibrated` });
  return parts;
}

/**
 * The model with each float tensor the first sample produced reduced to its extremes by the runtime.
 * Feeds are scanned here (they are in memory already); the model's own outputs stay outputs, for onSample.
 */
class ExtremesSession {
  private constructor(
    readonly session: ort.InferenceSession,
    private readonly outputsOf: Map<string, { min: string; max: string }>,
  ) {}

  static async open(model: OnnxModel, firstValues: Map<string, Float32Array>, threads: number) {
    const inputs = new Set(model.graph.inputs.map((i) => i.name));
    const produced = [...firstValues.keys()].filter((name) => !inputs.has(name));
    const { model: reduced, outputs } = exposeExtremes(model, produced);
    const session = await openCalibrationSession(model, reduced, threads);
    return new ExtremesSession(session, outputs);
  }

  async run(feeds: Record<string, NamedTensor>, label: string) {
    const { outputs } = await runOnce(this.session, feeds, label);
    const extremes = new Map<string, Extremes>();
    for (const [name, tensor] of Object.entries(feeds))
      if (tensor.dtype === 'float32') extremes.set(name, extremesOf(tensor.data as Float32Array));
    for (const [tensor, { min, max }] of this.outputsOf) {
      const low = (outputs[min] as ort.Tensor).data as Float32Array;
      const high = (outputs[max] as ort.Tensor).data as Float32Array;
      extremes.set(tensor, { min: low[0]!, max: high[0]! });
    }
    return { extremes, outputs };
  }
}

/** Where ranges came from, for the cache and the variant's recipe. */
export function rangesIdentity(model: OnnxModel, spec: string, samples: number) {
  return { source: { spec, samples }, model: { file: model.path, sha256: modelSha256(model) } };
}

/**
 * Runs the calibration set through the model and returns per-tensor ranges. Progress goes to the
 * 'calibrate' stage; the signal cancels between samples.
 */
export async function collectRanges(
  modelOrPath: OnnxModel | string,
  source: CalibrationSource,
  options: CollectRangesOptions = {},
  progress: ProgressSink = () => {},
  signal?: AbortSignal,
): Promise<CalibrationRanges> {
  const method = options.method ?? 'entropy';
  const all = await collectRangesForMethods(modelOrPath, source, [method], options, progress, signal);
  return all.get(method)!;
}

/**
 * Ranges for several methods from one pass: the extremes serve minmax, the histograms percentile and
 * entropy alike, so comparing the three costs what entropy alone costs.
 */
export async function collectRangesForMethods(
  modelOrPath: OnnxModel | string,
  source: CalibrationSource,
  methods: CalibrationMethod[],
  options: Omit<CollectRangesOptions, 'method'> = {},
  progress: ProgressSink = () => {},
  signal?: AbortSignal,
): Promise<Map<CalibrationMethod, CalibrationRanges>> {
  const model = typeof modelOrPath === 'string' ? readOnnx(modelOrPath) : modelOrPath;
  const pass = {
    withHistograms: methods.some((m) => m !== 'minmax'),
    threads: options.threads,
    bins: options.bins,
  };
  const [stats] = await collectStatistics(model, source, pass, progress, signal);
  const identity = rangesIdentity(model, source.spec, source.count);
  return new Map(methods.map((m) => [m, stats!.ranges(m, identity, options.percentile)]));
}
