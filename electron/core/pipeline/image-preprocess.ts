/**
 * Image pre-processing as a deployed model sees it: decode (JPEG/PNG via sharp), resize (stretch or
 * letterbox), normalize ((x * scale - mean) / std), channel order (RGB/BGR/gray), layout (NCHW/NHWC)
 * and dtype. Each stage is timed on its own and returned with the tensor, so pipeline timing records
 * measured spans rather than estimates.
 */
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { StudioError } from '../errors';
import type { NamedTensor } from '../model/tensor';
import { float32ToFloat16 } from '../model/float16';
import { IMAGE_DEFAULTS } from './image-defaults';

export type ResizeMode = 'stretch' | 'letterbox';
export type Interpolation = 'nearest' | 'linear' | 'cubic' | 'lanczos3';
export type ChannelOrder = 'rgb' | 'bgr' | 'gray';
export type Layout = 'nchw' | 'nhwc';

export interface ImagePreprocessOptions {
  width: number;
  height: number;
  resize?: ResizeMode;
  interpolation?: Interpolation;
  /** Letterbox: padding value (0..255) and where the image sits ('center', or 'top-left' as YOLOX does). */
  padValue?: number;
  letterboxAnchor?: 'center' | 'top-left';
  /** x * scale before mean/std; default 1/255. */
  scale?: number;
  /** Per channel, in the output channel order; defaults 0 and 1. */
  mean?: number[];
  std?: number[];
  channelOrder?: ChannelOrder;
  layout?: Layout;
  dtype?: 'float32' | 'float16' | 'uint8';
}

export interface StageTime {
  stage: 'decode' | 'resize' | 'normalize' | 'channel-order' | 'layout';
  ms: number;
}

export interface PreprocessedImage {
  /** Batch of one: [1, C, H, W] or [1, H, W, C]. */
  tensor: NamedTensor;
  stages: StageTime[];
  sourceSize: { width: number; height: number };
  /** Letterbox geometry, to map boxes back to the source image. */
  letterbox?: { scale: number; padLeft: number; padTop: number };
}

const KERNELS: Record<Interpolation, keyof sharp.KernelEnum> = {
  nearest: 'nearest',
  linear: 'linear',
  cubic: 'cubic',
  lanczos3: 'lanczos3',
};

async function timed<T>(
  stages: StageTime[],
  stage: StageTime['stage'],
  work: () => T | Promise<T>,
): Promise<T> {
  const start = performance.now();
  const result = await work();
  stages.push({ stage, ms: performance.now() - start });
  return result;
}

interface RawImage {
  pixels: Uint8Array;
  width: number;
  height: number;
}

async function decode(file: string): Promise<RawImage> {
  try {
    const { data, info } = await sharp(file)
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`${info.channels} channels after decoding`);
    return {
      pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new StudioError(file, `cannot decode image: ${reason}`, { cause: error });
  }
}

async function resize(
  image: RawImage,
  options: Required<Pick<ImagePreprocessOptions, 'width' | 'height'>> & ImagePreprocessOptions,
) {
  const kernel = KERNELS[options.interpolation ?? 'linear'];
  const input = sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: 3 } });
  if ((options.resize ?? IMAGE_DEFAULTS.resize) === 'stretch') {
    const data = await input.resize(options.width, options.height, { fit: 'fill', kernel }).raw().toBuffer();
    return { pixels: new Uint8Array(data), letterbox: undefined };
  }
  const scale = Math.min(options.width / image.width, options.height / image.height);
  const w = Math.max(1, Math.round(image.width * scale));
  const h = Math.max(1, Math.round(image.height * scale));
  const centered = (options.letterboxAnchor ?? IMAGE_DEFAULTS.letterboxAnchor) === 'center';
  const padLeft = centered ? Math.floor((options.width - w) / 2) : 0;
  const padTop = centered ? Math.floor((options.height - h) / 2) : 0;
  const pad = options.padValue ?? IMAGE_DEFAULTS.padValue;
  const data = await input
    .resize(w, h, { fit: 'fill', kernel })
    .extend({
      top: padTop,
      bottom: options.height - h - padTop,
      left: padLeft,
      right: options.width - w - padLeft,
      background: { r: pad, g: pad, b: pad },
    })
    .raw()
    .toBuffer();
  return { pixels: new Uint8Array(data), letterbox: { scale, padLeft, padTop } };
}

