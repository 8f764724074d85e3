/**
 * Says, with the numbers, when an INT8 variant does the model's job noticeably worse than FP32
 * (task metric below a threshold: top-1 agreement 99 %, matched-box agreement 95 %), and what to
 * try: another calibration method (with the held-out figures when the method was chosen by
 * measurement), more calibration data, or keeping the most INT8-sensitive layers in float.
 */
import type { AccuracyResult, TaskMetric, Variant } from '../model/types';

export const INT8_THRESHOLDS: Partial<Record<TaskMetric['kind'], number>> = {
  'top1-agreement': 0.99,
  'box-agreement': 0.95,
};

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

export function int8AccuracyWarning(
  result: AccuracyResult,
  variant: Variant,
  calibrationSamples: number | undefined,
  thresholds = INT8_THRESHOLDS,
): string | null {
  const { task } = result;
  const threshold = thresholds[task.kind];
  if (threshold === undefined || task.value >= threshold) return null;
  const what = task.kind === 'box-agreement' ? 'matched-box agreement' : 'top-1 agreement';
  const detail = result.detection
    ? ` (precision ${percent(result.detection.precision)}, recall ${percent(result.detection.recall)} of ${result.detection.referenceBoxes} FP32 boxes)`
    : '';
  const method = variant.recipe.calibrationMethod ?? 'the chosen method';
  const choice = variant.calibrationChoice;
  const tries = [
    choice
      ? `another calibration method (on held-out calibration samples ${method} was best: ${choice.candidates.map((c) => `${c.method} ${percent(c.task.value)}`).join(', ')})`
      : `another calibration method than ${method} (--calib-method auto compares them)`,
    `more calibration data (${calibrationSamples ?? '?'} samples given)`,
    'keeping the most INT8-sensitive layers in float (--int8-keep-sensitive 2)',
  ];
  return `INT8 accuracy: ${what} ${percent(task.value)} on ${result.inputs} evaluation inputs is below ${percent(threshold)}${detail}: try ${tries.join(', ')}`;
}
