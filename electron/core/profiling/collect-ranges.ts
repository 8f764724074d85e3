/**
 * Activation ranges by execution: the model runs on ONNX Runtime (CPU) with every intermediate tensor
 * exposed as an output, over the calibration set. Pass 1 records min/max/|max| per float tensor;
 * percentile and entropy need a second pass that fills a 2048-bin |x| histogram over [0, |max|].
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
  const model = typeof modelOrPath === 'string' ? readOnnx(modelOrPath) : modelOrPath;
  const method = options.method ?? 'entropy';
  const passes = method === 'minmax' ? 1 : 2;
  const total = passes * source.count;
  let done = 0;
  const step = (message: string) => progress({ stage: 'calibrate', fraction: done / total, message });
  const session = await openExposedSession(model, options.threads ?? 0);
  const extremes = new Map<string, Extremes>();
  const histograms = new Map<string, AbsHistogram>();
  try {
    step(`pass 1/${passes}: ranges over ${source.count} samples`);
    for await (const sample of source.samples(signal)) {
      updateExtremes(extremes, await runOnce(session, sample.feeds, sample.id));
      done++;
      step(sample.id);
      throwIfCancelled(signal);
    }
    if (passes === 2) {
      for (const [name, e] of extremes) {
        histograms.set(
          name,
          new AbsHistogram(Math.max(Math.abs(e.min), Math.abs(e.max)), options.bins ?? DEFAULT_BINS),
        );
      }
      step(`pass 2/2: ${method} histograms`);
      for await (const sample of source.samples(signal)) {
        for (const [name, data] of await runOnce(session, sample.feeds, sample.id))
          histograms.get(name)?.add(data);
        done++;
        step(sample.id);
        throwIfCancelled(signal);
      }
    }
  } finally {
    await session.release();
  }
  const tensors: Record<string, TensorRange> = {};
  for (const [name, e] of extremes) {
    if (!Number.isFinite(e.min) || !Number.isFinite(e.max)) continue;
    const absMax = Math.max(Math.abs(e.min), Math.abs(e.max));
    const histogram = histograms.get(name);
    let amax = absMax;
    if (histogram && method === 'entropy') amax = entropyAmax(histogram);
    if (histogram && method === 'percentile') amax = percentileAmax(histogram, options.percentile ?? 99.99);
    tensors[name] = { min: e.min, max: e.max, amax };
  }
  progress({ stage: 'calibrate', fraction: 1, message: `${Object.keys(tensors).length} tensors calibrated` });
  return {
    method,
    ...(method === 'percentile' ? { percentile: options.percentile ?? 99.99 } : {}),
    source: { spec: source.spec, samples: source.count },
    model: { file: model.path, sha256: modelSha256(model) },
    tensors,
  };
}
