/**
 * What a profile job does with each option left out, in one place: the CLI's help and the UI's form
 * show these, and the job applies them. Light on purpose (no ONNX Runtime, no sharp).
 */
import { DEFAULT_ORT_SETTINGS } from '../backends/onnxruntime-settings';
import { DEFAULT_ITERATIONS, DEFAULT_WARMUP } from '../backends/timing-loop';
import { IMAGE_DEFAULTS } from '../pipeline/image-defaults';

/** With no --eval, accuracy is judged on this many seeded random inputs (and the result says so). */
export const DEFAULT_RANDOM_EVAL = 'random:4';

export const PROFILE_DEFAULTS = {
  precisions: ['fp32', 'fp16', 'int8'],
  backend: 'auto',
  iterations: DEFAULT_ITERATIONS,
  warmupIterations: DEFAULT_WARMUP,
  threads: DEFAULT_ORT_SETTINGS.intraOpThreads,
  optimizationLevel: DEFAULT_ORT_SETTINGS.optimizationLevel,
  calibrationMethod: 'auto',
  int8Target: 'onnxruntime',
  int8KeepSensitive: 0,
  evaluation: DEFAULT_RANDOM_EVAL,
  postprocess: 'none',
  image: IMAGE_DEFAULTS,
} as const;
