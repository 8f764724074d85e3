/**
 * Keeping the most INT8-sensitive layers in float: for YOLOX-Nano and FastestDet (target onnxruntime,
 * the calibration of test/integration/accuracy.test.ts on coco-calib), rank the quantized layers by
 * how much quantizing each alone moves the outputs (on a few coco-CALIB images, so the judged
 * coco-eval images stay unseen), then for N = 0, 2, 4, 8 kept float: decoded-box agreement with FP32
 * on the 16 coco-eval images, output cosine, and latency vs FP32 at batch 1 (medians of runs
 * interleaved round-robin in this process). Prints figures; asserts nothing about time.
 * Run: node bin/run-ts.mjs test/bench/int8-sensitivity.ts [sensitivityInputs=3] [keep=0,2,4,8] [models,...]
 *      [mode=alone|all-but-one] [method=as in the test]
 */
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { PostprocessKind } from '../../electron/core/api';
import { AccuracyAccumulator, worstFloatCosine } from '../../electron/core/analysis/accuracy';
import type { NamedTensor } from '../../electron/core/model/tensor';
import { fromOrtTensor, toOrtTensor } from '../../electron/core/backends/ort-tensors';
import type { OnnxModel } from '../../electron/core/onnx/graph';
import { readOnnx } from '../../electron/core/onnx/reader';
import { encodeOnnx } from '../../electron/core/onnx/writer';
import {
  loadCalibrationSource,
  loadEvaluationSamples,
  type EvaluationSample,
} from '../../electron/core/pipeline/input-source';
import type { ImagePreprocessOptions } from '../../electron/core/pipeline/image-preprocess';
import { postprocess } from '../../electron/core/pipeline/postprocess';
import { collectRanges } from '../../electron/core/profiling/collect-ranges';
import { makeInt8Variant, type CalibrationMethod } from '../../electron/core/precision';
import { modelInputs } from '../../electron/core/pipeline/model-inputs';
import { keepMostSensitive, type SensitivityMode } from '../../electron/core/precision/keep-sensitive';
import { rankLayerSensitivity } from '../../electron/core/profiling/sensitivity';
import { FIXTURES } from '../helpers/fixtures';

const SENSITIVITY_INPUTS = Number(process.argv[2] ?? 3);
const KEEP = (process.argv[3] ?? '0,2,4,8').split(',').map(Number);
const THREADS = 2;
const ROUNDS = 10;
const CALIB = `images:${path.join(FIXTURES, 'images', 'coco-calib')}`;
const EVAL = `images:${path.join(FIXTURES, 'images', 'coco-eval')}`;

interface BenchModel {
  name: string;
  image: Partial<ImagePreprocessOptions>;
  post: PostprocessKind;
  method: CalibrationMethod;
  calibLimit: number;
}

/** As in test/integration/accuracy.test.ts. */
const ALL_MODELS: BenchModel[] = [
  {
    name: 'yolox_nano_416',
    image: { resize: 'letterbox', letterboxAnchor: 'top-left', padValue: 114, scale: 1, channelOrder: 'bgr' },
    post: 'yolox',
    method: 'percentile',
    calibLimit: 16,
  },
  {
    name: 'fastestdet_352',
    image: { channelOrder: 'bgr' },
    post: 'fastestdet',
    method: 'entropy',
    calibLimit: 16,
  },
];
const wanted = process.argv[4]?.split(',');
const MODELS = wanted ? ALL_MODELS.filter((m) => wanted.includes(m.name)) : ALL_MODELS;
const MODE = (process.argv[5] ?? 'alone') as SensitivityMode;
const METHOD = process.argv[6] as CalibrationMethod | undefined;

function session(model: OnnxModel): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(encodeOnnx(model), {
    executionProviders: ['cpu'],
    intraOpNumThreads: THREADS,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  });
}

async function outputsOf(s: ort.InferenceSession, feeds: Record<string, NamedTensor>) {
  const ortFeeds = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, toOrtTensor(v)]));
  const out = await s.run(ortFeeds);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, fromOrtTensor(k, v as ort.Tensor)]));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median batch-1 latency per session, runs interleaved round-robin (3 per session per round). */
