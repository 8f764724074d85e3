/**
 * `trt-studio profile <model.onnx> --precisions fp32,fp16,int8 --backend onnxruntime ...`: makes the
 * variants, profiles each in a worker process, judges accuracy against FP32, writes a Session file and
 * prints one row per variant. Ctrl-C cancels the job (the worker stops; nothing half-written stays).
 */
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { profileJobSchema, type ImageOptions, type ProfileJob } from '../../core/api';
import { StudioError } from '../../core/errors';
import { runJobInWorker } from '../../core/jobs/job-runner';
import { parseShapeSpecs } from '../../core/onnx/shape-spec';
import { parseInputSpecs } from '../../core/pipeline/input-spec';
import type { ProfileJobResult } from '../../core/profiling/profile-session';
import { DATA_HELP } from '../format/data-help';
import { formatProfileTable } from '../format/profile-table';
import { progressDisplay } from '../format/progress-display';

const collect = (value: string, previous: string[]) => [...previous, value];

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number > 0');
  return n;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number >= 0');
  return n;
}

function numberList(value: string): number[] {
  const list = value.split(',').map(Number);
  if (list.some((n) => !Number.isFinite(n)))
    throw new InvalidArgumentError(`"${value}" is not a comma-separated list of numbers`);
  return list;
}

interface ProfileFlags {
  precisions: string;
  backend: string;
  iterations?: number;
  duration?: number;
  warmup?: number;
  threads?: number;
  optLevel?: string;
  batch?: number;
  batchSweep?: string;
  calib?: string;
  calibMethod?: string;
  int8Target?: string;
  int8KeepSensitive?: string;
  eval?: string;
  evalLimit?: number;
  shape: string[];
  input: string[];
  resize?: string;
  letterboxAnchor?: string;
  pad?: number;
  scale?: number;
  mean?: string;
  std?: string;
  channelOrder?: string;
  postprocess?: string;
  annotations?: string;
  annotationLabels?: string;
  out?: string;
}

function imageOptions(flags: ProfileFlags): ImageOptions | undefined {
  const options: Record<string, unknown> = {
    resize: flags.resize,
    letterboxAnchor: flags.letterboxAnchor,
    padValue: flags.pad,
    scale: flags.scale,
    mean: flags.mean ? numberList(flags.mean) : undefined,
    std: flags.std ? numberList(flags.std) : undefined,
    channelOrder: flags.channelOrder,
  };
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return Object.keys(given).length ? (given as ImageOptions) : undefined;
}

