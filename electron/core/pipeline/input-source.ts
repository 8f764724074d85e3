/**
 * Model inputs from a spec string, the one reader for calibration and evaluation alike:
 *   random:N        N seeded random samples, uniform in options.range (default [0, 1])
 *   npy:PATH        a .npy/.npz file or a folder of them; axis 0 of each array counts samples
 *   images:PATH     a folder of JPEG/PNG images (or one image), pre-processed as the model expects,
 *                   each stage timed (so the same pass feeds pipeline timing)
 * Inputs with a spec (options.inputs, e.g. orig_target_sizes=image-size) take their value from it;
 * the source feeds the others.
 * Every file is checked before the first sample is read: a wrong dtype or shape, an empty folder, a
 * missing input name is a StudioError naming the file and what is wrong.
 */
import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../errors';
import { throwIfCancelled } from '../model/progress';
import { seededRandom, type NamedTensor } from '../model/tensor';
import {
  preprocessImage,
  type ImagePreprocessOptions,
  type PreprocessedImage,
  type StageTime,
} from './image-preprocess';
import type { InputSpecs } from '../model/input-spec';
import {
  checkInputSpecs,
  imageInputSize,
  inputsWithoutSpec,
  withSpecInputs,
  type FeedableInput,
} from './input-values';
import type { OnnxModel } from '../onnx/graph';
import { concreteDims, modelInputs, type ModelInput } from './model-inputs';
import { parseNpy, type NpyArray } from './npy';
import { readZip } from './zip';
import { float32ToFloat16 } from '../model/float16';

export interface CalibrationSample {
  /** Where it came from: "random#3", "calib/0001.npy[2]", "coco/0001.jpg". */
  id: string;
  feeds: Record<string, NamedTensor>;
  /** Pre-processing stage times (summed over the batch) when the input came from images. */
  pre?: StageTime[];
  /** Per batch item, when from images: the source image's size and how it was fitted to the input. */
  images?: Pick<PreprocessedImage, 'sourceSize' | 'letterbox'>[];
}

export interface CalibrationSource {
  spec: string;
  kind: 'random' | 'npy' | 'images';
  count: number;
  /** images: the size they are resized to. */
  geometry?: { width: number; height: number };
  samples(signal?: AbortSignal): AsyncGenerator<CalibrationSample>;
}

export interface CalibrationSourceOptions {
  /** Concrete shapes for dynamic inputs. */
  shapes?: Record<string, number[]>;
  /** random: seed (default 1) and value range (default [0, 1]). */
  seed?: number;
  range?: [number, number];
  /** images: pre-processing; width/height/layout/channels default to what the input's shape says. */
  image?: Partial<ImagePreprocessOptions>;
  /** Use at most this many samples. */
  limit?: number;
  /** Values for inputs the data does not feed (see model/input-spec.ts). */
  inputs?: InputSpecs;
}

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png']);

export function loadCalibrationSource(
  spec: string,
  inputs: ModelInput[],
  options: CalibrationSourceOptions = {},
): CalibrationSource {
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const argument = colon < 0 ? '' : spec.slice(colon + 1);
  const specInputs = checkInputSpecs(options.inputs, inputs, options.shapes);
  const feedable = inputsWithoutSpec(inputs, options.inputs).map((input) => {
    if (!input.dtype)
      throw new StudioError(spec, `input "${input.name}" is not a numeric tensor: cannot calibrate it`);
    return { ...input, dtype: input.dtype, dims: concreteDims(spec, input, options.shapes) };
  });
  const source = openSource(kind, spec, argument, feedable, options);
  if (specInputs.length === 0) return source;
  // Without a source image, image-size is the image input's own size.
  const fallback = imageInputSize(feedable);
  return {
    ...source,
    async *samples(signal) {
      for await (const sample of source.samples(signal)) {
        const sizes = sample.images?.map((i) => i.sourceSize) ?? (fallback ? [fallback] : []);
        yield { ...sample, feeds: withSpecInputs(sample.feeds, options.inputs, specInputs, sizes) };
      }
    },
  };
}

