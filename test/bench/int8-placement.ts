/**
 * Where the INT8 Q/DQ pairs go, and what it buys on ONNX Runtime's CPU provider (2 threads): for
 * MobileNetV2, YOLOX-Nano and FastestDet, FP32 vs INT8 with the old placement (weighted ops only,
 * output convs quantized) and the current default (an INT8 flow through the ops ORT fuses into QLinear*
 * kernels, output convs kept in float), at batch 1 and batch 8. Latencies are medians of runs
 * interleaved round-robin in this one process (so machine load hits every variant alike); accuracy is
 * judged on coco-eval (calibration on coco-calib): output cosine, and top-1 or decoded-box agreement.
 * Prints figures; asserts nothing about time.
 * Run: node bin/run-ts.mjs test/bench/int8-placement.ts [rounds=15] [method=entropy] [models,...]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { PostprocessKind } from '../../electron/core/api';
import type { NamedTensor } from '../../electron/core/model/tensor';
import { symbolicBatchModel } from '../../electron/core/backends/batch-override';
import { fromOrtTensor, toOrtTensor } from '../../electron/core/backends/ort-tensors';
import type { OnnxModel } from '../../electron/core/onnx/graph';
import { readOnnx } from '../../electron/core/onnx/reader';
import { encodeOnnx } from '../../electron/core/onnx/writer';
import { matchDetections } from '../../electron/core/analysis/detection-agreement';
import { loadCalibrationSource, loadEvaluationSamples } from '../../electron/core/pipeline/input-source';
import type { ImagePreprocessOptions } from '../../electron/core/pipeline/image-preprocess';
import { postprocess } from '../../electron/core/pipeline/postprocess';
import {
  WEIGHTED_OPS,
  makeInt8Variant,
  readCalibrationCache,
  writeCalibrationCache,
  type CalibrationMethod,
  type Int8Options,
} from '../../electron/core/precision';
import { collectRanges } from '../../electron/core/profiling/collect-ranges';
import { modelInputs } from '../../electron/core/pipeline/model-inputs';
import { modelSha256 } from '../../electron/core/precision/model-hash';
import { FIXTURES } from '../helpers/fixtures';

const ROUNDS = Number(process.argv[2] ?? 15);
const METHOD = (process.argv[3] ?? 'entropy') as CalibrationMethod;
const THREADS = 2;

interface BenchModel {
  name: string;
  image: Partial<ImagePreprocessOptions>;
  post: PostprocessKind;
}

const ALL_MODELS: BenchModel[] = [
  { name: 'mobilenet_v2_128_0.5', image: {}, post: 'classifier' },
  {
    name: 'yolox_nano_416',
    image: { scale: 1, resize: 'letterbox', letterboxAnchor: 'top-left', channelOrder: 'bgr' },
    post: 'yolox',
  },
  { name: 'fastestdet_352', image: { channelOrder: 'bgr' }, post: 'fastestdet' },
];
const wanted = process.argv[4]?.split(',');
const MODELS = wanted ? ALL_MODELS.filter((m) => wanted.includes(m.name)) : ALL_MODELS;

/** The placements compared: the one before the INT8-flow change, and today's default. */
const PLACEMENTS: { label: string; options: Int8Options }[] = [
  {
    label: 'old',
    options: {
      quantizeOps: WEIGHTED_OPS,
      keepOutputHeadsFloat: false,
      floatStemLayers: 0,
      foldBatchNorm: false,
    },
  },
  { label: 'new', options: {} },
];

async function ranges(model: BenchModel, onnx: OnnxModel) {
  const cache = path.join(os.tmpdir(), `trt-studio-int8-${modelSha256(onnx).slice(0, 12)}-${METHOD}.json`);
  if (fs.existsSync(cache)) return readCalibrationCache(cache);
  const calib = `images:${path.join(FIXTURES, 'images', 'coco-calib')}`;
  const source = loadCalibrationSource(calib, modelInputs(onnx), { image: model.image });
  const collected = await collectRanges(onnx, source, { method: METHOD, threads: THREADS });
  writeCalibrationCache(cache, collected);
  return collected;
}

function session(bytes: Uint8Array): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads: THREADS,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  });
}

function batchOf(tensor: NamedTensor, batch: number): ort.Tensor {
  const one = tensor.data as Float32Array;
  const data = new Float32Array(one.length * batch);
  for (let b = 0; b < batch; b++) data.set(one, b * one.length);
  return new ort.Tensor('float32', data, [batch, ...tensor.dims.slice(1)]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median latency per session, runs interleaved round-robin (3 per session per round). */
async function interleavedMedians(sessions: ort.InferenceSession[], feed: ort.Tensor, rounds: number) {
  const times: number[][] = sessions.map(() => []);
  const feeds = (s: ort.InferenceSession) => ({ [s.inputNames[0]!]: feed });
  for (const s of sessions) for (let i = 0; i < 3; i++) await s.run(feeds(s));
  for (let r = 0; r < rounds; r++) {
    for (const [i, s] of sessions.entries()) {
      for (let k = 0; k < 3; k++) {
        const start = performance.now();
        await s.run(feeds(s));
        times[i]!.push(performance.now() - start);
      }
    }
  }
  return times.map(median);
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 && nb === 0 ? 1 : dot / Math.sqrt(na * nb);
}

async function outputsOf(s: ort.InferenceSession, feeds: Record<string, NamedTensor>) {
  const ortFeeds = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, toOrtTensor(v)]));
  const out = await s.run(ortFeeds);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, fromOrtTensor(k, v as ort.Tensor)]));
}

