/**
 * Makes the precision variants a profile job asks for, through precision/: FP32 is the source model
 * itself; FP16 and INT8 are ONNX files written (atomically) into a folder beside the session file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ProfileJob } from '../api';
import type { ProgressSink } from '../model/progress';
import type { OnnxModel } from '../onnx/graph';
import type { Precision, Variant } from '../model/types';
import { hashFile } from '../onnx/inspect-model';
import { writeOnnx } from '../onnx/writer';
import { makeFp16Variant } from '../precision/fp16';
import { makeInt8Variant } from '../precision/int8-qdq';
import { collectRanges } from './collect-ranges';
import { modelInputs } from '../pipeline/model-inputs';
import { loadCalibrationSource, type CalibrationSample } from '../pipeline/input-source';
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

export async function makeVariant(
  model: OnnxModel,
  precision: Extract<Precision, 'fp32' | 'fp16' | 'int8'>,
  job: ProfileJob,
  directory: string,
  progress: ProgressSink,
  signal?: AbortSignal,
  backend: 'onnxruntime' | 'tensorrt' = 'onnxruntime',
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
  const out = path.join(directory, `${stem}.${precision}.onnx`);
  const made = await makeLowerPrecision(model, precision, job, out, progress, signal, backend);
  return { variant: { ...made, modelSha256, onnxPath: out }, path: out, written: true };
}

async function makeLowerPrecision(
  model: OnnxModel,
  precision: 'fp16' | 'int8',
  job: ProfileJob,
  out: string,
  progress: ProgressSink,
  signal: AbortSignal | undefined,
  backend: 'onnxruntime' | 'tensorrt',
): Promise<Variant> {
  const started = performance.now();
  progress({ stage: `${precision}:make`, fraction: 0, message: `making the ${precision} variant` });
  const made =
    precision === 'fp16' ? makeFp16Variant(model) : await makeInt8(model, job, progress, signal, backend);
  writeOnnx(made.model, out);
  made.variant.notes.push(`made in ${(performance.now() - started).toFixed(0)} ms`);
  progress({ stage: `${precision}:make`, fraction: 1, message: path.basename(out) });
  return made.variant;
}

async function makeInt8(
  model: OnnxModel,
  job: ProfileJob,
  progress: ProgressSink,
  signal: AbortSignal | undefined,
  backend: 'onnxruntime' | 'tensorrt',
) {
  const spec = job.calibration!;
  const source = loadCalibrationSource(spec, modelInputs(model), {
    shapes: job.shapes,
    image: job.image,
    limit: job.calibrationLimit,
  });
  const method = job.calibrationMethod ?? PROFILE_DEFAULTS.calibrationMethod;
  const ranges = await collectRanges(model, source, { method, threads: job.threads }, progress, signal);
  // TensorRT wants symmetric INT8 (zero point 0); ONNX Runtime runs either.
  const options = { target: job.int8Target ?? backend } as const;
  const keep = job.int8KeepSensitive ?? PROFILE_DEFAULTS.int8KeepSensitive;
  if (keep === 0) return makeInt8Variant(model, ranges, options);
  // Sensitivity is ranked on the first calibration samples: never on the evaluation inputs.
  const inputs: CalibrationSample['feeds'][] = [];
  for await (const sample of source.samples(signal)) {
    inputs.push(sample.feeds);
    if (inputs.length === SENSITIVITY_SAMPLES) break;
  }
  const sensitivity = { threads: job.threads };
  return makeInt8VariantKeepingSensitive(model, ranges, options, inputs, keep, sensitivity, progress, signal);
}

/** Inputs the sensitivity ranking runs on: enough to see a layer's damage, few enough to stay quick. */
const SENSITIVITY_SAMPLES = 3;
