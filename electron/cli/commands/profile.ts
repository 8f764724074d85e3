/**
 * `trt-studio profile <model.onnx> --precisions fp32,fp16,int8 --backend onnxruntime ...`: makes the
 * variants, profiles each in a worker process, judges accuracy against FP32, writes a Session file and
 * prints one row per variant, then the slowest layers of each. Ctrl-C cancels the job (the worker
 * stops; nothing half-written stays). A run that stops after some variants were profiled keeps them in
 * a partial session beside --out, named on stderr before the error line.
 */
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  imageOptionsSchema,
  int8TargetSchema,
  postprocessSchema,
  profileJobSchema,
  type ImageOptions,
  type ProfileJob,
} from '../../core/api';
import { BACKEND_NAMES, backendStatus, type BackendName } from '../../core/backends/registry';
import { ORT_OPTIMIZATION_LEVELS } from '../../core/backends/onnxruntime-settings';
import { StudioError } from '../../core/errors';
import { JobError, runJobInWorker } from '../../core/jobs/job-runner';
import { parseInputSpecs } from '../../core/model/input-spec';
import { loadSession } from '../../core/model/session';
import { PROFILE_DEFAULTS } from '../../core/profiling/profile-defaults';
import type { ProfileJobResult } from '../../core/profiling/profile-session';
import { exportReport } from '../../core/report/export-report';
import { checkReportOutput, reportOutputOf, REPORT_FORMATS } from '../../core/report/report-files';
import { slowestLayers } from '../../core/profiling/profile-summary';
import { DATA_HELP } from '../format/data-help';
import { formatProfileTable, formatSlowestLayers } from '../format/profile-table';
import { progressDisplay } from '../format/progress-display';
import {
  choiceListParser,
  finiteNumber,
  numberList,
  option,
  positiveNumber,
  positiveWholeNumber,
  positiveWholeNumberList,
  shapeSpec,
  UsageError,
  wholeNumber,
} from '../options';

const PRECISIONS = profileJobSchema.shape.precisions.element.options;
const CALIBRATION_METHODS = profileJobSchema.shape.calibrationMethod.unwrap().options;
const INT8_TARGETS = int8TargetSchema.options;
const image = imageOptionsSchema.shape;
const IMAGE = PROFILE_DEFAULTS.image;

function byteValue(value: string): number {
  const n = wholeNumber(value);
  if (n > 255) throw new InvalidArgumentError('expected a whole number from 0 to 255');
  return n;
}

interface ProfileFlags {
  precisions: string[];
  backend: BackendName | 'auto';
  iterations?: number;
  duration?: number;
  warmup?: number;
  threads?: number;
  optLevel?: string;
  batch?: number;
  batchSweep?: number[];
  calib?: string;
  calibMethod?: string;
  int8Target?: string[];
  int8KeepSensitive?: number;
  eval?: string;
  evalLimit?: number;
  shape: Record<string, number[]>;
  input: string[];
  resize?: string;
  letterboxAnchor?: string;
  pad?: number;
  scale?: number;
  mean?: number[];
  std?: number[];
  channelOrder?: string;
  postprocess?: string;
  annotations?: string;
  annotationLabels?: string;
  out?: string;
  report?: string;
  reportFormats?: string;
  top: number;
}

function imageOptions(flags: ProfileFlags): ImageOptions | undefined {
  const options: Record<string, unknown> = {
    resize: flags.resize,
    letterboxAnchor: flags.letterboxAnchor,
    padValue: flags.pad,
    scale: flags.scale,
    mean: flags.mean,
    std: flags.std,
    channelOrder: flags.channelOrder,
  };
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return Object.keys(given).length ? (given as ImageOptions) : undefined;
}

/** Job fields -> the flag that sets them, so a schema refusal names the flag the user typed. */
const FLAG_OF: Record<string, string> = {
  precisions: '--precisions',
  backend: '--backend',
  iterations: '--iterations',
  durationSeconds: '--duration',
  warmupIterations: '--warmup',
  threads: '--threads',
  optimizationLevel: '--opt-level',
  batchSize: '--batch',
  batchSweep: '--batch-sweep',
  shapes: '--shape',
  calibration: '--calib',
  calibrationMethod: '--calib-method',
  int8Target: '--int8-target',
  int8KeepSensitive: '--int8-keep-sensitive',
  evaluation: '--eval',
  evaluationLimit: '--eval-limit',
  image: 'the image options',
  inputs: '--input',
  annotations: '--annotations',
  postprocess: '--postprocess',
  outPath: '--out',
};