/** Mean/min output cosine and top-1 or decoded-box agreement (IoU >= 0.5) against the reference. */
async function accuracy(
  model: BenchModel,
  onnx: OnnxModel,
  reference: ort.InferenceSession,
  variant: ort.InferenceSession,
) {
  const spec = `images:${path.join(FIXTURES, 'images', 'coco-eval')}`;
  const { samples, geometry } = await loadEvaluationSamples(spec, onnx, { image: model.image });
  const size = { inputWidth: geometry!.width, inputHeight: geometry!.height };
  const cosines: number[] = [];
  let agree = 0;
  let total = 0;
  for (const sample of samples) {
    const [a, b] = [await outputsOf(reference, sample.feeds), await outputsOf(variant, sample.feeds)];
    for (const name of Object.keys(a))
      cosines.push(cosine(a[name]!.data as Float32Array, b[name]!.data as Float32Array));
    const [pa, pb] = [postprocess(model.post, a, size), postprocess(model.post, b, size)];
    if (pa.classes) {
      agree += pa.classes[0]![0]!.classId === pb.classes![0]![0]!.classId ? 1 : 0;
      total++;
    } else if (pa.boxes) {
      agree += matchDetections(pa.boxes, pb.boxes!).matched;
      total += pa.boxes.length;
    }
  }
  const mean = cosines.reduce((x, y) => x + y, 0) / cosines.length;
  const what = model.post === 'classifier' ? 'top-1 agreement' : 'box agreement (IoU>=0.5)';
  return `cosine mean ${mean.toFixed(4)} min ${Math.min(...cosines).toFixed(4)}, ${what} ${((agree / Math.max(1, total)) * 100).toFixed(1)}% of ${total} (${samples.length} images)`;
}

async function benchModel(model: BenchModel): Promise<void> {
  console.log(`\n=== ${model.name} (ORT CPU, ${THREADS} threads, ${METHOD} calibration) ===`);
  const onnx = readOnnx(path.join(FIXTURES, 'models', `${model.name}.onnx`));
  const calibrated = await ranges(model, onnx);
  const variants: { label: string; model: OnnxModel }[] = [{ label: 'fp32', model: onnx }];
  for (const placement of PLACEMENTS) {
    const made = makeInt8Variant(onnx, calibrated, { target: 'onnxruntime', ...placement.options });
    const qdq = made.model.graph.nodes.filter((n) => n.opType === 'QuantizeLinear').length;
    console.log(
      `  int8-${placement.label}: ${made.variant.notes[made.variant.notes.length - 3]}; ${qdq} Q nodes; ${made.variant.keptHigherPrecision.length} kept float`,
    );
    variants.push({ label: `int8-${placement.label}`, model: made.model });
  }
  const input = (
    await loadEvaluationSamples(`images:${path.join(FIXTURES, 'images', 'coco-eval')}`, onnx, {
      image: model.image,
      limit: 1,
    })
  ).samples[0]!;
  const tensor = Object.values(input.feeds)[0]!;
  for (const batch of [1, 8]) {
    let sessions: ort.InferenceSession[];
    try {
      sessions = await Promise.all(
        variants.map((v) => session(encodeOnnx(batch === 1 ? v.model : symbolicBatchModel(v.model)))),
      );
      const medians = await interleavedMedians(
        sessions,
        batchOf(tensor, batch),
        batch === 1 ? ROUNDS : Math.ceil(ROUNDS / 2),
      );
      const cells = variants.map(
        (v, i) =>
          `${v.label} ${medians[i]!.toFixed(2)} ms${i > 0 ? ` (${(medians[0]! / medians[i]!).toFixed(2)}x)` : ''}`,
      );
      console.log(`  batch ${batch}: ${cells.join(' | ')}   [median; (x) = FP32/INT8]`);
    } catch (error) {
      console.log(
        `  batch ${batch}: not run: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
      );
      continue;
    }
    if (batch === 1)
      for (const [i, v] of variants.entries())
        if (i > 0)
          console.log(`  accuracy ${v.label}: ${await accuracy(model, onnx, sessions[0]!, sessions[i]!)}`);
    for (const s of sessions) await s.release();
  }
}

console.log(
  `cpu: ${os.cpus()[0]?.model} x${os.cpus().length}; ORT ${ort.env.versions.common}; ${ROUNDS} rounds x 3 runs per variant at batch 1 (batch 8: half)`,
);
for (const model of MODELS) await benchModel(model);
