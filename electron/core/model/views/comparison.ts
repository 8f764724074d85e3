/**
 * What the comparison view (and the report) shows of 2+ compared engines, as core computes it
 * (analysis/comparison-view.ts and the files it composes): the variant cards, the aligned layer rows,
 * the layers that did not align, the regressions ranked by time lost, the charts' figures. Types only:
 * they cross the contract (the analyzeSession operation) to the renderer.
 */
import type { AlignedRow, Precision, Regression, TaskMetric } from '../types';

/** Where an engine's times were measured. */
export type ExecutionTarget = 'gpu' | 'cpu' | 'unknown';

/** The task metric's kinds (TaskMetric in types.ts). */
export type AccuracyMetricKind = TaskMetric['kind'];

export interface AccuracyHeadline {
  kind: AccuracyMetricKind;
  /** Words for the metric, e.g. "top-1 agreement". */
  label: string;
  value: number;
  /** Evaluation inputs the figure is over. */
  inputs: number;
}

export type Mark = 'faster' | 'slower' | 'same';

export interface CardLatency {
  /** What was timed: the host's end-to-end latency, or the device's compute time only. */
  basis: 'end-to-end' | 'gpu-compute';
  p50Ms: number;
  p90Ms: number | null;
  p99Ms: number | null;
  meanMs: number;
  runs: number;
}

/** Something next to a card's numbers that could mislead a reader, in one short sentence. */
export interface Caveat {
  kind: 'cpu' | 'unstable' | 'few-runs' | 'layer-sum' | 'no-per-layer';
  text: string;
}

export interface VariantCard {
  label: string;
  precision: string;
  backend: string;
  device: string | null;
  target: ExecutionTarget;
  isBaseline: boolean;
  latency: CardLatency | null;
  /** Inferences per second and samples per second (inferences x batch). */
  throughput: { inferencesPerSec: number; samplesPerSec: number; batch: number } | null;
  /** The baseline's time over this one's (> 1 = faster), what it compares, and the ±3% mark. */
  /** Why there is no speedup (the baseline itself, no times to compare, different models). */
  speedupMissing: string | null;
  speedup: {
    value: number;
    basis: 'end-to-end median' | 'GPU compute median' | 'per-layer total';
    mark: Mark;
  } | null;
  /** Per-layer total and how many layers were timed; null when the run has no per-layer profile. */
  perLayer: { totalMs: number; timedLayers: number; layers: number } | null;
  engineSizeBytes: number | null;
  buildTimeMs: number | null;
  /** The task's accuracy figure; null with `accuracyMissing` saying why. */
  accuracy: (AccuracyHeadline & { belowThreshold: boolean }) | null;
  accuracyMissing: string | null;
  /** Short sentences about what could mislead, shown next to the numbers. */
  caveats: Caveat[];
  /** What the profiler and importers said about this run (longer sentences). */
  notes: string[];
}

export interface LayerError {
  /** The intermediate tensor compared (the layer's output). */
  tensor: string;
  cosine: number;
  maxAbsError: number;
}

export interface RowCell {
  layerName: string;
  layerType: string;
  timeMs: number | null;
  /** Baseline time / this time (> 1 = faster); null without both times. */
  speedup: number | null;
  /** Faster or slower beyond ±3%, else the same; null without a speedup. */
  mark: Mark | null;
  precision: Precision;
  inputPrecision: Precision;
  outputPrecision: Precision;
  inputFormat: string | null;
  outputFormat: string | null;
  tactic: string | null;
  tensorCores: boolean | null;
  originNodes: string[];
  fused: boolean;
  /** The error at the layer's output against the reference; null when not measured for it. */
  error: LayerError | null;
}

export interface ComparisonRow {
  /** Position in the comparison's order (execution order of the engines, merged). */
  index: number;
  key: string;
  matchedBy: AlignedRow['matchedBy'];
  /** For rows not matched in every variant: why. */
  note: string | null;
  cells: (RowCell | null)[];
  /** The layer types of the row's cells, distinct. */
  layerTypes: string[];
  precisionMismatch: boolean;
  tacticMismatch: boolean;
  /** The row's largest regression (a lower precision slower than a higher one), if any. */
  regression: Regression | null;
  /** The largest time among the cells, for sorting by cost. */
  maxTimeMs: number | null;
}