function openSource(
  kind: string,
  spec: string,
  argument: string,
  feedable: Feedable[],
  options: CalibrationSourceOptions,
): CalibrationSource {
  switch (kind) {
    case 'random':
      return randomSource(spec, argument, feedable, options);
    case 'npy':
      return npySource(spec, argument, feedable, options);
    case 'images':
      return imageSource(spec, argument, feedable, options);
    default:
      throw new StudioError(spec, 'calibration data must be random:N, npy:PATH or images:PATH');
  }
}

type Feedable = ModelInput & FeedableInput;

function limited(count: number, options: CalibrationSourceOptions): number {
  return options.limit !== undefined ? Math.min(count, options.limit) : count;
}

function randomTensor(input: Feedable, random: () => number, low: number, high: number): NamedTensor {
  const n = input.dims.reduce((a, b) => a * b, 1);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = low + (high - low) * random();
  const dims = input.dims;
  switch (input.dtype) {
    case 'float32':
      return { dtype: 'float32', dims, data: Float32Array.from(values) };
    case 'float16':
      return { dtype: 'float16', dims, data: float32ToFloat16(values).bits };
    case 'int64':
      return { dtype: 'int64', dims, data: BigInt64Array.from(values, (v) => BigInt(Math.floor(v))) };
    case 'int32':
      return { dtype: 'int32', dims, data: Int32Array.from(values, Math.floor) };
    case 'int8':
      return { dtype: 'int8', dims, data: Int8Array.from(values, Math.floor) };
    case 'uint8':
    case 'bool':
      return { dtype: input.dtype, dims, data: Uint8Array.from(values, Math.floor) };
  }
}

function randomSource(
  spec: string,
  argument: string,
  inputs: Feedable[],
  options: CalibrationSourceOptions,
): CalibrationSource {
  const count = Number(argument);
  if (!Number.isInteger(count) || count < 1)
    throw new StudioError(spec, 'random calibration needs a sample count, e.g. random:64');
  const [low, high] = options.range ?? [0, 1];
  if (!(high > low)) throw new StudioError(spec, `random range [${low}, ${high}] is empty`);
  return {
    spec,
    kind: 'random',
    count: limited(count, options),
    async *samples(signal) {
      const random = seededRandom(options.seed ?? 1);
      for (let i = 0; i < limited(count, options); i++) {
        throwIfCancelled(signal);
        const feeds: Record<string, NamedTensor> = {};
        for (const input of inputs) feeds[input.name] = randomTensor(input, random, low, high);
        yield { id: `random#${i}`, feeds };
      }
    },
  };
}

function listFiles(spec: string, target: string, accept: (file: string) => boolean, what: string): string[] {
  if (!target) throw new StudioError(spec, `give a path after the colon (${what})`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new StudioError(target, 'no such file or folder');
  }
  if (stat.isFile()) {
    if (!accept(target)) throw new StudioError(target, `not ${what}`);
    return [target];
  }
  const files = fs
    .readdirSync(target)
    .filter((name) => !name.startsWith('.') && accept(name))
    .sort()
    .map((name) => path.join(target, name));
  if (files.length === 0) throw new StudioError(target, `folder holds no ${what}`);
  return files;
}

/** The arrays of one .npy/.npz file keyed by the input they feed. */
function arraysOf(file: string, inputs: Feedable[]): Map<string, NpyArray> {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const arrays = new Map<string, NpyArray>();
  if (file.toLowerCase().endsWith('.npy')) {
    if (inputs.length !== 1) {
      throw new StudioError(
        file,
        `the model has ${inputs.length} inputs: use .npz files with one array per input (${inputs.map((i) => i.name).join(', ')})`,
      );
    }
    arrays.set(inputs[0]!.name, parseNpy(file, bytes));
    return arrays;
  }
  const entries = readZip(file, bytes).filter((e) => e.name.endsWith('.npy'));
  const byKey = new Map(entries.map((e) => [e.name.slice(0, -4), e]));
  for (const input of inputs) {
    const entry =
      byKey.get(input.name) ?? (inputs.length === 1 && entries.length === 1 ? entries[0] : undefined);
    if (!entry) {
      throw new StudioError(
        file,
        `no array named "${input.name}" (it holds ${[...byKey.keys()].join(', ') || 'nothing'})`,
      );
    }
    arrays.set(input.name, parseNpy(`${file}:${entry.name}`, entry.read()));
  }
  return arrays;
}

