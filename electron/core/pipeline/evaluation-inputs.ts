/**
 * The K inputs accuracy is judged on (never the calibration ones): from a folder of images, each
 * pre-processed with its stages timed (so the same pass feeds pipeline timing), or from random:/npy:
 * through the calibration loader (no pre-processing to time then).
 */
import fs from 'node:fs';
import path from 'node:path';
import { throwIfCancelled, type NamedTensor } from '../backends/backend';
import { StudioError } from '../errors';
import type { OnnxModel } from '../onnx/graph';
import { concreteDims, modelInputs } from './model-inputs';
import { imageGeometry, loadCalibrationSource } from './input-source';
import { preprocessImage, type ImagePreprocessOptions, type StageTime } from './image-preprocess';

export interface EvaluationSample {
  id: string;
  feeds: Record<string, NamedTensor>;
  /** Pre-processing stage times when the input came from an image. */
  pre?: StageTime[];
}

export interface EvaluationOptions {
  shapes?: Record<string, number[]>;
  image?: Partial<ImagePreprocessOptions>;
  limit?: number;
}

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png']);

export async function loadEvaluationSamples(
  spec: string,
  model: OnnxModel,
  options: EvaluationOptions = {},
  signal?: AbortSignal,
): Promise<{ samples: EvaluationSample[]; geometry?: { width: number; height: number } }> {
  const inputs = modelInputs(model);
  if (!spec.startsWith('images:')) {
    const source = loadCalibrationSource(spec, inputs, {
      shapes: options.shapes,
      limit: options.limit,
      seed: 7,
    });
    const samples: EvaluationSample[] = [];
    for await (const sample of source.samples(signal)) samples.push(sample);
    return { samples };
  }
  const target = spec.slice('images:'.length);
  if (inputs.length !== 1 || !inputs[0]!.dtype) {
    throw new StudioError(spec, `images feed one numeric input, the model has ${inputs.length}`);
  }
  const input = {
    ...inputs[0]!,
    dtype: inputs[0]!.dtype,
    dims: concreteDims(spec, inputs[0]!, options.shapes),
  };
  const geometry = imageGeometry(spec, input);
  const files = listImages(spec, target).slice(0, options.limit);
  const preprocess: ImagePreprocessOptions = {
    ...geometry,
    ...options.image,
    dtype: input.dtype === 'float16' || input.dtype === 'uint8' ? input.dtype : 'float32',
  };
  const samples: EvaluationSample[] = [];
  for (const file of files) {
    throwIfCancelled(signal);
    const image = await preprocessImage(file, preprocess);
    samples.push({ id: file, feeds: { [input.name]: image.tensor }, pre: image.stages });
  }
  return { samples, geometry: { width: geometry.width, height: geometry.height } };
}

function listImages(spec: string, target: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new StudioError(target, `no such file or folder (from ${spec})`);
  }
  if (stat.isFile()) return [target];
  const files = fs
    .readdirSync(target)
    .filter((f) => IMAGE_EXTENSIONS.has(path.extname(f).toLowerCase()))
    .sort()
    .map((f) => path.join(target, f));
  if (files.length === 0) throw new StudioError(target, 'the folder holds no JPEG or PNG images');
  return files;
}
