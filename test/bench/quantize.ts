/**
 * FP32 vs FP16 vs INT8 on ONNX Runtime's CPU provider, for MobileNetV2, YOLOX-Nano, FastestDet and the
 * studio's DETR-style sample: per model, the wall time of making each variant (INT8: calibration on
 * coco-calib + quantization + write, from images decoded once beforehand, as ORT's quantizer is timed
 * from tensors) for each calibration method and for the automatic choice, the
 * task metric of each on coco-eval (images calibration never saw), and the INT8/FP32 and FP16/FP32
 * latency ratios at batch 1 and 8 (interleaved rounds in this one process, INT8 = the automatic
 * choice), with why INT8 did or did not pay. Ends with a compact table; asserts nothing about time.
 * With --ort-int8 DIR, ONNX Runtime's own quantizer (Python quantize_static, run by
 * test/bench/ort-quantizer/quantize_static.py on the tensors export-calibration.ts wrote from the same
 * coco-calib images) is judged on the same coco-eval images and timed in the same interleaved rounds.
 *
 * Run: node bin/run-ts.mjs test/bench/quantize.ts [--threads 2] [--iterations 40]
 *        [--models mobilenet_v2_128_0.5,yolox_nano_416,fastestdet_352,sample_detr]
 *        [--methods minmax,percentile,entropy,auto] [--calib-limit 48] [--ort-int8 DIR] [--cooldown-ms 100]
 *        [--rounds 8]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { worstFloatCosine } from '../../electron/core/analysis/accuracy';
import { pairedDifference } from '../../electron/core/analysis/paired-difference';
import { compareOnInputs } from '../../electron/core/profiling/accuracy-run';
import {
  explainInt8Payoff,
  explainRewrites,
  topTypes,
  type EngineRun,
} from '../../electron/core/analysis/int8-payoff';
import { summarize } from '../../electron/core/model/statistics';
import { interleavedTimes } from '../../electron/core/profiling/interleaved-timing';
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
import { fixedInputsFrom, type FixedInputs } from '../../electron/core/pipeline/input-values';
import {
  loadCalibrationSource,
  loadEvaluationSamples,
  type CalibrationSample,
  type CalibrationSource,
} from '../../electron/core/pipeline/input-source';
import { modelInputs } from '../../electron/core/pipeline/model-inputs';
import { makeFp16Variant } from '../../electron/core/precision/fp16';
import { makeInt8Variant } from '../../electron/core/precision/int8-qdq';
import { collectRanges } from '../../electron/core/profiling/collect-ranges';
import type { CalibrationMethod } from '../../electron/core/precision/calibration-ranges';
import { CALIB_IMAGES, EVAL_IMAGES, benchModelFile, modelsNamed, type BenchModel } from './quantize-models';
import { option } from './bench-options';
import {
  CalibrationSelector,
  describeCalibrationChoice,
} from '../../electron/core/profiling/calibration-selection';

const THREADS = Number(option('threads', '2'));
const ITERATIONS = Number(option('iterations', '40'));
const CALIB_LIMIT = Number(option('calib-limit', '48'));
type Method = CalibrationMethod | 'auto';
const METHODS = option('methods', 'minmax,percentile,entropy,auto').split(',') as Method[];
/** Where quantize_static.py wrote ONNX Runtime's own INT8 models (<model>.ort-int8.onnx), if it ran. */
const ORT_INT8 = option('ort-int8', '');
/** Pause between two engines' turns in the timed rounds (see interleavedMedians). */
const COOLDOWN_MS = Number(option('cooldown-ms', '100'));
const BATCHES = [1, 8];
/** Interleaved timing rounds; each engine's per-round median also pairs the studio's INT8 with ORT's. */
const ROUNDS = Number(option('rounds', '8'));
const MODELS = modelsNamed(option('models', ''));

const backend = new OnnxRuntimeBackend();
const quiet = () => {};
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trt-studio-bench-'));

async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

interface OrtQuantized {
  /** U8S8 or S8S8 (activation and weight types). */
  label: string;
  file: string;
  seconds: number;
  options: string;
  task?: string;
}