/** Checks dtype and shape against the input; returns how many samples axis 0 holds. */
function checkArray(file: string, input: Feedable, array: NpyArray): number {
  const label = `array for input "${input.name}"`;
  if (array.dtype !== input.dtype) {
    throw new StudioError(file, `${label} is ${array.dtype}, the model wants ${input.dtype}`);
  }
  const want = input.dims;
  const sameRank = array.shape.length === want.length;
  const sameInner = sameRank && array.shape.slice(1).every((d, i) => d === want[i + 1]);
  if (!sameInner || array.shape[0]! % want[0]! !== 0 || array.shape[0] === 0) {
    throw new StudioError(
      file,
      `${label} has shape (${array.shape.join(', ')}), the model wants (N*${want[0]}, ${want.slice(1).join(', ')})`,
    );
  }
  return array.shape[0]! / want[0]!;
}

function samplesIn(file: string, inputs: Feedable[], arrays: Map<string, NpyArray>): number {
  const counts = inputs.map((input) => checkArray(file, input, arrays.get(input.name)!));
  if (new Set(counts).size > 1)
    throw new StudioError(file, `arrays hold different sample counts (${counts.join(', ')})`);
  return counts[0]!;
}

function sliceSample(array: NpyArray, input: Feedable, index: number): NamedTensor {
  const per = input.dims.reduce((a, b) => a * b, 1);
  const data = array.data.slice(index * per, (index + 1) * per) as NamedTensor['data'];
  return { dtype: input.dtype, dims: input.dims, data };
}

function npySource(
  spec: string,
  target: string,
  inputs: Feedable[],
  options: CalibrationSourceOptions,
): CalibrationSource {
  const files = listFiles(spec, target, (f) => /\.np[yz]$/i.test(f), '.npy or .npz files');
  const perFile = files.map((file) => samplesIn(file, inputs, arraysOf(file, inputs)));
  const count = limited(
    perFile.reduce((a, b) => a + b, 0),
    options,
  );
  return {
    spec,
    kind: 'npy',
    count,
    async *samples(signal) {
      let produced = 0;
      for (const file of files) {
        const arrays = arraysOf(file, inputs);
        const n = samplesIn(file, inputs, arrays);
        for (let i = 0; i < n && produced < count; i++, produced++) {
          throwIfCancelled(signal);
          const feeds: Record<string, NamedTensor> = {};
          for (const input of inputs) feeds[input.name] = sliceSample(arrays.get(input.name)!, input, i);
          yield { id: n > 1 ? `${file}[${i}]` : file, feeds };
        }
      }
    },
  };
}

/** Image size, layout and channels from an image-like input shape: [N,C,H,W] or [N,H,W,C] with C 1 or 3. */
export function imageGeometry(
  source: string,
  input: Feedable,
): Pick<ImagePreprocessOptions, 'width' | 'height' | 'layout' | 'channelOrder'> {
  const d = input.dims;
  if (d.length === 4 && (d[1] === 1 || d[1] === 3))
    return { height: d[2]!, width: d[3]!, layout: 'nchw', channelOrder: d[1] === 1 ? 'gray' : 'rgb' };
  if (d.length === 4 && (d[3] === 1 || d[3] === 3))
    return { height: d[1]!, width: d[2]!, layout: 'nhwc', channelOrder: d[3] === 1 ? 'gray' : 'rgb' };
  throw new StudioError(
    source,
    `input "${input.name}" of shape [${d.join(', ')}] does not look like an image (N,C,H,W or N,H,W,C with 1 or 3 channels)`,
  );
}

