/**
 * FP32 vs FP16 vs INT8 on ONNX Runtime's CPU provider, for MobileNetV2, YOLOX-Nano, FastestDet and the
 * studio's DETR-style sample: per model, the wall time of making each variant (INT8: calibration on
 * coco-calib + quantization + write) for each calibration method and for the automatic choice, the
 * task metric of each on coco-eval (images calibration never saw), and the INT8/FP32 and FP16/FP32
 * latency ratios at batch 1 and 8 (interleaved rounds in this one process, INT8 = the automatic
 * choice), with why INT8 did or did not pay. Ends with a compact table; asserts nothing about time.
 * ONNX Runtime's own quantizer (Python quantize_static) cannot run here: its figures are the ones
 * recorded in issue 14, measured on a 16-core machine, printed beside ours as a reference.
 *
 * Run: node bin/run-ts.mjs test/bench/quantize.ts [--threads 2] [--iterations 40]
 *        [--models mobilenet_v2_128_0.5,yolox_nano_416,fastestdet_352,sample_detr]
 *        [--methods minmax,percentile,entropy,auto] [--calib-limit 48]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sampleDetrModel } from '../../assets/make-sample-detr';
import type { ImageOptions, PostprocessKind } from '../../electron/core/api';
import { worstFloatCosine } from '../../electron/core/analysis/accuracy';
import { compareOnInputs } from '../../electron/core/profiling/accuracy-run';
import { explainInt8Payoff, type EngineRun } from '../../electron/core/analysis/int8-payoff';
import { summarize } from '../../electron/core/model/statistics';
import type { PreparedEngine } from '../../electron/core/backends/backend';
import { seededInput, type NamedTensor } from '../../electron/core/model/tensor';
import { batchFoldingReshapes, writeSymbolicBatchModel } from '../../electron/core/backends/batch-override';
import { OnnxRuntimeBackend } from '../../electron/core/backends/onnxruntime';
import { resolveInputDims } from '../../electron/core/backends/ort-tensors';
import { describeError } from '../../electron/core/errors';
import type { AccuracyResult, Variant } from '../../electron/core/model/types';
import type { OnnxModel } from '../../electron/core/onnx/graph';
import { readOnnx } from '../../electron/core/onnx/reader';
import { writeOnnx } from '../../electron/core/onnx/writer';
import type { InputSpecs } from '../../electron/core/model/input-spec';
import { fixedInputsFrom, type FixedInputs } from '../../electron/core/pipeline/input-values';
import { loadCalibrationSource, loadEvaluationSamples } from '../../electron/core/pipeline/input-source';
import { modelInputs } from '../../electron/core/pipeline/model-inputs';
import { makeFp16Variant } from '../../electron/core/precision/fp16';
import { makeInt8Variant } from '../../electron/core/precision/int8-qdq';
import { collectRanges } from '../../electron/core/profiling/collect-ranges';
import type { CalibrationMethod } from '../../electron/core/precision/calibration-ranges';
import { FIXTURES } from '../helpers/fixtures';
import {
  CalibrationSelector,
  describeCalibrationChoice,
} from '../../electron/core/profiling/calibration-selection';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const THREADS = Number(option('threads', '2'));
const ITERATIONS = Number(option('iterations', '40'));
const CALIB_LIMIT = Number(option('calib-limit', '48'));
type Method = CalibrationMethod | 'auto';
const METHODS = option('methods', 'minmax,percentile,entropy,auto').split(',') as Method[];
const BATCHES = [1, 8];
const ROUNDS = 8;
const CALIB = `images:${path.join(FIXTURES, 'images', 'coco-calib')}`;
const EVAL = `images:${path.join(FIXTURES, 'images', 'coco-eval')}`;

interface BenchModel {
  name: string;
  image: ImageOptions;
  post: PostprocessKind;
  inputs?: InputSpecs;
  /** ONNX Runtime's quantize_static (QDQ, per-channel, MinMax), as recorded in issue 14 (16-core machine). */
  ort?: { accuracy: string; int8RatioAt16?: number; int8RatioAt2?: number };
}