/** The flags as a job, validated by the same schema the worker checks. */
export function profileJobFromFlags(model: string, flags: ProfileFlags): ProfileJob {
  const out = flags.out ?? `${path.parse(model).name}.session.json`;
  const raw = {
    kind: 'profile',
    modelPath: path.resolve(model),
    precisions: flags.precisions,
    backend: flags.backend,
    iterations: flags.iterations,
    durationSeconds: flags.duration,
    warmupIterations: flags.warmup,
    threads: flags.threads,
    optimizationLevel: flags.optLevel,
    batchSize: flags.batch,
    batchSweep: flags.batchSweep,
    shapes: Object.keys(flags.shape).length ? flags.shape : undefined,
    calibration: flags.calib,
    calibrationMethod: flags.calibMethod,
    int8Target: flags.int8Target?.length === 1 ? flags.int8Target[0] : flags.int8Target,
    int8KeepSensitive: flags.int8KeepSensitive,
    evaluation: flags.eval,
    evaluationLimit: flags.evalLimit,
    image: imageOptions(flags),
    inputs: flags.input.length ? parseInputSpecs(flags.input) : undefined,
    annotations: flags.annotations
      ? { path: path.resolve(flags.annotations), labels: flags.annotationLabels }
      : undefined,
    postprocess: flags.postprocess,
    outPath: path.resolve(out),
  };
  const parsed = profileJobSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? '');
    throw new UsageError(`${FLAG_OF[field] ?? field}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * A backend this machine cannot run is refused before any work, with why and where to look. `auto`
 * (the default) takes TensorRT where the native addon has it, else ONNX Runtime, and says which.
 */
async function requireBackend(name: BackendName | 'auto'): Promise<void> {
  if (name === 'auto') return;
  const status = await backendStatus(name);
  if (!status.available) {
    const how = status.howToGet ? `; to get it: ${status.howToGet}` : '';
    throw new StudioError(
      undefined,
      `--backend ${name}: unavailable on this machine: ${status.reason}${how} (\`trt-studio doctor\` shows what this machine has)`,
    );
  }
}