/** ONNX Runtime's quantize_static models of this one (<model>.ort-<types>.onnx), as quantize_static.py made them. */
function ortQuantized(model: BenchModel): OrtQuantized[] {
  if (!ORT_INT8) return [];
  const prefix = `${model.name}.ort-`;
  return fs
    .readdirSync(ORT_INT8)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.onnx'))
    .sort()
    .map((name) => {
      const file = path.join(ORT_INT8, name);
      const record = JSON.parse(fs.readFileSync(file.replace(/\.onnx$/, '.json'), 'utf8'));
      return {
        label: record.label,
        file,
        seconds: record.seconds,
        options: `${record.options}, onnxruntime ${record.onnxruntime}`,
      };
    });
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

/**
 * The calibration images decoded and pre-processed once, kept in memory: quantization is timed from
 * these tensors, as quantize_static.py is timed from the tensors export-calibration.ts wrote.
 */
async function decodedCalibration(model: BenchModel, onnx: OnnxModel) {
  const source = loadCalibrationSource(CALIB_IMAGES, modelInputs(onnx), {
    image: model.image,
    inputs: model.inputs,
    limit: CALIB_LIMIT,
  });
  const { value: samples, ms } = await timed(async () => {
    const all: CalibrationSample[] = [];
    for await (const sample of source.samples()) all.push(sample);
    return all;
  });
  const inMemory: CalibrationSource = {
    ...source,
    samples: async function* () {
      yield* samples;
    },
  };
  return { source: inMemory, decodeMs: ms };
}

async function makeInt8(
  model: BenchModel,
  onnx: OnnxModel,
  method: Method,
  source: CalibrationSource,
): Promise<Made> {
  const file = path.join(work, `${model.name}.int8-${method}.onnx`);
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

/** Median end-to-end latency of each engine in interleaved rounds (FP32, FP16, INT8, ORT, FP32, ...). */
async function interleavedMedians(
  engines: (PreparedEngine | null)[],
  feeds: Record<string, NamedTensor>,
  batch: number,
) {
  const runsPerTurn = Math.max(3, Math.round((batch === 1 ? ITERATIONS : ITERATIONS / 4) / ROUNDS));
  return interleavedTimes(
    engines.map((engine) => (engine ? () => backend.run(engine, feeds) : null)),
    { rounds: ROUNDS, runsPerTurn, pauseMs: COOLDOWN_MS },
  );
}

/**
 * The studio's INT8 against another engine round by round: both ran in every round, a few hundred
 * milliseconds apart, so a slow stretch of the machine lands on both; the count of rounds each won
 * says whether a gap of a few percent is a lead or noise.
 */
function pairedRounds(ours: number[], theirs: number[]) {
  const ratios = summarize(ours.map((m, i) => m / theirs[i]!));
  const wins = ours.filter((m, i) => m < theirs[i]!).length;
  const text = `studio faster in ${wins} of ${ratios.count} rounds, median studio/ORT ${ratios.medianMs.toFixed(3)}`;
  return { text, withRange: `${text} (${ratios.minMs?.toFixed(3)}-${ratios.maxMs?.toFixed(3)})` };
}

/** Kernel count and the op types with the most per-node time (ORT's profiler), for one engine. */
function kernelMix(run: EngineRun): string {
  const top = topTypes(run, () => true, 5).map(([type, ms]) => `${type} ${ms.toFixed(2)}`);
  return `${run.engine.layers.length} kernels (${top.join(', ')} ms)`;
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
  /** ONNX Runtime's quantize_static, measured here beside the studio's INT8 (--ort-int8). */
  ort: OrtQuantized[];
  /** The studio's INT8 against each ORT model, round by round (pairedRounds), per batch. */
  paired: Record<string, string>;
  /** The studio's INT8 task metric minus each ORT model's, image by image, with its standard error. */
  taskGap: Record<string, string>;
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
    const { medians, perRound } = await interleavedMedians(prepared, feedsAt(onnx, batch, fixed), batch);
    for (const engine of prepared) if (engine) await backend.release(engine);
    const [fp32, fp16, int8, ...ortInt8] = medians;
    const ratio = (m: number | null | undefined) => (m && fp32 ? (m / fp32).toFixed(3) : 'n/a');
    row.ratios[`fp16 b${batch}`] = ratio(fp16);
    row.ratios[`int8 b${batch}`] = ratio(int8);
    for (const [i, m] of ortInt8.entries()) row.ratios[`${timedVariants[3 + i]!.label} b${batch}`] = ratio(m);
    const ms = (m: number | null | undefined) => (m ? `${m.toFixed(3)} ms` : 'n/a');
    const ortText = ortInt8
      .map((m, i) => ` | ORT ${timedVariants[3 + i]!.label.slice(4)} ${ms(m)} (${ratio(m)}x FP32)`)
      .join('');
    console.log(
      `  batch ${batch}: FP32 ${ms(fp32)} | FP16 ${ms(fp16)} (${ratio(fp16)}x FP32) | INT8 ${ms(int8)} (${ratio(int8)}x FP32)${ortText}   [p50 of ${ROUNDS} interleaved rounds]`,
    );
    for (const reason of reasons) console.log(`    not run: ${reason}`);
    for (const [i, m] of ortInt8.entries()) {
      if (!m || !int8) continue;
      const label = timedVariants[3 + i]!.label;
      const paired = pairedRounds(perRound[2]!, perRound[3 + i]!);
      row.paired[`${label} b${batch}`] = paired.text;
      console.log(`    vs ORT ${label.slice(4)}: ${paired.withRange}`);
    }
    const mixes = runs.flatMap((run, i) => (run ? [`${timedVariants[i]!.label} ${kernelMix(run)}`] : []));
    if (mixes.length > 0) console.log(`    kernels: ${mixes.join('; ')}`);
    if (runs[0] && runs[2]) {
      const judged = (run: EngineRun, m: number | null | undefined): EngineRun =>
        !m || !run.profile.latency
          ? run
          : { ...run, profile: { ...run.profile, latency: { ...run.profile.latency, medianMs: m } } };
      for (const sentence of explainInt8Payoff(judged(runs[0], fp32), judged(runs[2], int8), convOrigins))
        console.log(`    why: ${sentence}`);
      for (const sentence of explainRewrites(timedVariants[2]!.variant, runs[0]))
        console.log(`    why: ${sentence}`);
    }
  }
}

async function benchModel(model: BenchModel): Promise<Row> {
  console.log(
    `\n=== ${model.name} (ORT ${(await backend.capabilities()).version}, CPU, ${THREADS} threads) ===`,
  );
  const file = benchModelFile(model, work);
  const onnx = readOnnx(file);
  const fixed = fixedInputsFrom(model.inputs, modelInputs(onnx));
  const row: Row = {
    model: model.name,
    ratios: {},
    makeSeconds: {},
    task: {},
    ort: ortQuantized(model),
    paired: {},
    taskGap: {},
  };

  const fp16Path = path.join(work, `${model.name}.fp16.onnx`);
  const fp16 = await timed(() => {
    const made = makeFp16Variant(onnx);
    writeOnnx(made.model, fp16Path);
    return made.variant;
  });
  row.makeSeconds.fp16 = (fp16.ms / 1000).toFixed(2);
  const calibration = await decodedCalibration(model, onnx);
  console.log(
    `  decoded and pre-processed ${calibration.source.count} calibration images in ${(calibration.decodeMs / 1000).toFixed(1)} s (once, not counted below)`,
  );
  const int8s: Made[] = [];
  for (const method of METHODS) {
    const made = await makeInt8(model, onnx, method, calibration.source);
    int8s.push(made);
    row.makeSeconds[method] = (made.ms / 1000).toFixed(1);
    console.log(
      `  made INT8 (${method}) in ${(made.ms / 1000).toFixed(1)} s${made.note ? `: ${made.note}` : ''}`,
    );
  }

  // Accuracy on coco-eval, every variant against FP32.
  const { samples, geometry } = await loadEvaluationSamples(EVAL_IMAGES, onnx, {
    image: model.image,
    inputs: model.inputs,
  });
  for (const ort of row.ort)
    console.log(`  ORT quantize_static (${ort.options}) made its INT8 in ${ort.seconds.toFixed(1)} s`);
  const ortMade: Made[] = row.ort.map((ort) => ({
    label: `ort ${ort.label}`,
    variant: plainVariant(`int8-ort-${ort.label}`, 'int8'),
    file: ort.file,
    ms: ort.seconds * 1000,
  }));
  const candidates = [{ variant: fp16.value, file: fp16Path }, ...int8s, ...ortMade];
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
    const labels: string[] = run.results.map((_, i) =>
      i === 0 ? 'fp16' : (METHODS[i - 1] ?? ortMade[i - 1 - METHODS.length]!.label),
    );
    for (const [i, result] of run.results.entries()) {
      row.task[labels[i]!] = taskFigure(result);
      console.log(`  accuracy ${labels[i]} on ${result.inputs} coco-eval images: ${row.task[labels[i]!]}`);
    }
    // The studio's headline INT8 against each ORT model, image by image on the same images: 16
    // images put a standard error of a point or two on box agreement, so a gap smaller than that
    // is not a lead.
    const studio = labels.indexOf(METHODS.includes('auto') ? 'auto' : METHODS[0]!);
    for (const ort of ortMade) {
      const other = labels.indexOf(ort.label);
      const a = run.sampleTallies[studio];
      const b = run.sampleTallies[other];
      if (studio < 0 || other < 0 || !a || !b) continue;
      const paired = pairedDifference(a, b);
      row.taskGap[ort.label] =
        `studio - ORT ${(paired.difference * 100).toFixed(1)} ± ${(paired.standardError * 100).toFixed(1)} points (paired, ${paired.samples} images)`;
      console.log(`  accuracy ${labels[studio]} against ${ort.label}: ${row.taskGap[ort.label]}`);
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
        ...ortMade,
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
    for (const ort of r.ort) {
      const key = `ort ${ort.label}`;
      console.log(
        `    ORT quantize_static (${ort.options}), same images, measured here: ${r.task[key] ?? '-'}${r.taskGap[ort.label] ? ` (${r.taskGap[ort.label]})` : ''}; INT8/FP32 b1 ${r.ratios[`${key} b1`] ?? '-'}, b8 ${r.ratios[`${key} b8`] ?? '-'}; made in ${ort.seconds.toFixed(1)} s; b1: ${r.paired[`${key} b1`] ?? '-'}; b8: ${r.paired[`${key} b8`] ?? '-'}`,
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