/** uint8 HWC RGB -> float32 HWC RGB: (x * scale - mean) / std, mean/std given in output channel order. */
function normalize(pixels: Uint8Array, options: ImagePreprocessOptions): Float32Array {
  const scale = options.scale ?? IMAGE_DEFAULTS.scale;
  const order = options.channelOrder ?? IMAGE_DEFAULTS.channelOrder;
  // mean/std are per output channel; map them back to the RGB position they apply to.
  const at = (values: number[] | undefined, rgbIndex: number, fallback: number) => {
    if (!values || values.length === 0) return fallback;
    if (values.length === 1 || order === 'gray') return values[0]!;
    return values[order === 'bgr' ? 2 - rgbIndex : rgbIndex] ?? fallback;
  };
  const mean = [0, 1, 2].map((c) => at(options.mean, c, 0));
  const std = [0, 1, 2].map((c) => at(options.std, c, 1));
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i += 3) {
    out[i] = (pixels[i]! * scale - mean[0]!) / std[0]!;
    out[i + 1] = (pixels[i + 1]! * scale - mean[1]!) / std[1]!;
    out[i + 2] = (pixels[i + 2]! * scale - mean[2]!) / std[2]!;
  }
  return out;
}

type Pixels = Float32Array | Uint8Array;

/** RGB HWC -> BGR HWC (swap), or -> gray HW1 (ITU-R BT.601 luma, as OpenCV's cvtColor). */
function reorderChannels<T extends Pixels>(pixels: T, order: ChannelOrder): T {
  if (order === 'rgb') return pixels;
  const count = pixels.length / 3;
  if (order === 'bgr') {
    const out = new (pixels.constructor as new (n: number) => T)(pixels.length);
    for (let i = 0; i < pixels.length; i += 3) {
      out[i] = pixels[i + 2]!;
      out[i + 1] = pixels[i + 1]!;
      out[i + 2] = pixels[i]!;
    }
    return out;
  }
  const out = new (pixels.constructor as new (n: number) => T)(count);
  const round = pixels instanceof Uint8Array;
  for (let p = 0; p < count; p++) {
    const y = 0.299 * pixels[3 * p]! + 0.587 * pixels[3 * p + 1]! + 0.114 * pixels[3 * p + 2]!;
    out[p] = round ? Math.round(y) : y;
  }
  return out;
}

/** HWC -> CHW. */
function toPlanar<T extends Pixels>(pixels: T, height: number, width: number, channels: number): T {
  if (channels === 1) return pixels;
  const out = new (pixels.constructor as new (n: number) => T)(pixels.length);
  const plane = height * width;
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < channels; c++) out[c * plane + p] = pixels[p * channels + c]!;
  }
  return out;
}

function checkOptions(file: string, options: ImagePreprocessOptions): void {
  for (const key of ['width', 'height'] as const) {
    const v = options[key];
    if (!Number.isInteger(v) || v < 1 || v > 16384) {
      throw new StudioError(file, `pre-processing ${key} must be a whole number from 1 to 16384, got ${v}`);
    }
  }
  const channels = options.channelOrder === 'gray' ? 1 : 3;
  for (const key of ['mean', 'std'] as const) {
    const values = options[key];
    if (values && values.length !== 1 && values.length !== channels) {
      throw new StudioError(
        file,
        `pre-processing ${key} has ${values.length} values, the image has ${channels} channels`,
      );
    }
  }
  if (options.std?.some((s) => s === 0))
    throw new StudioError(file, 'pre-processing std has a 0: division by zero');
}

/** Decodes and pre-processes one image file into a batch-of-one tensor, timing each stage. */
export async function preprocessImage(
  file: string,
  options: ImagePreprocessOptions,
): Promise<PreprocessedImage> {
  checkOptions(file, options);
  const stages: StageTime[] = [];
  const image = await timed(stages, 'decode', () => decode(file));
  const resized = await timed(stages, 'resize', () => resize(image, options));
  const dtype = options.dtype ?? 'float32';
  const values: Pixels = await timed(stages, 'normalize', () =>
    dtype === 'uint8' ? resized.pixels : normalize(resized.pixels, options),
  );
  const order = options.channelOrder ?? IMAGE_DEFAULTS.channelOrder;
  const ordered = await timed(stages, 'channel-order', () => reorderChannels(values, order));
  const channels = order === 'gray' ? 1 : 3;
  const layout = options.layout ?? IMAGE_DEFAULTS.layout;
  const arranged = await timed(stages, 'layout', () =>
    layout === 'nchw' ? toPlanar(ordered, options.height, options.width, channels) : ordered,
  );
  const dims =
    layout === 'nchw'
      ? [1, channels, options.height, options.width]
      : [1, options.height, options.width, channels];
  const tensor: NamedTensor =
    dtype === 'uint8'
      ? { dtype, dims, data: arranged as Uint8Array }
      : dtype === 'float16'
        ? { dtype, dims, data: float32ToFloat16(arranged as Float32Array).bits }
        : { dtype, dims, data: arranged as Float32Array };
  return {
    tensor,
    stages,
    sourceSize: { width: image.width, height: image.height },
    letterbox: resized.letterbox,
  };
}