export interface RowFilter {
  precisionMismatch?: boolean;
  tacticMismatch?: boolean;
  /** Only rows with a cell of this layer type. */
  layerType?: string | null;
  regressionsOnly?: boolean;
  /** Only rows that did not align in every variant. */
  unalignedOnly?: boolean;
  /** Case-insensitive text in a layer name or a fused ONNX node. */
  text?: string;
}

export interface UnalignedLayer {
  key: string;
  /** Labels of the variants that have the layer. */
  presentIn: string[];
  missingIn: string[];
  layers: string[];
  note: string;
}

export interface TypeSeries {
  type: string;
  /** Per variant, ms. */
  timesMs: number[];
}

export interface PrecisionShare {
  precision: Precision;
  layers: number;
  /** ms; null when the variant has no per-layer profile. */
  timeMs: number | null;
}

export interface SlowLayer {
  key: string;
  /** Per variant, ms; null where the variant has no such layer or no time for it. */
  timesMs: (number | null)[];
}

export interface ConversionShare {
  reformat: { layers: number; timeMs: number };
  qdq: { layers: number; timeMs: number };
  totalMs: number;
  /** 0..1 of the per-layer total; null without per-layer times. */
  reformatShare: number | null;
  qdqShare: number | null;
}

export type PayoffCategory =
  'INT8 math' | 'FP16 math' | 'FP32 math' | 'quantize/dequantize' | 'reformats and layout' | 'other';

export const PAYOFF_CATEGORIES: PayoffCategory[] = [
  'INT8 math',
  'FP16 math',
  'FP32 math',
  'quantize/dequantize',
  'reformats and layout',
  'other',
];

export interface PayoffBalance {
  /** Sum over aligned rows of (baseline time - this variant's time): > 0 saved. */
  alignedSavedMs: number;
  /** Time of this variant's layers with no counterpart in the baseline (reformats, Q/DQ it added). */
  addedLayersMs: number;
  addedLayers: number;
  /** Baseline time of layers this variant does without (fused away or not needed). */
  droppedLayersMs: number;
  /** Baseline per-layer total - this variant's: > 0 the variant is faster layer by layer. */
  netMs: number;
}

export interface PayoffBreakdown {
  /** ms per category; null without per-layer times. */
  byCategory: Record<PayoffCategory, number> | null;
  /** Against the baseline; null for the baseline itself or without per-layer times. */
  balance: PayoffBalance | null;
  /** The backend's own explanation of the payoff, when the profile carries one (ONNX Runtime INT8). */
  explanation: string[];
}

export interface RankedRegression {
  rank: number;
  rowKey: string;
  /** True for the whole-engine regression (the lower precision slower in total). */
  wholeEngine: boolean;
  slower: string;
  faster: string;
  deltaMs: number;
  ratio: number;
  reasons: string[];
}

export interface ComparisonCharts {
  byType: TypeSeries[];
  precision: PrecisionShare[][];
  slowest: SlowLayer[];
  conversion: ConversionShare[];
  payoff: PayoffBreakdown[];
}

/** Rows aligned in every variant, by the method that matched them, and rows left unaligned. */
export interface AlignmentStats {
  rows: number;
  matched: number;
  byMethod: Record<string, number>;
}

export interface ComparisonView {
  labels: string[];
  /** The labels without what they all share ("FP32", "FP16", "INT8"), for narrow column heads. */
  shortLabels: string[];
  sameModel: boolean;
  cards: VariantCard[];
  rows: ComparisonRow[];
  layerTypes: { type: string; rows: number }[];
  unaligned: UnalignedLayer[];
  regressions: RankedRegression[];
  alignment: AlignmentStats;
  charts: ComparisonCharts;
  /** The comparison's warnings (different models or devices first, then per-engine notes). */
  warnings: string[];
}