const ALL_MODELS: BenchModel[] = [
  // Keras MobileNetV2 takes [-1, 1]: x * 2/255 - 1.
  {
    name: 'mobilenet_v2_128_0.5',
    image: { scale: 2 / 255, mean: [1, 1, 1] },
    post: 'classifier',
    ort: { accuracy: 'cos 0.987, top-1 97%', int8RatioAt16: 0.745, int8RatioAt2: 0.975 },
  },
  // YOLOX: BGR 0..255, letterboxed at the top-left, padded with 114.
  {
    name: 'yolox_nano_416',
    image: { resize: 'letterbox', letterboxAnchor: 'top-left', padValue: 114, scale: 1, channelOrder: 'bgr' },
    post: 'yolox',
    ort: { accuracy: 'cos 0.821', int8RatioAt16: 1.616, int8RatioAt2: 1.304 },
  },
  // FastestDet's sample: cv2 (BGR) resize to 352x352, / 255.
  {
    name: 'fastestdet_352',
    image: { channelOrder: 'bgr' },
    post: 'fastestdet',
    ort: { accuracy: 'cos 0.877' },
  },
  // The studio's DETR-style sample (RT-DETR's deploy layout): RGB / 255, sizes from the source image.
  {
    name: 'sample_detr',
    image: {},
    post: 'detr',
    inputs: { orig_target_sizes: { kind: 'image-size', order: 'wh' } },
    ort: { accuracy: 'scores cos 0.937 (an RT-DETR-style model of its own)', int8RatioAt16: 1.058 },
  },
];
const wanted = option('models', '').split(',').filter(Boolean);
const MODELS = wanted.length ? ALL_MODELS.filter((m) => wanted.includes(m.name)) : ALL_MODELS;

const backend = new OnnxRuntimeBackend();
const quiet = () => {};
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trt-studio-bench-'));

async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

function modelFile(model: BenchModel): string {
  if (model.name !== 'sample_detr') return path.join(FIXTURES, 'models', `${model.name}.onnx`);
  const file = path.join(work, 'sample_detr.onnx');
  if (!fs.existsSync(file)) writeOnnx(sampleDetrModel(), file);
  return file;
}

const plainVariant = (id: string, precision: Variant['precision']): Variant => ({
  id,
  precision,
  modelSha256: '',
  recipe: {},
  keptHigherPrecision: [],
  notes: [],
});

interface Made {
  label: string;
  variant: Variant;
  file: string;
  ms: number;
  note?: string;
}

async function makeInt8(model: BenchModel, onnx: OnnxModel, method: Method): Promise<Made> {
  const file = path.join(work, `${model.name}.int8-${method}.onnx`);
  const source = loadCalibrationSource(CALIB, modelInputs(onnx), {
    image: model.image,
    inputs: model.inputs,
    limit: CALIB_LIMIT,
  });
  const { value, ms } = await timed(async () => {
    if (method === 'auto') {
      const selector = new CalibrationSelector(onnx, source, { postprocess: model.post, threads: THREADS });
      const { ranges, options, choice } = await selector.choose({ target: 'onnxruntime' }, quiet);
      const made = makeInt8Variant(onnx, ranges, options);
      writeOnnx(made.model, file);
      return { variant: made.variant, note: describeCalibrationChoice(choice) };
    }
    const ranges = await collectRanges(onnx, source, { method, threads: THREADS });
    const made = makeInt8Variant(onnx, ranges, { target: 'onnxruntime' });
    writeOnnx(made.model, file);
    return { variant: made.variant, note: undefined };
  });
  return {
    label: `int8 ${method}`,
    variant: { ...value.variant, id: `int8-${method}` },
    file,
    ms,
    note: value.note,
  };
}

function batchedFile(file: string, batch: number): string {
  if (batch === 1) return file;
  const out = path.join(work, path.basename(file).replace(/\.onnx$/, '.batch.onnx'));
  if (!fs.existsSync(out)) writeSymbolicBatchModel(file, out);
  return out;
}

function feedsAt(
  onnx: OnnxModel,
  batch: number,
  fixed: FixedInputs | undefined,
): Record<string, NamedTensor> {
  const feeds: Record<string, NamedTensor> = {};
  modelInputs(onnx).forEach((input, i) => {
    const shape = (input.shape ?? []).map((d) => (typeof d === 'number' ? d : 'N'));
    const dims = resolveInputDims(onnx.path, { name: input.name, shape }, undefined, batch);
    feeds[input.name] = fixed?.(input.name, dims) ?? seededInput(input.dtype ?? 'float32', dims, 4321 + i);
  });
  return feeds;
}

/**
 * Median end-to-end latency of each engine, timed in alternating rounds (FP32, FP16, INT8, FP32, ...)
 * on the same seeded inputs, so a slow stretch of a shared machine lands on every variant alike.
 */
