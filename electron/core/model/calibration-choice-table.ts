/**
 * The automatic INT8 choice as two small tables, for the Session view and the report: the calibration
 * methods compared (the task metric each kept on held-out samples) and the placements tried with the
 * chosen method (task metric, paired loss against the default placement with its standard error, run
 * time, and whether it was chosen, kept or refused). The CLI's sentence (describeCalibrationChoice)
 * says the same in one line.
 */
import type { CalibrationChoice, TaskMetric } from './types';

/** The placement every trial is compared with: INT8 everywhere but the stem and the output head. */
export const DEFAULT_PLACEMENT = 'stem and output head in float' as const;

export interface MethodRow {
  method: CalibrationChoice['chosen'];
  metric: string;
  /** Worst float-output cosine, or '—' when the model has no float output. */
  cosine: string;
  chosen: boolean;
}

export interface PlacementRow {
  placement: string;
  metric: string;
  /** "1.6 ± 2.3 below" against the default placement, image by image; '—' for the default itself. */
  loss: string;
  latency: string;
  verdict: 'chosen' | 'kept' | 'refused: loses accuracy' | 'default';
}

export interface CalibrationChoiceTables {
  /** "box agreement against FP32 on 48 held-out calibration samples in 3 folds". */
  judgedBy: string;
  methods: MethodRow[];
  /** Empty when no placement was tried (a model without a stem or an output head to move). */
  placements: PlacementRow[];
}

const METRIC_NAMES: Record<TaskMetric['kind'], string> = {
  'box-agreement': 'box agreement',
  'top1-agreement': 'top-1 agreement',
  cosine: 'cosine',
  'output-agreement': 'output agreement',
};

/** "box agreement", "top-1 agreement": what a task metric is called in a sentence. */
export function taskMetricName(kind: TaskMetric['kind']): string {
  return METRIC_NAMES[kind];
}

/** "91.4%" for an agreement, "0.9912" for a cosine. */
export function metricText(task: TaskMetric): string {
  return task.kind === 'cosine' ? task.value.toFixed(4) : `${(task.value * 100).toFixed(1)}%`;
}

const points = (v: number) => (Math.abs(v) * 100).toFixed(1);

/** "1.6 ± 2.3 points below": a placement's paired loss against the default one. */
export function lossPoints(loss: { value: number; standardError: number }): string {
  // Below a twentieth of a point the direction means nothing at one decimal.
  const side = Math.abs(loss.value) < 0.0005 ? '' : loss.value > 0 ? ' below' : ' above';
  return `${points(loss.value)} ± ${points(loss.standardError)} points${side}`;
}

/** ", 1.6 ± 2.3 points below" for a sentence; '' when not measured or exactly none. */
export function lossText(loss: { value: number; standardError: number } | undefined): string {
  return loss && loss.value !== 0 ? `, ${lossPoints(loss)}` : '';
}

const ms = (latency: number | undefined) => (latency === undefined ? '—' : `${latency.toFixed(2)} ms`);

export function calibrationChoiceTables(choice: CalibrationChoice): CalibrationChoiceTables {
  const kind = taskMetricName(choice.candidates[0]?.task.kind ?? 'cosine');
  const where =
    choice.judgedOn === 'held-out'
      ? `${choice.heldOutSamples} held-out calibration samples${choice.folds ? ` in ${choice.folds} folds` : ''}`
      : `the ${choice.calibrationSamples} calibration samples themselves (too few to hold some out)`;
  const methods = choice.candidates.map((c) => ({
    method: c.method,
    metric: metricText(c.task),
    cosine: c.cosine === null ? '—' : c.cosine.toFixed(4),
    chosen: c.method === choice.chosen,
  }));
  const placement = choice.placement;
  const base = choice.candidates.find((c) => c.method === choice.chosen);
  const placements: PlacementRow[] =
    placement && base
      ? [
          {
            placement: DEFAULT_PLACEMENT,
            metric: metricText(base.task),
            loss: '—',
            latency: ms(base.latencyMs),
            verdict: placement.chosen === DEFAULT_PLACEMENT ? 'chosen' : 'default',
          },
          ...placement.trials.map((t): PlacementRow => ({
            placement: t.placement,
            metric: metricText(t.task),
            loss: t.loss ? lossPoints(t.loss) : '—',
            latency: ms(t.latencyMs),
            verdict:
              t.placement === placement.chosen ? 'chosen' : t.kept ? 'kept' : 'refused: loses accuracy',
          })),
        ]
      : [];
  return { judgedBy: `${kind} against FP32 on ${where}`, methods, placements };
}
