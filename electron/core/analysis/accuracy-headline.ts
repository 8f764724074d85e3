/**
 * The one accuracy figure that says whether a variant does the model's job as well as the reference,
 * in words for the cards: core's task metric (matched-box agreement for detectors, top-1 agreement for
 * classifiers, otherwise the worst float cosine), never a minimum over outputs of different kinds.
 */
import type { AccuracyResult } from '../model/types';
import type { AccuracyHeadline, AccuracyMetricKind } from '../model/views/comparison';
import type { OutputAccuracyView } from '../model/views/accuracy';
import { worstFloatCosine } from './accuracy';

export const METRIC_LABELS: Record<AccuracyMetricKind, string> = {
  'box-agreement': 'matched-box agreement',
  'top1-agreement': 'top-1 agreement',
  cosine: 'worst output cosine',
  'output-agreement': 'output agreement',
};

/** Each output as its kind reads it; outputs of sessions written before kinds existed are floats. */
export function outputsOf(result: AccuracyResult): OutputAccuracyView[] {
  return result.outputs.map((output) =>
    output.kind === 'integer'
      ? { name: output.name, kind: 'integer', agreement: output.agreement }
      : {
          name: output.name,
          kind: 'float',
          cosine: output.cosine,
          snrDb: output.snrDb,
          maxAbsError: output.maxAbsError,
          meanAbsError: output.meanAbsError,
          relativeError: output.relativeError,
        },
  );
}

function headline(kind: AccuracyMetricKind, value: number, inputs: number): AccuracyHeadline {
  return { kind, label: METRIC_LABELS[kind], value, inputs };
}

/**
 * The task's figure for one result (core's `task`), or, for sessions saved before it existed, the same
 * rule applied to what they hold; null when the result holds no comparable output.
 */
export function accuracyHeadline(result: AccuracyResult): AccuracyHeadline | null {
  const task = result.task as AccuracyResult['task'] | undefined;
  if (task && task.kind in METRIC_LABELS) return headline(task.kind, task.value, result.inputs);
  if (result.boxAgreement !== undefined) return headline('box-agreement', result.boxAgreement, result.inputs);
  if (result.top1Agreement !== undefined)
    return headline('top1-agreement', result.top1Agreement, result.inputs);
  const cosine = worstFloatCosine(result);
  if (cosine !== null) return headline('cosine', cosine, result.inputs);
  const agreements = outputsOf(result).flatMap((o) => (o.agreement !== undefined ? [o.agreement] : []));
  if (agreements.length > 0) return headline('output-agreement', Math.min(...agreements), result.inputs);
  return null;
}

/** True when the figure is under the user's floor (NaN, a broken variant, is always under). */
export function belowThreshold(value: number, threshold: number): boolean {
  return !(value >= threshold);
}
