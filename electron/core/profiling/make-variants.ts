/**
 * Makes the precision variants a profile job asks for, through precision/: FP32 is the source model
 * itself; FP16 and INT8 are ONNX files written (atomically) into a folder beside the session file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ProfileJob } from '../api';
import type { ProgressSink } from '../model/progress';
import type { OnnxModel } from '../onnx/graph';
import type { CalibrationChoice, Precision, Variant } from '../model/types';
import { hashFile } from '../onnx/inspect-model';
import { writeOnnx } from '../onnx/writer';
import { makeFp16Variant } from '../precision/fp16';
import { makeInt8Variant, type Int8Options } from '../precision/int8-qdq';
import type { CalibrationRanges } from '../precision/calibration-ranges';
import { CalibrationSelector, describeCalibrationChoice } from './calibration-selection';
import type { JobInputs } from './job-inputs';
import { collectRanges } from './collect-ranges';
import type { CalibrationSample } from '../pipeline/input-source';
import { makeInt8VariantKeepingSensitive } from './sensitivity';
import { PROFILE_DEFAULTS } from './profile-defaults';

export interface MadeVariant {
  variant: Variant;
  /** The ONNX file to load. */
  path: string;
  /** True when this job wrote the file (removed again if the job fails). */
  written: boolean;
}

/** `<session>.variants/` beside the session file. */
export function variantDirectory(sessionPath: string): string {
  const parsed = path.parse(path.resolve(sessionPath));
  return path.join(parsed.dir, `${parsed.name}.variants`);
}

const hashes = new Map<string, string>();
function sha256Of(file: string): string {
  let hash = hashes.get(file);
  if (!hash) {
    hash = hashFile(file);
    hashes.set(file, hash);
  }
  return hash;
}

export type Int8Target = 'onnxruntime' | 'tensorrt';

/** The INT8 targets a job asks for (one variant each); the backend's own when it names none. */
export function int8Targets(job: ProfileJob, backend: Int8Target): Int8Target[] {
  const targets = job.int8Target ?? backend;
  return [...new Set(Array.isArray(targets) ? targets : [targets])];
}

export async function makeVariant(
  model: OnnxModel,
  precision: Extract<Precision, 'fp32' | 'fp16' | 'int8'>,
  job: ProfileJob,
  inputs: JobInputs,
  directory: string,
  progress: ProgressSink,
  signal?: AbortSignal,
  target: Int8Target = 'onnxruntime',
): Promise<MadeVariant> {
  const modelSha256 = sha256Of(model.path);
  if (precision === 'fp32') {
    const variant: Variant = {
      id: 'fp32',
      precision,
      modelSha256,
      onnxPath: model.path,
      recipe: {},
      keptHigherPrecision: [],
      notes: [],
    };
    return { variant, path: model.path, written: false };
  }
  fs.mkdirSync(directory, { recursive: true });
  const stem = path.parse(model.path).name;
  const out = path.join(directory, `${stem}.${precision === 'int8' ? `int8-${target}` : precision}.onnx`);
  const made = await makeLowerPrecision(model, precision, job, inputs, out, progress, signal, target);
  return { variant: { ...made, modelSha256, onnxPath: out }, path: out, written: true };
}

async function makeLowerPrecision(
  model: OnnxModel,
  precision: 'fp16' | 'int8',
  job: ProfileJob,
  inputs: JobInputs,
  out: string,
  progress: ProgressSink,
  signal: AbortSignal | undefined,
  target: Int8Target,
): Promise<Variant> {
  const started = performance.now();
  progress({ stage: `${precision}:make`, fraction: 0, message: `making the ${precision} variant` });
  const made =
    precision === 'fp16'
      ? makeFp16Variant(model)
      : await makeInt8(model, job, inputs, target, progress, signal);
  writeOnnx(made.model, out);
  made.variant.notes.push(`made in ${(performance.now() - started).toFixed(0)} ms`);
  progress({ stage: `${precision}:make`, fraction: 1, message: path.basename(out) });
  return made.variant;
}

/**
 * Ranges by the method the job names, or, by default ('auto'), by the method that does the task best
 * on held-out calibration samples (calibration-selection.ts), said in the variant's notes.
 */
async function calibrate(
  model: OnnxModel,
  job: ProfileJob,
  inputs: JobInputs,
  options: Int8Options,
  progress: ProgressSink,
  signal?: AbortSignal,
): Promise<{ ranges: CalibrationRanges; options: Int8Options; choice?: CalibrationChoice }> {
  const source = inputs.calibration!;
  const method = job.calibrationMethod ?? PROFILE_DEFAULTS.calibrationMethod;
  if (method !== 'auto') {
    const ranges = await collectRanges(model, source, { method, threads: job.threads }, progress, signal);
    return { ranges, options };
  }
  inputs.calibrationSelector ??= new CalibrationSelector(model, source, {
    postprocess: inputs.postprocess,
    threads: job.threads,
  });
  return inputs.calibrationSelector.choose(options, progress, signal);
}

async function makeInt8(
  model: OnnxModel,
  job: ProfileJob,
  inputs: JobInputs,
  target: Int8Target,
  progress: ProgressSink,
  signal?: AbortSignal,
) {
  const calibrated = await calibrate(model, job, inputs, { target }, progress, signal);
  const { ranges, options, choice } = calibrated;
  const made = await makeInt8Keeping(model, job, inputs, ranges, options, progress, signal);
  if (choice) {
    made.variant.calibrationChoice = choice;
    made.variant.notes.push(`calibration method ${describeCalibrationChoice(choice)}`);
  }
  return made;
}

async function makeInt8Keeping(
  model: OnnxModel,
  job: ProfileJob,
  inputs: JobInputs,
  ranges: CalibrationRanges,
  options: Int8Options,
  progress: ProgressSink,
  signal?: AbortSignal,
) {
  const source = inputs.calibration!;
  const keep = job.int8KeepSensitive ?? PROFILE_DEFAULTS.int8KeepSensitive;
  if (keep === 0) return makeInt8Variant(model, ranges, options);
  // Sensitivity is ranked on the first calibration samples: never on the evaluation inputs.
  const ranked: CalibrationSample['feeds'][] = [];
  for await (const sample of source.samples(signal)) {
    ranked.push(sample.feeds);
    if (ranked.length === SENSITIVITY_SAMPLES) break;
  }
  const sensitivity = { threads: job.threads };
  return makeInt8VariantKeepingSensitive(model, ranges, options, ranked, keep, sensitivity, progress, signal);
}

/** Inputs the sensitivity ranking runs on: enough to see a layer's damage, few enough to stay quick. */
const SENSITIVITY_SAMPLES = 3;
