/**
 * Everything the comparison view draws, from a comparison of engines: the variant cards, the aligned
 * layer table with its filter choices, the layers that did not align, the regressions ranked by time
 * lost with their reasons, and the charts' figures. When the engines come from different models only
 * what can be compared is kept: each engine's own figures, never layer against layer.
 */
import type { Comparison } from '../model/types';
import {
  conversionShares,
  payoffBreakdown,
  precisionDistribution,
  slowestLayers,
  timeByLayerType,
  type ConversionShare,
  type PayoffBreakdown,
  type PrecisionShare,
  type SlowLayer,
  type TypeSeries,
} from './comparison-charts';
import {
  comparisonRows,
  layerTypeChoices,
  unalignedLayers,
  type ComparisonRow,
  type UnalignedLayer,
} from './comparison-rows';
import type { ComparedEngine } from './compared-engine';
import { alignmentStats } from './layer-alignment';
import { variantCards, type VariantCard } from './variant-cards';

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

export interface ComparisonView {
  labels: string[];
  sameModel: boolean;
  cards: VariantCard[];
  rows: ComparisonRow[];
  layerTypes: { type: string; rows: number }[];
  unaligned: UnalignedLayer[];
  regressions: RankedRegression[];
  alignment: ReturnType<typeof alignmentStats>;
  charts: ComparisonCharts;
  /** The comparison's warnings (different models or devices first, then per-engine notes). */
  warnings: string[];
}

export interface ComparisonViewOptions {
  /** False when the engines come from different models (layer figures are then left out). */
  sameModel?: boolean;
  accuracyThreshold?: number;
  /** How many of the slowest layers the grouped bars show. */
  slowest?: number;
}

/** The regressions, largest time lost first, with the variants named. */
export function rankedRegressions(comparison: Comparison): RankedRegression[] {
  return comparison.regressions.map((regression, index) => ({
    rank: index + 1,
    rowKey: regression.rowKey,
    wholeEngine: regression.rowKey === 'engine total',
    slower: comparison.labels[regression.slowerEngine]!,
    faster: comparison.labels[regression.fasterEngine]!,
    deltaMs: regression.deltaMs,
    ratio: regression.ratio,
    reasons: regression.reasons,
  }));
}

export function comparisonView(
  comparison: Comparison,
  items: ComparedEngine[],
  options: ComparisonViewOptions = {},
): ComparisonView {
  const sameModel = options.sameModel ?? true;
  const cards = variantCards(comparison, items, { accuracyThreshold: options.accuracyThreshold });
  if (!sameModel) for (const card of cards) card.speedup = null;
  const rows = sameModel ? comparisonRows(comparison, items) : [];
  return {
    labels: comparison.labels,
    sameModel,
    cards,
    rows,
    layerTypes: layerTypeChoices(rows),
    unaligned: unalignedLayers(rows, comparison.labels),
    regressions: sameModel ? rankedRegressions(comparison) : [],
    alignment: alignmentStats(rows),
    charts: {
      byType: timeByLayerType(comparison),
      precision: precisionDistribution(items),
      slowest: slowestLayers(rows, options.slowest ?? 10),
      conversion: conversionShares(comparison, items),
      payoff: payoffBreakdown(rows, items).map((p) => (sameModel ? p : { ...p, balance: null })),
    },
    warnings: comparison.warnings,
  };
}