export function registerProfile(program: Command): void {
  const D = PROFILE_DEFAULTS;
  program
    .command('profile')
    .description(
      'make FP16/INT8 variants, profile each per layer and end to end, judge accuracy vs FP32, write a session',
    )
    .argument('<model.onnx>', 'the FP32 ONNX model')
    .addOption(
      option('--precisions <list>', 'comma-separated precisions to make and profile', {
        choices: PRECISIONS,
        default: [...D.precisions],
        parse: choiceListParser(PRECISIONS),
      }),
    )
    .addOption(
      option(
        '--backend <name>',
        'runtime to profile on: auto takes TensorRT where the native addon has it, else ONNX Runtime (`trt-studio doctor` lists what runs here)',
        { choices: ['auto', ...BACKEND_NAMES], default: D.backend },
      ),
    )
    .addOption(
      option('--iterations <n>', 'timed iterations per variant', {
        defaultText: String(D.iterations),
        parse: positiveWholeNumber,
      }),
    )
    .addOption(
      option('--duration <seconds>', 'time each variant for this long instead of a count', {
        defaultText: 'off, --iterations counts',
        parse: positiveNumber,
      }),
    )
    .addOption(
      option('--warmup <n>', 'warm-up iterations', {
        defaultText: String(D.warmupIterations),
        parse: wholeNumber,
      }),
    )
    .addOption(
      option('--threads <n>', 'ONNX Runtime intra-op threads, 0 = all cores', {
        defaultText: String(D.threads),
        parse: wholeNumber,
      }),
    )
    .addOption(
      option('--opt-level <level>', 'ONNX Runtime graph optimization', {
        choices: ORT_OPTIMIZATION_LEVELS,
        defaultText: D.optimizationLevel,
      }),
    )
    .addOption(
      option('--batch <n>', 'batch size to profile (a model with a fixed batch keeps it)', {
        defaultText: '1',
        parse: positiveWholeNumber,
      }),
    )
    .addOption(
      option('--batch-sweep <list>', 'also time these batch sizes, e.g. 1,2,4,8', {
        defaultText: 'none',
        parse: positiveWholeNumberList,
      }),
    )
    .addOption(
      option('--calib <spec>', 'INT8 calibration data: images:DIR, npy:PATH or random:N (layouts below)', {
        defaultText: 'none, int8 needs it',
      }),
    )
    .addOption(
      option(
        '--calib-method <method>',
        'INT8 range calibration; auto judges minmax, percentile and entropy on held-out calibration samples and keeps the best',
        {
          choices: CALIBRATION_METHODS,
          defaultText: D.calibrationMethod,
        },
      ),
    )
    .addOption(
      option(
        '--int8-target <list>',
        'onnxruntime (u8 activations) and/or tensorrt (symmetric, zero point 0), comma-separated: one INT8 variant each',
        { choices: INT8_TARGETS, defaultText: "the backend's", parse: choiceListParser(INT8_TARGETS) },
      ),
    )
    .addOption(
      option(
        '--int8-keep-sensitive <n>',
        'rank layers by how much INT8 alone hurts them (on 3 calibration inputs) and keep the n worst in float',
        { defaultText: String(D.int8KeepSensitive), parse: wholeNumber },
      ),
    )
    .addOption(
      option(
        '--eval <spec>',
        'accuracy inputs, never the calibration ones: images:DIR, npy:PATH or random:N',
        {
          defaultText: `${D.evaluation}, seeded, and the result says so`,
        },
      ),
    )
    .addOption(
      option('--eval-limit <n>', 'use at most n evaluation inputs', {
        defaultText: 'all',
        parse: positiveWholeNumber,
      }),
    )
    .addOption(
      option('--shape <name:dims>', 'shape of a dynamic input, e.g. images:1x3x640x640 (repeatable)', {
        default: {},
        defaultText: "the model's own dims",
        parse: shapeSpec,
      }),
    )
    .addOption(
      option(
        '--input <name=value>',
        'value of an input the data does not feed: image-size, image-size-hw, ones, zeros or numbers like 320,320 (repeatable; dtype from the model; see below)',
        {
          default: [],
          defaultText: 'none',
          parse: (value: string, previous: string[]) => [...previous, value],
        },
      ),
    )
    .addOption(
      option('--resize <mode>', 'images: how to fit the model input', {
        choices: image.resize.unwrap().options,
        defaultText: IMAGE.resize,
      }),
    )
    .addOption(
      option('--letterbox-anchor <anchor>', 'images: where a letterboxed image sits', {
        choices: image.letterboxAnchor.unwrap().options,
        defaultText: IMAGE.letterboxAnchor,
      }),
    )
    .addOption(
      option('--pad <value>', 'images: letterbox padding value 0..255', {
        defaultText: String(IMAGE.padValue),
        parse: byteValue,
      }),
    )
    .addOption(
      option('--scale <factor>', 'images: pixel scale before mean/std', {
        defaultText: '1/255',
        parse: finiteNumber,
      }),
    )
    .addOption(
      option('--mean <list>', 'images: per-channel mean, e.g. 0.485,0.456,0.406', {
        defaultText: '0',
        parse: numberList,
      }),
    )
    .addOption(option('--std <list>', 'images: per-channel std', { defaultText: '1', parse: numberList }))
    .addOption(
      option('--channel-order <order>', 'images: channel order the model reads', {
        choices: image.channelOrder.unwrap().options,
        defaultText: IMAGE.channelOrder,
      }),
    )
    .addOption(
      option(
        '--postprocess <kind>',
        'time and compare post-processing (detr: RT-DETR, D-FINE, DEIM, found from the outputs when not given)',
        { choices: postprocessSchema.options, defaultText: D.postprocess },
      ),
    )
    .addOption(
      option(
        '--annotations <coco.json>',
        'COCO instances annotations of the --eval images: adds mAP@[0.5:0.95]',
        {
          defaultText: 'none',
        },
      ),
    )
    .addOption(
      option(
        '--annotation-labels <kind>',
        'what the model labels are: index (class i = i-th category) or category-id',
        {
          choices: ['index', 'category-id'],
          defaultText: 'index',
        },
      ),
    )
    .addOption(
      option('--out <session.json>', 'session file to write; variants go beside it in <name>.variants/', {
        defaultText: '<model>.session.json',
      }),
    )
    .addOption(
      option('--top <n>', 'slowest layers listed per variant, 0 = none', { default: 5, parse: wholeNumber }),
    )
    .addOption(
      option(
        '--report <file>',
        'also write a report of the session, e.g. report.html (format from the ending)',
        {
          defaultText: 'none',
        },
      ),
    )
    .addOption(
      option('--report-formats <list>', 'formats of --report, written beside it under its name', {
        choices: [...REPORT_FORMATS, 'all'],
        defaultText: 'from the --report file name',
        // Checked by core with the output folder, before profiling starts.
        parse: (value: string) => value,
      }),
    )
    .addHelpText('after', DATA_HELP)
    .action(async (model: string, flags: ProfileFlags) => {
      await requireBackend(flags.backend);
      const job = profileJobFromFlags(model, flags);
      if (flags.reportFormats && !flags.report)
        throw new UsageError('--report-formats needs --report <file>');
      // Checked before profiling: a bad format name or folder must not cost a whole run.
      const report = flags.report ? reportOutputOf(flags.report, flags.reportFormats) : undefined;
      if (report) checkReportOutput(report.outDir, report.formats);
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
        process.stdout.write(`${result.backend}\n`);
        process.stdout.write(`${formatProfileTable(result.summary)}\n`);
        for (const { variantId, description } of result.calibration)
          process.stdout.write(`calibration method (${variantId}): ${description}\n`);
        if (flags.top > 0) {
          const slowest = slowestLayers(loadSession(result.sessionPath), flags.top);
          if (slowest.length > 0) process.stdout.write(`\n${formatSlowestLayers(slowest)}\n\n`);
        }
        for (const warning of result.warnings) process.stdout.write(`note: ${warning}\n`);
        process.stdout.write(`session written to ${result.sessionPath}\n`);
        if (report) {
          const files = await exportReport({ sessionPath: result.sessionPath, ...report });
          process.stdout.write(`report written: ${files.join(', ')}\n`);
        }
      } catch (error) {
        display.stop();
        const detail = error instanceof JobError ? error.detail : undefined;
        const partial = detail?.partialSession;
        if (partial)
          process.stderr.write(
            `note: the session keeps what finished (${partial.variants.join(', ')}): ${partial.path}\n`,
          );
        if (detail) throw new StudioError(undefined, detail.message);
        throw error;
      } finally {
        process.removeListener('SIGINT', onInterrupt);
      }
    });
}
