/**
 * A DETR-family model end to end through `trt-studio profile`, as the seed's experiment runs it: the
 * studio's DETR-style sample (images + orig_target_sizes in, labels/boxes/scores out, written by the
 * project's own ONNX writer), FP32, FP16 and INT8 for both targets, calibrated on COCO images with the
 * method chosen by measurement, judged on other COCO images by matched-box agreement and mAP.
 * The annotations are FP32's own detections (no COCO ground truth ships with the fixtures): FP32 must
 * score mAP 1 against them, which holds only if evaluation fed orig_target_sizes=image-size as given.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDetrModel } from '../../assets/make-sample-detr';
import { toOrtTensor } from '../../electron/core/backends/ort-tensors';
import { loadSession } from '../../electron/core/model/session';
import { writeOnnx } from '../../electron/core/onnx/writer';
import { loadEvaluationSamples } from '../../electron/core/pipeline/input-source';
import { DEFAULT_DETR_SCORE } from '../../electron/core/pipeline/postprocess-detr';
import { runCli } from '../helpers/cli';
import { fixture, tempDir } from '../helpers/fixtures';

const dir = tempDir('trt-studio-detr-');
const model = path.join(dir, 'detr.onnx');
const calib = path.join(dir, 'calib');
const EVAL_IMAGES = 3;
const annotations = path.join(dir, 'fp32-detections.json');

/** COCO instances JSON of FP32's detections on the first evaluation images (class i -> category i + 1). */
async function writeFp32Annotations(): Promise<void> {
  const detr = sampleDetrModel();
  const { samples } = await loadEvaluationSamples(`images:${fixture('images', 'coco-eval')}`, detr, {
    limit: EVAL_IMAGES,
    inputs: { orig_target_sizes: { kind: 'image-size', order: 'wh' } },
  });
  const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 2 });
  const images: object[] = [];
  const boxes: object[] = [];
  for (const [id, sample] of samples.entries()) {
    const feeds = Object.fromEntries(Object.entries(sample.feeds).map(([k, v]) => [k, toOrtTensor(v)]));
    const out = await session.run(feeds);
    const scores = out.scores!.data as Float32Array;
    const labels = out.labels!.data as BigInt64Array;
    const corners = out.boxes!.data as Float32Array;
    images.push({ id, file_name: path.basename(sample.id) });
    scores.forEach((score, q) => {
      if (score < DEFAULT_DETR_SCORE) return;
      const [x1, y1, x2, y2] = corners.subarray(q * 4, q * 4 + 4);
      boxes.push({
        image_id: id,
        category_id: Number(labels[q]) + 1,
        bbox: [x1, y1, x2! - x1!, y2! - y1!],
        iscrowd: 0,
      });
    });
  }
  await session.release();
  const categories = Array.from({ length: 80 }, (_, i) => ({ id: i + 1 }));
  fs.writeFileSync(annotations, JSON.stringify({ images, annotations: boxes, categories }));
}

beforeAll(async () => {
  writeOnnx(sampleDetrModel(), model);
  fs.mkdirSync(calib);
  const source = fixture('images', 'coco-calib');
  for (const name of fs.readdirSync(source).sort().slice(0, 9))
    fs.symlinkSync(path.join(source, name), path.join(calib, name));
  await writeFp32Annotations();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('DETR-style model end to end', () => {
  it('profiles FP32, FP16, INT8 (onnxruntime and tensorrt) with image calibration, evaluation and --input image-size', () => {
    const out = path.join(dir, 'detr.session.json');
    const result = runCli(
      [
        'profile',
        model,
        '--precisions',
        'fp32,fp16,int8',
        '--int8-target',
        'onnxruntime,tensorrt',
        '--iterations',
        '3',
        '--warmup',
        '1',
        '--threads',
        '2',
        '--calib',
        `images:${calib}`,
        '--eval',
        `images:${fixture('images', 'coco-eval')}`,
        '--eval-limit',
        String(EVAL_IMAGES),
        '--input',
        'orig_target_sizes=image-size',
        '--annotations',
        annotations,
        '--out',
        out,
      ],
      { timeoutMs: 240_000 },
    );
    expect(result.stderr).not.toMatch(/trt-studio: /);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^note: post-processing: detr, found from the model's outputs/m);
    for (const id of ['fp16', 'int8-onnxruntime', 'int8-tensorrt'])
      expect(result.stdout).toMatch(
        new RegExp(`^${id}\\s.*boxes \\d+\\.\\d% \\(P \\d+\\.\\d% R \\d+\\.\\d%\\), mAP`, 'm'),
      );
    for (const target of ['onnxruntime', 'tensorrt']) {
      expect(result.stdout).toMatch(
        new RegExp(
          `^calibration method \\(int8-${target}\\): (minmax|percentile|entropy) chosen by box agreement against FP32 on 9 held-out calibration samples in 3 folds \\(each fold judged with ranges from the other 6; the variant calibrated on all\\): `,
          'm',
        ),
      );
    }

    const session = loadSession(out);
    expect(session.variants.map((v) => v.id)).toEqual(['fp32', 'fp16', 'int8-onnxruntime', 'int8-tensorrt']);
    for (const variant of session.variants.filter((v) => v.precision === 'int8')) {
      expect(variant.calibrationChoice!.candidates).toHaveLength(3);
      expect(variant.recipe.calibrationMethod).toBe(variant.calibrationChoice!.chosen);
    }
    for (const accuracy of session.accuracy) {
      expect(accuracy.inputs).toBe(EVAL_IMAGES);
      expect(accuracy.task.kind).toBe('box-agreement');
      expect(accuracy.outputs.find((o) => o.name === 'labels')!.kind).toBe('integer');
      expect(accuracy.detection!.referenceBoxes).toBeGreaterThan(10);
      expect(accuracy.map!.images).toBe(EVAL_IMAGES);
      expect(accuracy.map!.reference).toBe(1);
      expect(accuracy.map!.variant).toBeGreaterThan(0);
    }
    // FP16 keeps the detections; INT8 of a model with random weights moves some (measured 0.90-0.98).
    expect(session.accuracy.find((a) => a.variantId === 'fp16')!.task.value).toBeGreaterThan(0.95);
    for (const id of ['int8-onnxruntime', 'int8-tensorrt'])
      expect(session.accuracy.find((a) => a.variantId === id)!.task.value).toBeGreaterThan(0.8);
    // Timing runs fed orig_target_sizes too (the model's own size there), and every variant was timed.
    expect(session.profiles).toHaveLength(4);
  });
});
