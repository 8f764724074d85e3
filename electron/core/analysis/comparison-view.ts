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
} from './comparison-charts';
import { comparisonRows, layerTypeChoices, unalignedLayers } from './comparison-rows';
import type { ComparedEngine } from './compared-engine';
import { alignmentStats } from './layer-alignment';
import { variantCards } from './variant-cards';
import type { ComparisonView, RankedRegression } from '../model/views/comparison';

export interface ComparisonViewOptions {
  /** False when the engines come from different models (layer figures are then left out). */
  sameModel?: boolean;
  accuracyThreshold?: number;
  /** How many of the slowest layers the grouped bars show. */
  slowest?: number;
}

/** Labels without the words they all share ("FP32 TensorRT", "INT8 TensorRT" -> "FP32", "INT8"). */
export function shortLabels(labels: string[]): string[] {
  if (labels.length < 2) return labels;
  let words = labels.map((label) => label.split(' '));
  const shared = (at: (w: string[]) => string | undefined) =>
    words.every((w) => w.length > 1 && at(w) === at(words[0]!));
  while (shared((w) => w.at(-1))) words = words.map((w) => w.slice(0, -1));
  while (shared((w) => w[0])) words = words.map((w) => w.slice(1));
  const short = words.map((w) => w.join(' '));
  return new Set(short).size === labels.length ? short : labels;
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
  if (!sameModel) {
    for (const card of cards.slice(1)) {
      card.speedup = null;
      card.speedupMissing = 'another network: no speedup against the baseline';
    }
  }
  const rows = sameModel ? comparisonRows(comparison, items) : [];
  return {
    labels: comparison.labels,
    shortLabels: shortLabels(comparison.labels),
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
