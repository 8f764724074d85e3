/**
 * FP32 vs FP16 vs INT8 on ONNX Runtime's CPU provider at 2 threads, batch 1 and batch 8, for
 * MobileNetV2, YOLOX-Nano and FastestDet: latency (ratios measured in this one process), the wall time
 * of making each variant (INT8: calibration on coco-calib + quantization + write), accuracy against
 * FP32 on coco-eval, and, from the per-node profiles, why INT8 did or did not pay.
 * Prints figures; asserts nothing about time.
 * Run: node bin/run-ts.mjs test/bench/quantize.ts [iterations=40] [calibration method=entropy] [models,...]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImageOptions, PostprocessKind } from '../../electron/core/api';
import { compareOnInputs } from '../../electron/core/profiling/accuracy-run';
import { explainInt8Payoff, type EngineRun } from '../../electron/core/analysis/int8-payoff';
import { seededInput, type NamedTensor } from '../../electron/core/model/tensor';
import type { PreparedEngine } from '../../electron/core/backends/backend';
import { summarize } from '../../electron/core/model/statistics';
import { batchFoldingReshapes, writeSymbolicBatchModel } from '../../electron/core/backends/batch-override';
import { OnnxRuntimeBackend } from '../../electron/core/backends/onnxruntime';
import { describeError } from '../../electron/core/errors';
import type { Variant } from '../../electron/core/model/types';
import { readOnnx } from '../../electron/core/onnx/reader';
import { writeOnnx } from '../../electron/core/onnx/writer';
import { loadCalibrationSource, loadEvaluationSamples } from '../../electron/core/pipeline/input-source';
import { modelInputs } from '../../electron/core/pipeline/model-inputs';
import { makeFp16Variant } from '../../electron/core/precision/fp16';
import { makeInt8Variant } from '../../electron/core/precision/int8-qdq';
import { collectRanges } from '../../electron/core/profiling/collect-ranges';
import type { CalibrationMethod } from '../../electron/core/precision/calibration-ranges';
import { FIXTURES } from '../helpers/fixtures';

const ITERATIONS = Number(process.argv[2] ?? 40);
const METHOD = (process.argv[3] ?? 'entropy') as CalibrationMethod;
const THREADS = 2;
const BATCHES = [1, 8];

interface BenchModel {
  name: string;
  image: ImageOptions;
  post: PostprocessKind;
}

const ALL_MODELS: BenchModel[] = [
  // Keras MobileNetV2 takes [-1, 1]: x * 2/255 - 1.
  { name: 'mobilenet_v2_128_0.5', image: { scale: 2 / 255, mean: [1, 1, 1] }, post: 'classifier' },
  // YOLOX: BGR 0..255, letterboxed at the top-left, padded with 114.
  {
    name: 'yolox_nano_416',
    image: { resize: 'letterbox', letterboxAnchor: 'top-left', padValue: 114, scale: 1, channelOrder: 'bgr' },
    post: 'yolox',
  },
  // FastestDet's sample: cv2 (BGR) resize to 352x352, / 255.
  { name: 'fastestdet_352', image: { channelOrder: 'bgr' }, post: 'fastestdet' },
];
const wanted = process.argv[4]?.split(',');
const MODELS = wanted ? ALL_MODELS.filter((m) => wanted.includes(m.name)) : ALL_MODELS;

const backend = new OnnxRuntimeBackend();
const quiet = () => {};
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trt-studio-bench-'));

async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

async function makeVariants(model: BenchModel) {
  const file = path.join(FIXTURES, 'models', `${model.name}.onnx`);
  const onnx = readOnnx(file);
  const fp16Path = path.join(work, `${model.name}.fp16.onnx`);
  const fp16 = await timed(() => {
    const made = makeFp16Variant(onnx);
    writeOnnx(made.model, fp16Path);
    return made.variant;
  });
  const int8Path = path.join(work, `${model.name}.int8.onnx`);
  const int8 = await timed(async () => {
    const calib = `images:${path.join(FIXTURES, 'images', 'coco-calib')}`;
    const source = loadCalibrationSource(calib, modelInputs(onnx), { image: model.image });
    const ranges = await collectRanges(onnx, source, { method: METHOD, threads: THREADS });
    const made = makeInt8Variant(onnx, ranges, { target: 'onnxruntime' });
    writeOnnx(made.model, int8Path);
    return made.variant;
  });
  const fp32: Variant = {
    id: 'fp32',
    precision: 'fp32',
    modelSha256: '',
    recipe: {},
    keptHigherPrecision: [],
    notes: [],
  };
  console.log(
    `  made FP16 in ${fp16.ms.toFixed(0)} ms; INT8 (${METHOD} calibration on 48 images + Q/DQ + write) in ${(int8.ms / 1000).toFixed(1)} s`,
  );
  return {
    onnx,
    variants: [
      { variant: fp32, file },
      { variant: fp16.value, file: fp16Path },
      { variant: int8.value, file: int8Path },
    ],
  };
}

function batchedFile(file: string, batch: number): string {
  if (batch === 1) return file;
  // Into the bench's own temp folder: never beside the user's (or the fixtures') model.
  const out = path.join(
    work,
    path.basename(file).replace(/\.onnx$/, `.${path.basename(path.dirname(file))}.batch.onnx`),
  );
  if (!fs.existsSync(out)) writeSymbolicBatchModel(file, out);
  return out;
}

const ROUNDS = 8;

/**
 * Median end-to-end latency of each engine, timed in alternating rounds (FP32, FP16, INT8, FP32, ...)
 * on the same seeded inputs, so a slow stretch of a shared machine lands on every variant alike.
 */
