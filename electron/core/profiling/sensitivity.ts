/**
 * Layer sensitivity to INT8: for each weighted layer (Conv, Gemm, MatMul) the INT8 variant would
 * quantize, a variant with that layer ALONE quantized (its weights, input and output Q/DQ; every other
 * node float) runs on a few inputs against FP32, and the layers are ranked by how far the model's
 * outputs move (worst output cosine, then SNR). The few layers at the top are the ones worth keeping
 * in float: `keepMostSensitive` (precision/keep-sensitive.ts) turns them into Int8Options.keepFloat.
 *
 * Cost: one ORT session per layer (threads 2 by default) and `inputs.length` runs each, so pass 2-4
 * inputs, never the judged evaluation ones. The BatchNorm fold and opset raise happen once, up front.
 */
import type * as ort from 'onnxruntime-node';
import { throwIfCancelled, type ProgressSink } from '../model/progress';
import { floatValues, type NamedTensor } from '../model/tensor';
import { DEFAULT_ORT_SETTINGS, openOrtSession, runOrtSession } from '../backends/onnxruntime-session';
import { fromOrtTensor, toOrtTensor } from '../backends/ort-tensors';
import { MAX_SNR_DB, compareTensors } from '../analysis/accuracy';
import {
  keepMostSensitive,
  quantizedLayers,
  type SensitivityMode,
  type SensitivityRow,
} from '../precision/keep-sensitive';
import { StudioError } from '../errors';
import type { OnnxModel } from '../onnx/graph';
import { encodeOnnx } from '../onnx/writer';
import { makeInt8Variant, prepareForInt8, type Int8Options } from '../precision/int8-qdq';
import { WEIGHTED_OPS } from '../precision/qdq-ops';
import type { CalibrationRanges } from '../precision/calibration-ranges';

export interface SensitivityOptions {
  /** ORT intra-op threads per session (default 2: the analysis opens one session per layer). */
  threads?: number;
  /**
   * 'alone' (default): only the layer in INT8, ranked by lowest output cosine. 'all-but-one': every
   * layer the variant quantizes except this one, ranked by highest cosine (what keeping it float
   * recovers, interactions included; each session is the full INT8 model, so it costs more).
   */
  mode?: SensitivityMode;
}

type Feeds = Record<string, NamedTensor>;
type Outputs = Record<string, Float32Array>;

const DEFAULT_THREADS = 2;

async function outputsOf(session: ort.InferenceSession, label: string, feeds: Feeds): Promise<Outputs> {
  const ortFeeds = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, toOrtTensor(v)]));
  const out = await runOrtSession(session, label, ortFeeds);
  const values: Outputs = {};
  for (const [name, value] of Object.entries(out)) {
    const tensor = fromOrtTensor(name, value as ort.Tensor);
    if (tensor.dtype === 'float32' || tensor.dtype === 'float16') values[name] = floatValues(tensor);
  }
  return values;
}

async function runAll(model: OnnxModel, label: string, inputs: Feeds[], threads: number) {
  const settings = { ...DEFAULT_ORT_SETTINGS, intraOpThreads: threads };
  const session = await openOrtSession(label, settings, {}, encodeOnnx(model));
  try {
    const results: Outputs[] = [];
    for (const feeds of inputs) results.push(await outputsOf(session, label, feeds));
    return results;
  } finally {
    await session.release();
  }
}

/** Worst cosine (per input and output) and worst per-output SNR of `candidate` against `reference`. */
function score(reference: Outputs[], candidate: Outputs[]): { cosine: number; snrDb: number } {
  let cosine = 1;
  let snrDb = MAX_SNR_DB;
  for (const name of Object.keys(reference[0] ?? {})) {
    let errorSquares = 0;
    let referenceSquares = 0;
    reference.forEach((ref, i) => {
      const c = compareTensors(ref[name]!, candidate[i]![name]!);
      cosine = Number.isNaN(c.cosine) ? NaN : Math.min(cosine, c.cosine);
      const refSq = ref[name]!.reduce((sum, v) => sum + v * v, 0);
      referenceSquares += refSq;
      errorSquares += refSq * c.relativeError ** 2;
    });
    if (errorSquares > 0) snrDb = Math.min(snrDb, 10 * Math.log10(referenceSquares / errorSquares));
  }
  return { cosine, snrDb };
}

