/**
 * The calibration method chosen by measurement, on real models and COCO images: the calibration
 * images in three folds, each method's INT8 variant judged on every fold with ranges from the other
 * two, with the task's metric. Few images keep it short on 2 cores; the figures in comments were measured.
 */
import { describe, expect, it } from 'vitest';
import type { ImageOptions, PostprocessKind } from '../../electron/core/api';
import type { CalibrationChoice } from '../../electron/core/model/types';
import { readOnnx } from '../../electron/core/onnx/reader';
import { loadCalibrationSource } from '../../electron/core/pipeline/input-source';
import { modelInputs } from '../../electron/core/pipeline/model-inputs';
import {
  CALIBRATION_METHODS,
  CalibrationSelector,
  describeCalibrationChoice,
  keepsTaskMetric,
} from '../../electron/core/profiling/calibration-selection';
import { fixture } from '../helpers/fixtures';

async function choose(model: string, image: ImageOptions, postprocess: PostprocessKind, limit: number) {
  const onnx = readOnnx(fixture('models', `${model}.onnx`));
  const source = loadCalibrationSource(`images:${fixture('images', 'coco-calib')}`, modelInputs(onnx), {
    image,
    limit,
  });
  const selector = new CalibrationSelector(onnx, source, { postprocess, threads: 2 });
  return (await selector.choose({ target: 'onnxruntime' }, () => {})).choice;
}

function expectBestOfAll(choice: CalibrationChoice, metric: string): void {
  expect(choice.candidates.map((c) => c.method).sort()).toEqual([...CALIBRATION_METHODS].sort());
  const chosen = choice.candidates.find((c) => c.method === choice.chosen)!;
  for (const other of choice.candidates) expect(chosen.task.value).toBeGreaterThanOrEqual(other.task.value);
  expect(choice.judgedOn).toBe('held-out');
  const sentence = describeCalibrationChoice(choice);
  expect(sentence).toContain(
    `${choice.chosen} chosen by ${metric} against FP32 on ${choice.heldOutSamples} held-out`,
  );
  for (const method of CALIBRATION_METHODS) expect(sentence).toMatch(new RegExp(`${method} \\d+\\.\\d%`));
}

describe('calibration method chosen on held-out calibration images', () => {
  it('MobileNetV2: the best top-1 agreement wins, and it is not entropy', async () => {
    // 12 images in 3 folds of 4, each judged with ranges from the other 8.
    const choice = await choose('mobilenet_v2_128_0.5', { scale: 2 / 255, mean: [1, 1, 1] }, 'none', 12);
    expect(choice.calibrationSamples).toBe(8);
    expect(choice.heldOutSamples).toBe(12);
    expect(choice.folds).toBe(3);
    expectBestOfAll(choice, 'top-1 agreement');
    expect(choice.candidates[0]!.task.kind).toBe('top1-agreement');
    expect(choice.chosen).not.toBe('entropy');
  });

  it('YOLOX-Nano: the best box agreement wins, and it is not entropy', async () => {
    // 9 images in 3 folds of 3, each judged with ranges from the other 6.
    const image: ImageOptions = {
      resize: 'letterbox',
      letterboxAnchor: 'top-left',
      padValue: 114,
      scale: 1,
      channelOrder: 'bgr',
    };
    const choice = await choose('yolox_nano_416', image, 'yolox', 9);
    expectBestOfAll(choice, 'box agreement');
    expect(choice.candidates[0]!.task.kind).toBe('box-agreement');
    expect(choice.chosen).not.toBe('entropy');
    // Each placement trial is compared with the default placement image by image: the paired loss
    // is the gap between the pooled figures, and with 9 images the plain tolerance decides.
    const reference = choice.candidates.find((c) => c.method === choice.chosen)!.task.value;
    expect(choice.placement!.trials.length).toBeGreaterThan(0);
    for (const trial of choice.placement!.trials) {
      expect(trial.loss!.value).toBeCloseTo(reference - trial.task.value, 12);
      expect(trial.loss!.standardError).toBeGreaterThanOrEqual(0);
      expect(trial.kept).toBe(keepsTaskMetric(reference, trial.task.value, null));
    }
  });
});