async function interleavedMedians(sessions: ort.InferenceSession[], feeds: Record<string, NamedTensor>) {
  const times: number[][] = sessions.map(() => []);
  for (const s of sessions) for (let i = 0; i < 3; i++) await outputsOf(s, feeds);
  for (let r = 0; r < ROUNDS; r++)
    for (const [i, s] of sessions.entries())
      for (let k = 0; k < 3; k++) {
        const start = performance.now();
        await outputsOf(s, feeds);
        times[i]!.push(performance.now() - start);
      }
  return times.map(median);
}

async function agreement(
  model: BenchModel,
  samples: EvaluationSample[],
  geometry: { width: number; height: number },
  reference: ort.InferenceSession,
  variant: ort.InferenceSession,
) {
  const size = { inputWidth: geometry.width, inputHeight: geometry.height };
  const accumulator = new AccuracyAccumulator();
  for (const sample of samples) {
    const [a, b] = [await outputsOf(reference, sample.feeds), await outputsOf(variant, sample.feeds)];
    accumulator.add(a, b);
    accumulator.addBoxes(postprocess(model.post, a, size).boxes!, postprocess(model.post, b, size).boxes!);
  }
  const result = accumulator.result('int8', 'fp32');
  return { boxes: result.boxAgreement ?? NaN, cosine: worstFloatCosine(result) ?? NaN };
}

async function benchModel(model: BenchModel): Promise<void> {
  if (METHOD) model = { ...model, method: METHOD };
  console.log(
    `\n=== ${model.name} (ORT CPU, ${THREADS} threads, ${model.method} on ${model.calibLimit} coco-calib) ===`,
  );
  const onnx = readOnnx(path.join(FIXTURES, 'models', `${model.name}.onnx`));
  const source = loadCalibrationSource(CALIB, modelInputs(onnx), {
    image: model.image,
    limit: model.calibLimit,
  });
  const ranges = await collectRanges(onnx, source, { method: model.method, threads: THREADS });
  const sensitivityInputs = (
    await loadEvaluationSamples(CALIB, onnx, { image: model.image, limit: SENSITIVITY_INPUTS })
  ).samples;
  const started = performance.now();
  const ranked = await rankLayerSensitivity(
    onnx,
    ranges,
    { target: 'onnxruntime' },
    sensitivityInputs.map((s) => s.feeds),
    { threads: THREADS, mode: MODE },
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  sensitivity: ${ranked.length} layers (${MODE}) on ${SENSITIVITY_INPUTS} coco-calib images in ${seconds.toFixed(1)} s`,
  );
  for (const [i, row] of ranked.slice(0, 10).entries())
    console.log(
      `    ${i + 1}. ${row.node} (${row.opType}) cosine ${row.cosine.toFixed(4)} SNR ${row.snrDb.toFixed(1)} dB`,
    );

  const { samples, geometry } = await loadEvaluationSamples(EVAL, onnx, { image: model.image });
  const variants = KEEP.map((keep) => ({
    keep,
    model: makeInt8Variant(onnx, ranges, {
      target: 'onnxruntime',
      keepFloat: keepMostSensitive(ranked, keep),
    }).model,
  }));
  const sessions = await Promise.all([onnx, ...variants.map((v) => v.model)].map(session));
  const medians = await interleavedMedians(sessions, samples[0]!.feeds);
  console.log(`  fp32 batch 1: ${medians[0]!.toFixed(2)} ms (median)`);
  for (const [i, v] of variants.entries()) {
    const accuracy = await agreement(model, samples, geometry!, sessions[0]!, sessions[i + 1]!);
    console.log(
      `  keep ${v.keep} float: box agreement ${(accuracy.boxes * 100).toFixed(1)}%, worst output cosine ${accuracy.cosine.toFixed(4)}, batch 1 ${medians[i + 1]!.toFixed(2)} ms (${(medians[0]! / medians[i + 1]!).toFixed(2)}x FP32)`,
    );
  }
  for (const s of sessions) await s.release();
}

console.log(`cpu: ${os.cpus()[0]?.model} x${os.cpus().length}; ORT ${ort.env.versions.common}`);
for (const model of MODELS) await benchModel(model);