/** The flags as a job, validated by the same schema the worker checks. */
export function profileJobFromFlags(model: string, flags: ProfileFlags): ProfileJob {
  const out = flags.out ?? `${path.parse(model).name}.session.json`;
  const raw = {
    kind: 'profile',
    modelPath: path.resolve(model),
    precisions: flags.precisions.split(',').map((p) => p.trim()),
    backend: flags.backend,
    iterations: flags.iterations,
    durationSeconds: flags.duration,
    warmupIterations: flags.warmup,
    threads: flags.threads,
    optimizationLevel: flags.optLevel,
    batchSize: flags.batch,
    batchSweep: flags.batchSweep ? numberList(flags.batchSweep) : undefined,
    shapes: flags.shape.length ? parseShapeSpecs(flags.shape) : undefined,
    calibration: flags.calib,
    calibrationMethod: flags.calibMethod,
    int8Target: flags.int8Target?.includes(',')
      ? flags.int8Target.split(',').map((t) => t.trim())
      : flags.int8Target,
    int8KeepSensitive: flags.int8KeepSensitive === undefined ? undefined : Number(flags.int8KeepSensitive),
    evaluation: flags.eval,
    evaluationLimit: flags.evalLimit,
    image: imageOptions(flags),
    inputs: flags.input.length ? parseInputSpecs(flags.input) : undefined,
    postprocess: flags.postprocess,
    annotations: flags.annotations
      ? { path: path.resolve(flags.annotations), labels: flags.annotationLabels }
      : undefined,
    outPath: path.resolve(out),
  };
  const parsed = profileJobSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StudioError(model, `bad option ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

export function registerProfile(program: Command): void {
  program
    .command('profile')
    .description(
      'make FP16/INT8 variants, profile each per layer and end to end, judge accuracy vs FP32, write a session',
    )
    .argument('<model.onnx>', 'the FP32 ONNX model')
    .option('--precisions <list>', 'comma-separated: fp32, fp16, int8', 'fp32,fp16,int8')
    .option('--backend <name>', 'runtime to profile on', 'onnxruntime')
    .option('--iterations <n>', 'timed iterations per variant (default 100)', positiveNumber)
    .option('--duration <seconds>', 'time each variant for this long instead of a count', positiveNumber)
    .option('--warmup <n>', 'warm-up iterations (default 10)', wholeNumber)
    .option('--threads <n>', 'ONNX Runtime intra-op threads (0 = all cores)', wholeNumber)
    .option('--opt-level <level>', 'ONNX Runtime graph optimization: disabled, basic, extended, layout, all')
    .option('--batch <n>', 'batch size to profile', positiveNumber)
    .option('--batch-sweep <list>', 'also time these batch sizes, e.g. 1,2,4,8')
    .option('--calib <spec>', 'INT8 calibration data: images:DIR, npy:PATH or random:N (see below)')
    .option(
      '--calib-method <method>',
      'auto (default: minmax, percentile and entropy each judged on held-out calibration samples, the best kept), minmax, percentile or entropy',
    )
    .option(
      '--int8-target <list>',
      'onnxruntime (u8 activations) and/or tensorrt (symmetric, zero point 0): one INT8 variant each, e.g. onnxruntime,tensorrt',
    )
    .option(
      '--int8-keep-sensitive <n>',
      'rank layers by how much INT8 alone hurts them (on 3 calibration inputs) and keep the n worst in float',
    )
    .option('--eval <spec>', 'accuracy inputs, never the calibration ones: images:DIR, npy:PATH or random:N')
    .option('--eval-limit <n>', 'use at most n evaluation inputs', positiveNumber)
    .option(
      '--shape <name:dims>',
      'shape of a dynamic input, e.g. images:1x3x640x640 (repeatable)',
      collect,
      [],
    )
    .option(
      '--input <name=value>',
      'value of an input the data does not feed: image-size (source image width,height), image-size-hw, ones, zeros or numbers like 320,320 (repeatable; dtype from the model)',
      collect,
      [],
    )
    .option('--resize <mode>', 'images: stretch or letterbox')
    .option('--letterbox-anchor <anchor>', 'images: center or top-left')
    .option('--pad <value>', 'images: letterbox padding value 0..255', Number)
    .option('--scale <factor>', 'images: pixel scale before mean/std (default 1/255)', Number)
    .option('--mean <list>', 'images: per-channel mean, e.g. 0.485,0.456,0.406')
    .option('--std <list>', 'images: per-channel std')
    .option('--channel-order <order>', 'images: rgb, bgr or gray')
    .option(
      '--postprocess <kind>',
      'time and compare post-processing: none, classifier, yolox, fastestdet, detr (RT-DETR/D-FINE/DEIM; found from the outputs when not given)',
    )
    .option(
      '--annotations <coco.json>',
      'COCO instances annotations of the --eval images: adds mAP@[0.5:0.95]',
    )
    .option(
      '--annotation-labels <kind>',
      'what the model labels are: index (class i = i-th category, default) or category-id',
    )
    .option('--out <session.json>', 'session file to write (default <model>.session.json)')
    .addHelpText('after', DATA_HELP)
    .action(async (model: string, flags: ProfileFlags) => {
      const job = profileJobFromFlags(model, flags);
      const display = progressDisplay();
      const controller = new AbortController();
      const onInterrupt = () => controller.abort();
      process.once('SIGINT', onInterrupt);
      try {
        const result = (await runJobInWorker(job, {
          onProgress: (event) => display.update(event),
          signal: controller.signal,
        })) as ProfileJobResult;
        display.stop();
        process.stdout.write(`${formatProfileTable(result.summary)}\n`);
        for (const { variantId, description } of result.calibration)
          process.stdout.write(`calibration method (${variantId}): ${description}\n`);
        for (const warning of result.warnings) process.stdout.write(`note: ${warning}\n`);
        process.stdout.write(`session written to ${result.sessionPath}\n`);
      } catch (error) {
        display.stop();
        const detail = (error as { detail?: { file?: string; message: string } }).detail;
        if (detail) throw new StudioError(undefined, detail.message);
        throw error;
      } finally {
        process.removeListener('SIGINT', onInterrupt);
      }
    });
}