/**
 * Ranks the layers the INT8 variant quantizes by how much quantizing each alone hurts, most
 * sensitive first. Progress goes to the 'sensitivity' stage; the signal cancels between layers.
 */
export async function rankLayerSensitivity(
  model: OnnxModel,
  ranges: CalibrationRanges,
  options: Int8Options,
  inputs: Feeds[],
  settings: SensitivityOptions = {},
  progress: ProgressSink = () => {},
  signal?: AbortSignal,
): Promise<SensitivityRow[]> {
  if (inputs.length === 0)
    throw new StudioError(model.path || undefined, 'sensitivity needs at least one input');
  const threads = settings.threads ?? DEFAULT_THREADS;
  const base = prepareForInt8(model, options).model;
  const layers = quantizedLayers(base, ranges, options);
  const label = model.path || 'model';
  const reference = await runAll(base, label, inputs, threads);
  const names = layers.map((n) => n.name);
  const rows: SensitivityRow[] = [];
  for (const [index, layer] of layers.entries()) {
    throwIfCancelled(signal);
    progress({ stage: 'sensitivity', fraction: index / layers.length, message: layer.name });
    const excluded = options.excludeNodes ?? [];
    const alone = settings.mode !== 'all-but-one';
    const variant = makeInt8Variant(base, ranges, {
      ...options,
      ...(alone
        ? { quantizeOps: WEIGHTED_OPS, excludeNodes: [...excluded, ...names.filter((n) => n !== layer.name)] }
        : { excludeNodes: [...excluded, layer.name] }),
    }).model;
    const what = alone ? 'in INT8' : 'kept float';
    const measured = score(
      reference,
      await runAll(variant, `${label} (${layer.name} ${what})`, inputs, threads),
    );
    rows.push({ node: layer.name, opType: layer.opType, ...measured });
  }
  progress({ stage: 'sensitivity', fraction: 1, message: `${layers.length} layers ranked` });
  rows.sort(bySensitivity);
  return settings.mode === 'all-but-one' ? rows.reverse() : rows;
}

/** Lowest cosine first (NaN first of all), then lowest SNR. */
function bySensitivity(a: SensitivityRow, b: SensitivityRow): number {
  const ca = Number.isNaN(a.cosine) ? -Infinity : a.cosine;
  const cb = Number.isNaN(b.cosine) ? -Infinity : b.cosine;
  return ca - cb || a.snrDb - b.snrDb;
}

/**
 * The INT8 variant with its `keep` most sensitive layers in float: ranks the layers on `inputs`
 * (never the judged evaluation inputs), then makes the variant. Returns the ranking too.
 */
export async function makeInt8VariantKeepingSensitive(
  model: OnnxModel,
  ranges: CalibrationRanges,
  options: Int8Options,
  inputs: Feeds[],
  keep: number,
  settings: SensitivityOptions = {},
  progress: ProgressSink = () => {},
  signal?: AbortSignal,
) {
  const ranked =
    keep > 0 ? await rankLayerSensitivity(model, ranges, options, inputs, settings, progress, signal) : [];
  const keepFloat = [...(options.keepFloat ?? []), ...keepMostSensitive(ranked, keep, settings.mode)];
  const made = makeInt8Variant(model, ranges, { ...options, keepFloat });
  if (keep > 0)
    made.variant.notes.push(
      `${Math.min(keep, ranked.length)} most INT8-sensitive layers kept in float (ranked on ${inputs.length} inputs)`,
    );
  return { ...made, ranked };
}