async function interleavedMedians(
  engines: (PreparedEngine | null)[],
  onnx: ReturnType<typeof readOnnx>,
  batch: number,
): Promise<(number | null)[]> {
  const feeds: Record<string, NamedTensor> = {};
  modelInputs(onnx).forEach((input, i) => {
    const dims = (input.shape ?? []).map((d, axis) => (axis === 0 ? batch : typeof d === 'number' ? d : 1));
    feeds[input.name] = seededInput(input.dtype ?? 'float32', dims, 4321 + i);
  });
  const perRound = Math.max(3, Math.round((batch === 1 ? ITERATIONS : ITERATIONS / 4) / ROUNDS));
  const samples = engines.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, engine] of engines.entries()) {
      if (!engine) continue;
      for (let k = 0; k < perRound; k++) {
        const start = performance.now();
        await backend.run(engine, feeds);
        samples[i]!.push(performance.now() - start);
      }
    }
  }
  return samples.map((s) => (s.length > 0 ? summarize(s).medianMs : null));
}

async function benchModel(model: BenchModel): Promise<void> {
  console.log(
    `\n=== ${model.name} (ORT ${(await backend.capabilities()).version}, CPU, ${THREADS} threads) ===`,
  );
  const { onnx, variants } = await makeVariants(model);
  const convOrigins = onnx.graph.nodes.filter((n) => n.opType === 'Conv').map((n) => n.name);
  const batchOne: PreparedEngine[] = [];
  for (const batch of BATCHES) {
    const runs: (EngineRun | null)[] = [];
    const prepared: (PreparedEngine | null)[] = [];
    const reasons: string[] = [];
    for (const { variant, file } of variants) {
      try {
        const engine = await backend.prepare(variant, batchedFile(file, batch), { threads: THREADS }, quiet);
        const iterations = batch === 1 ? ITERATIONS : Math.max(10, Math.round(ITERATIONS / 4));
        const { profile } = await backend.profile(
          engine,
          { iterations, warmupIterations: 5, batchSize: batch },
          quiet,
        );
        runs.push({ engine: engine.engine, profile });
        prepared.push(engine);
        if (batch === 1) batchOne.push(engine);
      } catch (error) {
        runs.push(null);
        prepared.push(null);
        const folding = batch > 1 ? batchFoldingReshapes(onnx) : [];
        reasons.push(
          folding.length > 0
            ? `${variant.precision}: the export folded its batch into fixed sizes (${folding[0]!.node} reshapes to [${folding[0]!.target.join(', ')}], and ${folding.length - 1} more); re-export with a dynamic batch axis`
            : `${variant.precision}: ${describeError(error).slice(0, 300)}`,
        );
      }
    }
    // Headline ratios from interleaved rounds: drift on a shared machine hits every variant alike.
    const interleaved = await interleavedMedians(prepared, onnx, batch);
    if (batch !== 1) for (const engine of prepared) if (engine) await backend.release(engine);
    const median = (i: number) => interleaved[i] ?? undefined;
    const cell = (i: number) => {
      const m = median(i);
      if (m === undefined) return 'n/a';
      const base = median(0);
      const ratio = base !== undefined && i > 0 ? ` (${(base / m).toFixed(2)}x)` : '';
      return `${m.toFixed(3)} ms${ratio}`;
    };
    console.log(
      `  batch ${batch}: FP32 ${cell(0)} | FP16 ${cell(1)} | INT8 ${cell(2)}   [p50 of ${ROUNDS} interleaved rounds; (x) = FP32/variant]`,
    );
    for (const [i, run] of runs.entries()) {
      if (!run?.profile.latency) continue;
      const l = run.profile.latency;
      const perItem = (batch * 1000) / l.meanMs;
      console.log(
        `    ${variants[i]!.variant.precision} (own run of ${l.count}): p50 ${l.medianMs.toFixed(3)} p90 ${l.p90Ms!.toFixed(3)} p99 ${l.p99Ms!.toFixed(3)} cv ${(l.cv! * 100).toFixed(1)}% ${perItem.toFixed(1)} items/s`,
      );
    }
    for (const reason of reasons) console.log(`    not run: ${reason}`);
    if (runs[0] && runs[2]) {
      // The verdict is judged on the interleaved medians the headline shows.
      const judged = (run: EngineRun, m: number | null): EngineRun =>
        m === null || !run.profile.latency
          ? run
          : { ...run, profile: { ...run.profile, latency: { ...run.profile.latency, medianMs: m } } };
      const fp32Run = judged(runs[0], interleaved[0] ?? null);
      const int8Run = judged(runs[2], interleaved[2] ?? null);
      for (const sentence of explainInt8Payoff(fp32Run, int8Run, convOrigins))
        console.log(`    why: ${sentence}`);
    }
    if (runs[1]) {
      const cast = runs[1].profile.warnings.find((w) => w.includes('InsertedPrecisionFreeCast'));
      if (cast) console.log(`    fp16: ${cast}`);
    }
  }
  if (batchOne.length === 3) {
    const spec = `images:${path.join(FIXTURES, 'images', 'coco-eval')}`;
    const { samples, geometry } = await loadEvaluationSamples(spec, onnx, { image: model.image });
    const options = { postprocess: model.post, geometry };
    const run = await compareOnInputs(backend, batchOne[0]!, batchOne.slice(1), samples, options, quiet);
    for (const result of run.results) {
      const cos = Math.min(...result.outputs.map((o) => o.cosine));
      const snr = Math.min(...result.outputs.map((o) => o.snrDb));
      const extra = [
        result.top1Agreement !== undefined
          ? `top-1 agreement ${(result.top1Agreement * 100).toFixed(1)}%`
          : '',
        result.boxAgreement !== undefined
          ? `box agreement (IoU>=0.5) ${(result.boxAgreement * 100).toFixed(1)}%`
          : '',
      ].filter(Boolean);
      console.log(
        `  accuracy ${result.variantId} on ${result.inputs} coco-eval images: cosine ${cos.toFixed(5)}, SNR ${snr.toFixed(1)} dB${extra.length ? `, ${extra.join(', ')}` : ''}`,
      );
    }
    const pipeline = run.pipelines.get(batchOne[0]!.engine.id)!.summary();
    if (pipeline) console.log(`  pipeline (fp32): ${pipeline}`);
  }
  for (const engine of batchOne) await backend.release(engine);
}

console.log(
  `cpu: ${os.cpus()[0]?.model} x${os.cpus().length}; iterations ${ITERATIONS} (batch 8: a quarter)`,
);
try {
  for (const model of MODELS) await benchModel(model);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
