/**
 * The accuracy of every variant against the reference, as the accuracy view and the report show it:
 * per output and per variant the metrics that fit the output's kind (floats: cosine, SNR, max and
 * mean absolute error; integers and labels: agreement), the task's figures (top-1, top-5, matched
 * boxes) apart from the per-output ones, the per-layer error curve with the first jump, what the
 * inputs were (real images or random, how many), and the variants under the user's threshold.
 */
import type { AccuracyResult } from '../model/types';
import { accuracyHeadline, belowThreshold, outputsOf } from './accuracy-headline';
import type {
  AccuracyView,
  ErrorCurve,
  JudgedOn,
  Metric,
  OutputRow,
  TaskRow,
  VariantAccuracy,
} from '../model/views/accuracy';

/** Where the evaluation inputs came from, recorded with the result by the job that judged it. */
export type EvaluationSource = NonNullable<AccuracyResult['evaluation']>;

/** Reads an evaluation spec ("images:DIR", "random:N", "npy:..", "npz:..") as a source. */
export function evaluationSourceOf(spec: string): EvaluationSource {
  if (spec.startsWith('random:')) return { kind: 'random', spec };
  if (spec.startsWith('images:')) return { kind: 'images', spec };
  return { kind: 'arrays', spec };
}

function judgedOnOf(results: AccuracyResult[]): JudgedOn | null {
  const first = results[0];
  if (!first) return null;
  const source = first.evaluation;
  const n = first.inputs;
  const plural = n === 1 ? '' : 's';
  if (!source)
    return { inputs: n, kind: 'unknown', description: `${n} input${plural} (source not recorded)` };
  const where =
    source.spec
      .slice(source.spec.indexOf(':') + 1)
      .split(/[\\/]/)
      .filter(Boolean)
      .at(-1) ?? '';
  const description =
    source.kind === 'random'
      ? `${n} seeded random input${plural}: no real data, so treat the figures as a rough check`
      : source.kind === 'images'
        ? `${n} real image${plural} from ${where}`
        : `${n} input${plural} from ${where}`;
  return { inputs: n, kind: source.kind, description };
}

function metricsOf(output: ReturnType<typeof outputsOf>[number]): Metric[] {
  if (output.kind === 'integer') {
    return output.agreement === undefined
      ? []
      : [{ name: 'agreement', value: output.agreement, better: 'higher' }];
  }
  const metrics: Metric[] = [];
  if (output.cosine !== undefined) metrics.push({ name: 'cosine', value: output.cosine, better: 'higher' });
  if (output.snrDb !== undefined)
    metrics.push({ name: 'SNR', value: output.snrDb, better: 'higher', unit: 'dB' });
  if (output.maxAbsError !== undefined)
    metrics.push({ name: 'max abs error', value: output.maxAbsError, better: 'lower' });
  if (output.meanAbsError !== undefined)
    metrics.push({ name: 'mean abs error', value: output.meanAbsError, better: 'lower' });
  return metrics;
}

function outputRows(results: (AccuracyResult | undefined)[]): OutputRow[] {
  const rows = new Map<string, OutputRow>();
  results.forEach((result, e) => {
    if (!result) return;
    for (const output of outputsOf(result)) {
      const row = rows.get(output.name) ?? {
        name: output.name,
        kind: output.kind,
        cells: results.map(() => null),
      };
      row.cells[e] = metricsOf(output);
      rows.set(output.name, row);
    }
  });
  return [...rows.values()];
}

function taskRows(results: (AccuracyResult | undefined)[]): TaskRow[] {
  const figures: [TaskRow['name'], (r: AccuracyResult) => number | undefined][] = [
    ['top-1 agreement', (r) => r.top1Agreement],
    ['top-5 agreement', (r) => r.top5Agreement],
    ['matched-box agreement', (r) => r.detection?.agreement ?? r.boxAgreement],
    ['box precision', (r) => r.detection?.precision],
    ['box recall', (r) => r.detection?.recall],
    ['mAP@[.5:.95]', (r) => r.map?.variant],
    ['reference mAP@[.5:.95]', (r) => r.map?.reference],
  ];
  return figures
    .map(([name, read]) => ({ name, values: results.map((r) => (r ? (read(r) ?? null) : null)) }))
    .filter((row) => row.values.some((value) => value !== null));
}

function curveOf(
  label: string,
  result: AccuracyResult,
  rowKeyOf: (node: string) => string | undefined,
): ErrorCurve {
  const points = (result.perLayer ?? []).map((row, index) => ({
    index,
    tensor: row.tensor,
    node: row.node,
    cosine: row.cosine,
    error: 1 - row.cosine,
    maxAbsError: row.maxAbsError,
    rowKey: rowKeyOf(row.node) ?? null,
  }));
  const jump = result.firstJump;
  return { label, points, firstJump: jump ? (points.find((p) => p.tensor === jump.tensor) ?? null) : null };
}

/**
 * The view of the given results, one per compared variant in order (undefined where a variant was not
 * judged; the first is the reference).
 */
export function accuracyView(
  labels: string[],
  results: (AccuracyResult | undefined)[],
  options: { threshold?: number; rowKeyOf?: (node: string) => string | undefined } = {},
): AccuracyView {
  const threshold = options.threshold ?? 0.99;
  const rowKeyOf = options.rowKeyOf ?? (() => undefined);
  const variants = labels.map((label, e): VariantAccuracy => {
    const result = results[e];
    if (e === 0) return { label, isReference: true, headline: null, missing: 'the reference' };
    if (!result) return { label, isReference: false, headline: null, missing: 'not judged' };
    const found = accuracyHeadline(result);
    return {
      label,
      isReference: false,
      headline: found ? { ...found, belowThreshold: belowThreshold(found.value, threshold) } : null,
      missing: found ? null : 'no comparable output',
    };
  });
  const flagged = variants.flatMap((v) =>
    v.headline?.belowThreshold
      ? [
          `${v.label}: ${v.headline.label} ${v.headline.value.toFixed(4)} is under your threshold ${threshold}`,
        ]
      : [],
  );
  const present = results.filter((r): r is AccuracyResult => r !== undefined);
  return {
    variants,
    outputs: outputRows(results),
    task: taskRows(results),
    curves: results.flatMap((result, e) =>
      result?.perLayer?.length ? [curveOf(labels[e]!, result, rowKeyOf)] : [],
    ),
    judgedOn: judgedOnOf(present),
    flagged,
    threshold,
  };
}
