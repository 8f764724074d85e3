/**
 * THE contract between a caller (CLI, Electron main, server) and the profiling worker process: every
 * message either way is declared here as a zod schema and validated on arrival, so a malformed or
 * foreign message is refused with a reason instead of being half-understood.
 *
 * caller -> worker: `start` (a job), `cancel`.
 * worker -> caller: `ready`, then per job `progress`* followed by exactly one `result` or `error`.
 */
import { z } from 'zod';
import { annotationsOptionSchema } from './importers/coco-annotations';
import { inputSpecsSchema } from './pipeline/input-spec';

const precision = z.enum(['fp32', 'fp16', 'int8']);
const int8Target = z.enum(['onnxruntime', 'tensorrt']);
const shapes = z.record(z.string(), z.array(z.number().int().positive()));

/** How inputs from images are pre-processed (image-preprocess.ts options, all optional). */
export const imageOptionsSchema = z
  .object({
    resize: z.enum(['stretch', 'letterbox']),
    letterboxAnchor: z.enum(['center', 'top-left']),
    padValue: z.number(),
    scale: z.number(),
    mean: z.array(z.number()),
    std: z.array(z.number()),
    channelOrder: z.enum(['rgb', 'bgr', 'gray']),
    layout: z.enum(['nchw', 'nhwc']),
  })
  .partial();

/** The post-processing whose time counts in the pipeline (and whose outputs judge accuracy). */
export const postprocessSchema = z.enum(['none', 'classifier', 'yolox', 'fastestdet', 'detr']);

export const profileJobSchema = z.object({
  kind: z.literal('profile'),
  modelPath: z.string().min(1),
  precisions: z.array(precision).min(1),
  backend: z.literal('onnxruntime'),
  iterations: z.number().int().positive().optional(),
  durationSeconds: z.number().positive().optional(),
  warmupIterations: z.number().int().nonnegative().optional(),
  threads: z.number().int().nonnegative().optional(),
  optimizationLevel: z.enum(['disabled', 'basic', 'extended', 'layout', 'all']).optional(),
  batchSize: z.number().int().positive().optional(),
  batchSweep: z.array(z.number().int().positive()).optional(),
  shapes: shapes.optional(),
  /** random:N | npy:PATH | images:PATH */
  calibration: z.string().optional(),
  /** auto (default): each method judged on held-out calibration samples with the task's metric, the best kept. */
  calibrationMethod: z.enum(['auto', 'minmax', 'percentile', 'entropy']).optional(),
  /** One INT8 variant per target. */
  int8Target: z.union([int8Target, z.array(int8Target).min(1)]).optional(),
  /** Keep the N layers most sensitive to INT8 (ranked on the first calibration samples) in float. */
  int8KeepSensitive: z.number().int().min(0).max(1000).optional(),
  /** images:PATH (or npy:PATH) for accuracy and pipeline timing; never the calibration data. */
  evaluation: z.string().optional(),
  evaluationLimit: z.number().int().positive().optional(),
  image: imageOptionsSchema.optional(),
  /** Values for the inputs images do not feed (calibration, evaluation and timing alike). */
  inputs: inputSpecsSchema.optional(),
  /** COCO instances annotations of the evaluation images: mAP@[0.5:0.95] beside box agreement. */
  annotations: annotationsOptionSchema.optional(),
  postprocess: postprocessSchema.optional(),
  /** Where the Session file goes; variants are written beside it. */
  outPath: z.string().min(1),
});

export const accuracyJobSchema = z.object({
  kind: z.literal('accuracy'),
  referencePath: z.string().min(1),
  variantPaths: z.array(z.string().min(1)).min(1),
  evaluation: z.string(),
  evaluationLimit: z.number().int().positive().optional(),
  shapes: shapes.optional(),
  image: imageOptionsSchema.optional(),
  inputs: inputSpecsSchema.optional(),
  annotations: annotationsOptionSchema.optional(),
  postprocess: postprocessSchema.optional(),
  perLayer: z.boolean().optional(),
  threads: z.number().int().nonnegative().optional(),
});

/** A job that only exists to exercise the protocol (tests, `doctor`): counts, sleeping between steps. */
export const selfTestJobSchema = z.object({
  kind: z.literal('self-test'),
  steps: z.number().int().positive(),
  stepMs: z.number().nonnegative(),
  /** Fail at this step, to check that errors travel. */
  failAt: z.number().int().optional(),
});

export const jobSchema = z.discriminatedUnion('kind', [
  profileJobSchema,
  accuracyJobSchema,
  selfTestJobSchema,
]);

export const startMessageSchema = z.object({
  type: z.literal('start'),
  jobId: z.string().min(1),
  job: jobSchema,
});
export const cancelMessageSchema = z.object({ type: z.literal('cancel'), jobId: z.string().min(1) });
export const toWorkerSchema = z.discriminatedUnion('type', [startMessageSchema, cancelMessageSchema]);

export const progressMessageSchema = z.object({
  type: z.literal('progress'),
  jobId: z.string(),
  /** Monotonic per job, from 0: lets a caller check order. */
  sequence: z.number().int().nonnegative(),
  stage: z.string(),
  fraction: z.number().min(0).max(1).nullable(),
  message: z.string().optional(),
});

export const resultMessageSchema = z.object({
  type: z.literal('result'),
  jobId: z.string(),
  /** Job-specific: JobResult below. */
  result: z.unknown(),
});

export const errorMessageSchema = z.object({
  type: z.literal('error'),
  jobId: z.string(),
  /** failed: the job threw; cancelled: the caller asked; crashed: the worker died (exit code or signal). */
  kind: z.enum(['failed', 'cancelled', 'crashed', 'protocol']),
  message: z.string(),
  file: z.string().optional(),
});

export const readyMessageSchema = z.object({ type: z.literal('ready'), pid: z.number().int() });

export const fromWorkerSchema = z.discriminatedUnion('type', [
  readyMessageSchema,
  progressMessageSchema,
  resultMessageSchema,
  errorMessageSchema,
]);

export type ProfileJob = z.infer<typeof profileJobSchema>;
export type AccuracyJob = z.infer<typeof accuracyJobSchema>;
export type SelfTestJob = z.infer<typeof selfTestJobSchema>;
export type Job = z.infer<typeof jobSchema>;
export type ToWorker = z.infer<typeof toWorkerSchema>;
export type FromWorker = z.infer<typeof fromWorkerSchema>;
export type ProgressMessage = z.infer<typeof progressMessageSchema>;
export type ErrorMessage = z.infer<typeof errorMessageSchema>;
export type ImageOptions = z.infer<typeof imageOptionsSchema>;
export type PostprocessKind = z.infer<typeof postprocessSchema>;

/** A validated message, or the first problem in one line. */
export function parseMessage<T>(
  schema: z.ZodType<T>,
  raw: unknown,
): { ok: true; value: T } | { ok: false; problem: string } {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  return { ok: false, problem: `${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}` };
}