async function interleavedMedians(
  engines: (PreparedEngine | null)[],
  feeds: Record<string, NamedTensor>,
  batch: number,
): Promise<(number | null)[]> {
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

function taskFigure(result: AccuracyResult): string {
  const cosine = worstFloatCosine(result);
  const cos = cosine === null ? '' : ` cos ${cosine.toFixed(3)}`;
  const scores = result.outputs.find((o) => o.name === 'scores' && o.kind === 'float');
  const scoresCos = scores?.kind === 'float' ? ` (scores cos ${scores.cosine.toFixed(3)})` : '';
  switch (result.task.kind) {
    case 'box-agreement':
      return `boxes ${(result.task.value * 100).toFixed(1)}%${scores ? scoresCos : cos}`;
    case 'top1-agreement':
      return `top-1 ${(result.task.value * 100).toFixed(1)}%${cos}`;
    default:
      return `${result.task.kind} ${result.task.value.toFixed(4)}`;
  }
}

interface Row {
  model: string;
  ratios: Record<string, string>;
  makeSeconds: Record<string, string>;
  task: Record<string, string>;
  ort?: BenchModel['ort'];
}

async function latencies(
  onnx: OnnxModel,
  timedVariants: Made[],
  fixed: FixedInputs | undefined,
  row: Row,
): Promise<void> {
  const convOrigins = onnx.graph.nodes.filter((n) => n.opType === 'Conv').map((n) => n.name);
  for (const batch of BATCHES) {
    const prepared: (PreparedEngine | null)[] = [];
    const runs: (EngineRun | null)[] = [];
    const reasons: string[] = [];
    for (const { variant, file } of timedVariants) {
      let engine: PreparedEngine | undefined;
      try {
        const options = { threads: THREADS, fixedInputs: fixed };
        engine = await backend.prepare(variant, batchedFile(file, batch), options, quiet);
        const iterations = batch === 1 ? Math.max(10, ITERATIONS / 2) : Math.max(10, ITERATIONS / 8);
        const { profile } = await backend.profile(
          engine,
          { iterations, warmupIterations: 3, batchSize: batch },
          quiet,
        );
        prepared.push(engine);
        runs.push({ engine: engine.engine, profile });
      } catch (error) {
        if (engine) await backend.release(engine);
        prepared.push(null);
        runs.push(null);
        const folding = batch > 1 ? batchFoldingReshapes(onnx) : [];
        reasons.push(
          folding.length > 0
            ? `${variant.precision}: the export folded its batch into fixed sizes (${folding[0]!.node} reshapes to [${folding[0]!.target.join(', ')}]); re-export with a dynamic batch axis`
            : `${variant.precision}: ${describeError(error).slice(0, 200)}`,
        );
      }
    }
    const medians = await interleavedMedians(prepared, feedsAt(onnx, batch, fixed), batch);
    for (const engine of prepared) if (engine) await backend.release(engine);
    const [fp32, fp16, int8] = medians;
    const ratio = (m: number | null | undefined) => (m && fp32 ? (m / fp32).toFixed(3) : 'n/a');
    row.ratios[`fp16 b${batch}`] = ratio(fp16);
    row.ratios[`int8 b${batch}`] = ratio(int8);
    const ms = (m: number | null | undefined) => (m ? `${m.toFixed(3)} ms` : 'n/a');
    console.log(
      `  batch ${batch}: FP32 ${ms(fp32)} | FP16 ${ms(fp16)} (${ratio(fp16)}x FP32) | INT8 ${ms(int8)} (${ratio(int8)}x FP32)   [p50 of ${ROUNDS} interleaved rounds]`,
    );
    for (const reason of reasons) console.log(`    not run: ${reason}`);
    if (runs[0] && runs[2]) {
      const judged = (run: EngineRun, m: number | null | undefined): EngineRun =>
        !m || !run.profile.latency
          ? run
          : { ...run, profile: { ...run.profile, latency: { ...run.profile.latency, medianMs: m } } };
      for (const sentence of explainInt8Payoff(judged(runs[0], fp32), judged(runs[2], int8), convOrigins))
        console.log(`    why: ${sentence}`);
    }
  }
}

async function benchModel(model: BenchModel): Promise<Row> {
  console.log(
    `\n=== ${model.name} (ORT ${(await backend.capabilities()).version}, CPU, ${THREADS} threads) ===`,
  );
  const file = modelFile(model);
  const onnx = readOnnx(file);
  const fixed = fixedInputsFrom(model.inputs, modelInputs(onnx));
  const row: Row = { model: model.name, ratios: {}, makeSeconds: {}, task: {}, ort: model.ort };

  const fp16Path = path.join(work, `${model.name}.fp16.onnx`);
  const fp16 = await timed(() => {
    const made = makeFp16Variant(onnx);
    writeOnnx(made.model, fp16Path);
    return made.variant;
  });
  row.makeSeconds.fp16 = (fp16.ms / 1000).toFixed(2);
  const int8s: Made[] = [];
  for (const method of METHODS) {
    const made = await makeInt8(model, onnx, method);
    int8s.push(made);
    row.makeSeconds[method] = (made.ms / 1000).toFixed(1);
    console.log(
      `  made INT8 (${method}) in ${(made.ms / 1000).toFixed(1)} s${made.note ? `: ${made.note}` : ''}`,
    );
  }

  // Accuracy on coco-eval, every variant against FP32.
  const { samples, geometry } = await loadEvaluationSamples(EVAL, onnx, {
    image: model.image,
    inputs: model.inputs,
  });
  const candidates = [{ variant: fp16.value, file: fp16Path }, ...int8s];
  const engines: PreparedEngine[] = [];
  try {
    for (const v of [{ variant: plainVariant('fp32', 'fp32'), file }, ...candidates])
      engines.push(await backend.prepare(v.variant, v.file, { threads: THREADS, fixedInputs: fixed }, quiet));
    const run = await compareOnInputs(
      backend,
      engines[0]!,
      engines.slice(1),
      samples,
      { postprocess: model.post, geometry },
      quiet,
    );
    for (const [i, result] of run.results.entries()) {
      const label = i === 0 ? 'fp16' : METHODS[i - 1]!;
      row.task[label] = taskFigure(result);
      console.log(`  accuracy ${label} on ${result.inputs} coco-eval images: ${row.task[label]}`);
    }
  } finally {
    for (const engine of engines) await backend.release(engine);
  }

  const headline = int8s.find((m) => m.label === 'int8 auto') ?? int8s[0];
  if (headline) {
    console.log(`  latency: FP32, FP16 and ${headline.label}`);
    await latencies(
      onnx,
      [
        { label: 'fp32', variant: plainVariant('fp32', 'fp32'), file, ms: 0 },
        { label: 'fp16', variant: fp16.value, file: fp16Path, ms: fp16.ms },
        headline,
      ],
      fixed,
      row,
    );
  }
  return row;
}

function printTable(rows: Row[]): void {
  const methods = METHODS.join('/');
  console.log(
    `\n--- summary: ORT CPU, ${THREADS} threads; latency ratio = variant p50 / FP32 p50 (lower is faster); INT8 = ${METHODS.includes('auto') ? 'auto' : METHODS[0]} ---`,
  );
  const header = [
    'model',
    'FP16/FP32 b1',
    'INT8/FP32 b1',
    'FP16/FP32 b8',
    'INT8/FP32 b8',
    `make s (fp16, ${methods})`,
  ];
  const lines = [header.join(' | ')];
  for (const r of rows) {
    lines.push(
      [
        r.model,
        r.ratios['fp16 b1'] ?? '-',
        r.ratios['int8 b1'] ?? '-',
        r.ratios['fp16 b8'] ?? '-',
        r.ratios['int8 b8'] ?? '-',
        [r.makeSeconds.fp16, ...METHODS.map((m) => r.makeSeconds[m] ?? '-')].join(' / '),
      ].join(' | '),
    );
  }
  console.log(lines.join('\n'));
  console.log(`\ntask metric on coco-eval (16 images calibration never saw), per variant:`);
  for (const r of rows) {
    console.log(`  ${r.model}: ${['fp16', ...METHODS].map((m) => `${m} ${r.task[m] ?? '-'}`).join('; ')}`);
    if (r.ort) {
      const ratios = [
        r.ort.int8RatioAt2 !== undefined ? `INT8/FP32 ${r.ort.int8RatioAt2} at 2 threads` : '',
        r.ort.int8RatioAt16 !== undefined ? `${r.ort.int8RatioAt16} at 16 threads` : '',
      ].filter(Boolean);
      console.log(
        `    ORT quantize_static (issue 14's figures, not run here): ${r.ort.accuracy}${ratios.length ? `; ${ratios.join(', ')}` : ''}`,
      );
    }
  }
}

console.log(
  `cpu: ${os.cpus()[0]?.model} x${os.cpus().length}; threads ${THREADS}; iterations ${ITERATIONS}; calibration ${CALIB_LIMIT} coco-calib images; methods ${METHODS.join(', ')}`,
);
try {
  const rows: Row[] = [];
  for (const model of MODELS) rows.push(await benchModel(model));
  printTable(rows);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
