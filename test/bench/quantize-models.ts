/**
 * The models the quantization benchmarks use, each with the pre-processing its authors' samples use
 * and its post-processing: shared by test/bench/quantize.ts and the export for ONNX Runtime's own
 * quantizer (test/bench/ort-quantizer/), so both quantizers see exactly the same input tensors.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sampleDetrModel } from '../../assets/make-sample-detr';
import type { ImageOptions, PostprocessKind } from '../../electron/core/api';
import type { InputSpecs } from '../../electron/core/model/input-spec';
import { writeOnnx } from '../../electron/core/onnx/writer';
import { FIXTURES } from '../helpers/fixtures';

export interface BenchModel {
  name: string;
  image: ImageOptions;
  post: PostprocessKind;
  inputs?: InputSpecs;
}

export const BENCH_MODELS: BenchModel[] = [
  // Keras MobileNetV2 takes [-1, 1]: x * 2/255 - 1.
  { name: 'mobilenet_v2_128_0.5', image: { scale: 2 / 255, mean: [1, 1, 1] }, post: 'classifier' },
  // YOLOX: BGR 0..255, letterboxed at the top-left, padded with 114.
  {
    name: 'yolox_nano_416',
    image: { resize: 'letterbox', letterboxAnchor: 'top-left', padValue: 114, scale: 1, channelOrder: 'bgr' },
    post: 'yolox',
  },
  // FastestDet's sample: cv2 (BGR) resize to 352x352, / 255.
  { name: 'fastestdet_352', image: { channelOrder: 'bgr' }, post: 'fastestdet' },
  // The studio's DETR-style sample (RT-DETR's deploy layout): RGB / 255, sizes from the source image.
  {
    name: 'sample_detr',
    image: {},
    post: 'detr',
    inputs: { orig_target_sizes: { kind: 'image-size', order: 'wh' } },
  },
];

export const CALIB_IMAGES = `images:${path.join(FIXTURES, 'images', 'coco-calib')}`;
export const EVAL_IMAGES = `images:${path.join(FIXTURES, 'images', 'coco-eval')}`;

/** The models named on the command line (`--models a,b`), or all of them. */
export function modelsNamed(list: string): BenchModel[] {
  const wanted = list.split(',').filter(Boolean);
  return wanted.length ? BENCH_MODELS.filter((m) => wanted.includes(m.name)) : BENCH_MODELS;
}

/** The model's ONNX file: a fixture, or the DETR-style sample written into `work` once. */
export function benchModelFile(model: BenchModel, work: string): string {
  if (model.name !== 'sample_detr') return path.join(FIXTURES, 'models', `${model.name}.onnx`);
  const file = path.join(work, 'sample_detr.onnx');
  if (!fs.existsSync(file)) writeOnnx(sampleDetrModel(), file);
  return file;
}
