/**
 * The jobs a front end can start (they run in the worker process), each with its zod schema, and the
 * typed result each kind of job ends with.
 */
import { z } from 'zod';
import { annotationsOptionSchema } from '../model/annotations-option';
import { inputSpecsSchema } from '../model/input-spec';
import type { AccuracyResult, CalibrationChoice, Model } from '../model/types';

/** The large model objects are produced by core itself; at the boundary they are checked for shape only. */
export function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const precision = z.enum(['fp32', 'fp16', 'int8']);
/** What an INT8 variant is made for: ONNX Runtime (u8 activations) or TensorRT (symmetric int8). */
export const int8TargetSchema = z.enum(['onnxruntime', 'tensorrt']);
/** Shapes for symbolic/dynamic inputs, e.g. {"images": [1, 3, 640, 640]}. */
export const shapesSchema = z.record(z.string(), z.array(z.number().int().positive()));

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
  /** auto: TensorRT where the native addon has it, ONNX Runtime otherwise. */
  backend: z.enum(['auto', 'onnxruntime', 'tensorrt']),
  iterations: z.number().int().positive().optional(),
  durationSeconds: z.number().positive().optional(),
  warmupIterations: z.number().int().nonnegative().optional(),
  threads: z.number().int().nonnegative().optional(),
  optimizationLevel: z.enum(['disabled', 'basic', 'extended', 'layout', 'all']).optional(),
  batchSize: z.number().int().positive().optional(),
  batchSweep: z.array(z.number().int().positive()).optional(),
  shapes: shapesSchema.optional(),
  /** random:N | npy:PATH | images:PATH */
  calibration: z.string().optional(),
  /** auto (default): each method judged on held-out calibration samples with the task's metric, the best kept. */
  calibrationMethod: z.enum(['auto', 'minmax', 'percentile', 'entropy']).optional(),
  /** Calibrate on at most this many samples of the calibration data. */
  calibrationLimit: z.number().int().positive().optional(),
  /** One INT8 variant per target. */
  int8Target: z.union([int8TargetSchema, z.array(int8TargetSchema).min(1)]).optional(),
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
  /** Also compare every intermediate tensor of each variant with FP32's (the per-layer error curve). */
  perLayerAccuracy: z.boolean().optional(),
  /** Where the Session file goes; variants are written beside it. */
  outPath: z.string().min(1),
});

export const accuracyJobSchema = z.object({
  kind: z.literal('accuracy'),
  referencePath: z.string().min(1),
  variantPaths: z.array(z.string().min(1)).min(1),
  evaluation: z.string(),
  evaluationLimit: z.number().int().positive().optional(),
  shapes: shapesSchema.optional(),
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

/** Inspect by execution: shapes the static pass could not infer are measured by running the model once. */
export const inspectJobSchema = z.object({
  kind: z.literal('inspect'),
  modelPath: z.string().min(1),
  shapes: shapesSchema.optional(),
  device: z.string().min(1).optional(),
});

export const jobSchema = z.discriminatedUnion('kind', [
  profileJobSchema,
  accuracyJobSchema,
  inspectJobSchema,
  selfTestJobSchema,
]);

/** One variant's headline figures, as `profile` prints them (profiling/profile-summary.ts). */
export const variantSummarySchema = z.object({
  variantId: z.string(),
  precision: z.string(),
  p50Ms: z.number(),
  p90Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
  cv: z.number().nullable(),
  throughputPerSec: z.number(),
  speedup: z.number().nullable(),
  /** The task's metric against FP32 (model/types.ts TaskMetric); null for FP32 itself. */
  task: z
    .object({
      kind: z.enum(['box-agreement', 'top1-agreement', 'cosine', 'output-agreement']),
      value: z.number(),
    })
    .nullable(),
  /** Worst cosine over the float outputs only. */
  cosine: z.number().nullable(),
  top1Agreement: z.number().nullable(),
  boxAgreement: z.number().nullable(),
  detection: z.object({ precision: z.number(), recall: z.number() }).nullable(),
  map: z.object({ reference: z.number().nullable(), variant: z.number().nullable() }).nullable(),
  conversionShare: z.number().nullable(),
  /** What that share is made of, most time first. */
  conversionKinds: z.array(z.enum(['Q/DQ', 'reorders', 'casts', 'transposes'])),
});

export const profileJobResultSchema = z.object({
  kind: z.literal('profile'),
  sessionPath: z.string(),
  /** Which backend ran, and why (auto picks TensorRT where the native addon has it). */
  backend: z.string(),
  summary: z.array(variantSummarySchema),
  /** Per INT8 variant whose calibration method was chosen by measurement: what was compared. */
  calibration: z.array(
    z.object({
      variantId: z.string(),
      choice: z.custom<CalibrationChoice>(isObject, 'expected a calibration choice'),
      description: z.string(),
    }),
  ),
  warnings: z.array(z.string()),
});

export const accuracyJobResultSchema = z.object({
  kind: z.literal('accuracy'),
  accuracy: z.array(z.custom<AccuracyResult>(isObject, 'expected an accuracy result')),
});

export const inspectJobResultSchema = z.object({
  kind: z.literal('inspect'),
  model: z.custom<Model>(isObject, 'expected a Model'),
});

export const selfTestJobResultSchema = z.object({ kind: z.literal('self-test'), steps: z.number().int() });

/** What a job ends with, by its kind. */
export const jobResultSchema = z.discriminatedUnion('kind', [
  profileJobResultSchema,
  accuracyJobResultSchema,
  inspectJobResultSchema,
  selfTestJobResultSchema,
]);

export type ProfileJob = z.infer<typeof profileJobSchema>;
export type AccuracyJob = z.infer<typeof accuracyJobSchema>;
export type SelfTestJob = z.infer<typeof selfTestJobSchema>;
export type InspectJob = z.infer<typeof inspectJobSchema>;
export type Job = z.infer<typeof jobSchema>;
export type JobResult = z.infer<typeof jobResultSchema>;
export type ProfileJobResult = z.infer<typeof profileJobResultSchema>;
export type ImageOptions = z.infer<typeof imageOptionsSchema>;
export type PostprocessKind = z.infer<typeof postprocessSchema>;
