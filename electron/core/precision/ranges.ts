/**
 * Activation ranges by execution: the model runs on ONNX Runtime (CPU) with every intermediate tensor
 * exposed as an output, once over the calibration set, recording min/max per float tensor and, for
 * percentile and entropy, a 2048-bin |x| histogram whose range grows (doubling) as larger values come.
 */
import * as ort from 'onnxruntime-node';
import { StudioError } from '../errors';
import { throwIfCancelled, type NamedTensor, type ProgressSink } from '../backends/backend';
import { toOrtTensor } from '../backends/ort-tensors';
import type { OnnxModel } from '../onnx/graph';
import { readOnnx } from '../onnx/reader';
import { encodeOnnx } from '../onnx/writer';
import { exposeIntermediates } from '../onnx/expose-intermediates';
import type { CalibrationSource } from './calibration/source';
import { modelSha256 } from './model-hash';
import { AbsHistogram, DEFAULT_BINS, entropyAmax, percentileAmax } from './range-methods';

export type CalibrationMethod = 'minmax' | 'percentile' | 'entropy';

export interface TensorRange {
  /** Observed extremes over the calibration set. */
  min: number;
  max: number;
  /** The chosen symmetric threshold: |max| for minmax, else the method's clip point. */
  amax: number;
}

export interface CalibrationRanges {
  method: CalibrationMethod;
  percentile?: number;
  /** The calibration data spec and how many samples it gave. */
  source: { spec: string; samples: number };
  model: { file: string; sha256: string };
  tensors: Record<string, TensorRange>;
}

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
  const exposed = exposeIntermediates(model);
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

/** Float32 values of every float tensor a run saw: the feeds and every exposed output. */
async function runOnce(
  session: ort.InferenceSession,
  feeds: Record<string, NamedTensor>,
  label: string,
): Promise<Map<string, Float32Array>> {
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
  return values;
}

function updateExtremes(extremes: Map<string, Extremes>, values: Map<string, Float32Array>): void {
  for (const [name, data] of values) {
    let e = extremes.get(name);
    if (!e) extremes.set(name, (e = { min: Infinity, max: -Infinity }));
    let min = e.min;
    let max = e.max;
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    e.min = min;
    e.max = max;
  }
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
  const needHistograms = methods.some((m) => m !== 'minmax');
  let done = 0;
  const step = (message: string) => progress({ stage: 'calibrate', fraction: done / source.count, message });
  const session = await openExposedSession(model, options.threads ?? 0);
  const extremes = new Map<string, Extremes>();
  const histograms = new Map<string, AbsHistogram>();
  try {
    step(`one pass over ${source.count} samples: ${needHistograms ? 'ranges and |x| histograms' : 'ranges'}`);
    for await (const sample of source.samples(signal)) {
      const values = await runOnce(session, sample.feeds, sample.id);
      updateExtremes(extremes, values);
      if (needHistograms) {
        for (const [name, data] of values) {
          const e = extremes.get(name)!;
          let histogram = histograms.get(name);
          if (!histogram)
            histograms.set(name, (histogram = new AbsHistogram(0, options.bins ?? DEFAULT_BINS)));
          histogram.cover(Math.max(Math.abs(e.min), Math.abs(e.max)));
          histogram.add(data);
        }
      }
      done++;
      step(sample.id);
      throwIfCancelled(signal);
    }
  } finally {
    await session.release();
  }
  const percentile = options.percentile ?? 99.99;
  const identity = {
    source: { spec: source.spec, samples: source.count },
    model: { file: model.path, sha256: modelSha256(model) },
  };
  const result = new Map<CalibrationMethod, CalibrationRanges>();
  for (const method of methods) {
    const tensors: Record<string, TensorRange> = {};
    for (const [name, e] of extremes) {
      if (!Number.isFinite(e.min) || !Number.isFinite(e.max)) continue;
      const histogram = histograms.get(name);
      let amax = Math.max(Math.abs(e.min), Math.abs(e.max));
      if (histogram && method === 'entropy') amax = entropyAmax(histogram);
      if (histogram && method === 'percentile') amax = percentileAmax(histogram, percentile);
      tensors[name] = { min: e.min, max: e.max, amax };
    }
    result.set(method, { method, ...(method === 'percentile' ? { percentile } : {}), ...identity, tensors });
  }
  progress({ stage: 'calibrate', fraction: 1, message: `${extremes.size} tensors calibrated` });
  return result;
}
