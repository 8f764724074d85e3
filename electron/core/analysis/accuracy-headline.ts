/**
 * The one accuracy figure that says whether a variant does the model's job as well as the reference:
 * matched-box agreement for detectors, top-1 agreement for classifiers, otherwise the worst cosine
 * over the float outputs. Never a minimum over outputs of different kinds: integer outputs (labels,
 * indices) are judged by their agreement, apart from the float ones.
 */
import type { AccuracyResult } from '../model/types';
import type { AccuracyHeadline, AccuracyMetricKind } from '../model/views/comparison';
import type { OutputAccuracyView, OutputKind } from '../model/views/accuracy';

export const METRIC_LABELS: Record<AccuracyMetricKind, string> = {
  'box-agreement': 'matched-box agreement',
  'top1-agreement': 'top-1 agreement',
  cosine: 'worst output cosine',
  'output-agreement': 'output agreement',
};

/** Each output as its kind reads it; outputs written before kinds existed are floats. */
export function outputsOf(result: AccuracyResult): OutputAccuracyView[] {
  return (result.outputs as unknown as Record<string, unknown>[]).map((output) => {
    const kind: OutputKind = output['kind'] === 'integer' ? 'integer' : 'float';
    const number = (key: string) => (typeof output[key] === 'number' ? (output[key] as number) : undefined);
    return {
      name: String(output['name']),
      kind,
      cosine: number('cosine'),
      snrDb: number('snrDb'),
      maxAbsError: number('maxAbsError'),
      meanAbsError: number('meanAbsError'),
      relativeError: number('relativeError'),
      agreement: number('agreement'),
    };
  });
}

function headline(kind: AccuracyMetricKind, value: number, inputs: number): AccuracyHeadline {
  return { kind, label: METRIC_LABELS[kind], value, inputs };
}

/** The task's figure for one result (a `task` the result carries wins), or null when it holds none. */
export function accuracyHeadline(result: AccuracyResult): AccuracyHeadline | null {
  const task = (result as { task?: { kind: AccuracyMetricKind; value: number } }).task;
  if (task && task.kind in METRIC_LABELS) return headline(task.kind, task.value, result.inputs);
  if (result.boxAgreement !== undefined) return headline('box-agreement', result.boxAgreement, result.inputs);
  if (result.top1Agreement !== undefined)
    return headline('top1-agreement', result.top1Agreement, result.inputs);
  const outputs = outputsOf(result);
  const cosines = outputs.flatMap((o) => (o.kind === 'float' && o.cosine !== undefined ? [o.cosine] : []));
  if (cosines.length > 0) return headline('cosine', Math.min(...cosines), result.inputs);
  const agreements = outputs.flatMap((o) => (o.agreement !== undefined ? [o.agreement] : []));
  if (agreements.length > 0) return headline('output-agreement', Math.min(...agreements), result.inputs);
  return null;
}

/** True when the figure is under the user's floor (NaN, a broken variant, is always under). */
export function belowThreshold(value: number, threshold: number): boolean {
  return !(value >= threshold);
}