function imageSource(
  spec: string,
  target: string,
  inputs: Feedable[],
  options: CalibrationSourceOptions,
): CalibrationSource {
  if (inputs.length !== 1) {
    throw new StudioError(
      spec,
      `images feed one input, the model has ${inputs.length} without a value (${inputs.map((i) => i.name).join(', ')}): give the others with --input NAME=VALUE (e.g. --input ${inputs[1]?.name ?? 'sizes'}=image-size) or use npy:`,
    );
  }
  const input = inputs[0]!;
  if (input.dtype !== 'float32' && input.dtype !== 'float16' && input.dtype !== 'uint8') {
    throw new StudioError(
      spec,
      `input "${input.name}" is ${input.dtype}: images feed float32, float16 or uint8 inputs`,
    );
  }
  const files = listFiles(
    spec,
    target,
    (f) => IMAGE_EXTENSIONS.has(path.extname(f).toLowerCase()),
    'JPEG or PNG images',
  );
  const geometry = imageGeometry(spec, input);
  const preprocess: ImagePreprocessOptions = { ...geometry, ...options.image, dtype: input.dtype };
  const batch = input.dims[0]!;
  const count = limited(Math.floor(files.length / batch), options);
  if (count === 0) throw new StudioError(target, `${files.length} images, fewer than one batch of ${batch}`);
  return {
    spec,
    kind: 'images',
    count,
    geometry: { width: geometry.width, height: geometry.height },
    async *samples(signal) {
      for (let s = 0; s < count; s++) {
        const group = files.slice(s * batch, (s + 1) * batch);
        const tensors: NamedTensor[] = [];
        const pre = new Map<StageTime['stage'], number>();
        const images: NonNullable<CalibrationSample['images']> = [];
        for (const file of group) {
          throwIfCancelled(signal);
          const image = await preprocessImage(file, preprocess);
          tensors.push(image.tensor);
          images.push({ sourceSize: image.sourceSize, letterbox: image.letterbox });
          for (const { stage, ms } of image.stages) pre.set(stage, (pre.get(stage) ?? 0) + ms);
        }
        yield {
          id: group.length === 1 ? group[0]! : `${group[0]}+${group.length - 1}`,
          feeds: { [input.name]: stack(tensors) },
          pre: [...pre].map(([stage, ms]) => ({ stage, ms })),
          images,
        };
      }
    },
  };
}

/** Concatenates batch-of-one tensors along axis 0. */
function stack(tensors: NamedTensor[]): NamedTensor {
  if (tensors.length === 1) return tensors[0]!;
  const first = tensors[0]!;
  const per = first.data.length;
  const data = new (first.data.constructor as new (n: number) => NamedTensor['data'])(per * tensors.length);
  tensors.forEach((t, i) => (data as Float32Array).set(t.data as Float32Array, i * per));
  return { dtype: first.dtype, dims: [tensors.length, ...first.dims.slice(1)], data };
}

/** An input accuracy is judged on (never a calibration one). */
export type EvaluationSample = CalibrationSample;

export interface EvaluationOptions {
  shapes?: Record<string, number[]>;
  image?: Partial<ImagePreprocessOptions>;
  limit?: number;
  inputs?: InputSpecs;
}

/** The K inputs accuracy is judged on, read whole (they are few), with the image size when from images. */
export async function loadEvaluationSamples(
  spec: string,
  model: OnnxModel,
  options: EvaluationOptions = {},
  signal?: AbortSignal,
): Promise<{ samples: EvaluationSample[]; geometry?: { width: number; height: number } }> {
  const source = loadCalibrationSource(spec, modelInputs(model), { ...options, seed: 7 });
  const samples: EvaluationSample[] = [];
  for await (const sample of source.samples(signal)) samples.push(sample);
  return { samples, ...(source.geometry ? { geometry: source.geometry } : {}) };
}
