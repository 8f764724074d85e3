/**
 * The K inputs accuracy is judged on (never the calibration ones): from a folder of images, each
 * pre-processed with its stages timed (so the same pass feeds pipeline timing), or from random:/npy:
 * through the calibration loader (no pre-processing to time then). Inputs with a spec (`inputs`, e.g.
 * orig_target_sizes=image-size) take their value from it; the images feed the one input left.
 */
import fs from 'node:fs';
import path from 'node:path';
import { throwIfCancelled, type NamedTensor } from '../backends/backend';
import { StudioError } from '../errors';
import type { OnnxModel } from '../onnx/graph';
import { concreteDims, modelInputs } from '../precision/calibration/model-inputs';
import { imageGeometry, loadCalibrationSource } from '../precision/calibration/source';
import {
  preprocessImage,
  type ImagePreprocessOptions,
  type PreprocessedImage,
  type StageTime,
} from './image-preprocess';
import type { InputSpecs } from './input-spec';
import { checkInputSpecs, inputsWithoutSpec, withSpecInputs } from './input-values';

export interface EvaluationSample {
  id: string;
  feeds: Record<string, NamedTensor>;
  /** Pre-processing stage times when the input came from an image. */
  pre?: StageTime[];
  /** The source image's size and how it was fitted to the input, to map boxes back to it. */
  image?: Pick<PreprocessedImage, 'sourceSize' | 'letterbox'>;
}

export interface EvaluationOptions {
  shapes?: Record<string, number[]>;
  image?: Partial<ImagePreprocessOptions>;
  limit?: number;
  inputs?: InputSpecs;
}

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png']);

export async function loadEvaluationSamples(
  spec: string,
  model: OnnxModel,
  options: EvaluationOptions = {},
  signal?: AbortSignal,
): Promise<{ samples: EvaluationSample[]; geometry?: { width: number; height: number } }> {
  const all = modelInputs(model);
  if (!spec.startsWith('images:')) {
    const source = loadCalibrationSource(spec, all, {
      shapes: options.shapes,
      limit: options.limit,
      seed: 7,
      inputs: options.inputs,
    });
    const samples: EvaluationSample[] = [];
    for await (const { id, feeds } of source.samples(signal)) samples.push({ id, feeds });
    return { samples };
  }
  const target = spec.slice('images:'.length);
  const specInputs = checkInputSpecs(options.inputs, all, options.shapes);
  const inputs = inputsWithoutSpec(all, options.inputs);
  if (inputs.length !== 1 || !inputs[0]!.dtype) {
    throw new StudioError(
      spec,
      `images feed one numeric input, the model has ${inputs.length} without a value (${inputs.map((i) => i.name).join(', ')}): give the others with --input NAME=VALUE`,
    );
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
    const feeds = withSpecInputs({ [input.name]: image.tensor }, options.inputs, specInputs, [
      image.sourceSize,
    ]);
    samples.push({
      id: file,
      feeds,
      pre: image.stages,
      image: { sourceSize: image.sourceSize, letterbox: image.letterbox },
    });
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
