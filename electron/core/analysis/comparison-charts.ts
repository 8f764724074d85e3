/**
 * The figures behind the comparison's charts, per variant: time by layer type, the precision
 * distribution (by layer count and by time), the N slowest aligned layers side by side, the share of
 * reformat and quantize/dequantize layers, and the INT8 payoff breakdown (where a lower precision's
 * time goes, and its balance against the baseline: what aligned layers saved, what the layers it
 * added cost). Pure functions over the comparison, so the views and the report draw the same numbers.
 */
import type { Comparison, EngineLayer, Precision } from '../model/types';
import type { ComparedEngine } from './compared-engine';
import { isQdqLayer } from '../model/engine-layers';
import { layerTimes } from './engine-timing';
import { PAYOFF_CATEGORIES } from '../model/views/comparison';
import type {
  ComparisonRow,
  ConversionShare,
  PayoffBalance,
  PayoffBreakdown,
  PayoffCategory,
  PrecisionShare,
  SlowLayer,
  TypeSeries,
} from '../model/views/comparison';

/** Layer types beyond this many are summed into "other" in the stacked chart. */
const TYPES_SHOWN = 8;

/** Time by layer type, per variant: the most expensive types (over all variants) and "other". */
export function timeByLayerType(comparison: Comparison, shown = TYPES_SHOWN): TypeSeries[] {
  const totals = new Map<string, number>();
  for (const { byType } of comparison.totals)
    for (const [type, ms] of Object.entries(byType)) totals.set(type, (totals.get(type) ?? 0) + ms);
  const order = [...totals].sort((a, b) => b[1] - a[1]).map(([type]) => type);
  const kept = order.slice(0, shown);
  const series: TypeSeries[] = kept.map((type) => ({
    type,
    timesMs: comparison.totals.map(({ byType }) => byType[type] ?? 0),
  }));
  if (order.length > shown) {
    const rest = order.slice(shown);
    series.push({
      type: `other (${rest.length} types)`,
      timesMs: comparison.totals.map(({ byType }) =>
        rest.reduce((sum, type) => sum + (byType[type] ?? 0), 0),
      ),
    });
  }
  return series;
}

/** Per variant, its layers by compute precision: how many, and how much time they take. */
export function precisionDistribution(items: ComparedEngine[]): PrecisionShare[][] {
  return items.map((item) => {
    const times = layerTimes(item);
    const timed = (item.profile?.layers.length ?? 0) > 0;
    const byPrecision = new Map<Precision, PrecisionShare>();
    item.engine.layers.forEach((layer, index) => {
      const share = byPrecision.get(layer.precision) ?? {
        precision: layer.precision,
        layers: 0,
        timeMs: timed ? 0 : null,
      };
      share.layers += 1;
      if (share.timeMs !== null) share.timeMs += times.get(index) ?? 0;
      byPrecision.set(layer.precision, share);
    });
    return [...byPrecision.values()].sort((a, b) => b.layers - a.layers);
  });
}

/** The N aligned rows with the largest time in any variant, slowest first. */
export function slowestLayers(rows: ComparisonRow[], count = 10): SlowLayer[] {
  return rows
    .filter((row) => row.maxTimeMs !== null)
    .sort((a, b) => b.maxTimeMs! - a.maxTimeMs!)
    .slice(0, count)
    .map((row) => ({ key: row.key, timesMs: row.cells.map((cell) => cell?.timeMs ?? null) }));
}

/** What a layer does: convert layouts or types, quantize/dequantize, or compute. */
export type LayerRole = 'reformat' | 'qdq' | 'compute';

const ORT_QDQ = /^(QuantizeLinear|DequantizeLinear|DynamicQuantizeLinear)$/;
const ORT_LAYOUT = /^(ReorderInput|ReorderOutput|Cast)$/;

export function layerRole(layer: EngineLayer): LayerRole {
  if (ORT_QDQ.test(layer.type) || isQdqLayer(layer)) return 'qdq';
  if (layer.reformat || ORT_LAYOUT.test(layer.type)) return 'reformat';
  return 'compute';
}

/** Per variant, the layers that only convert data (reformats, Q/DQ), and their share of the time. */
export function conversionShares(comparison: Comparison, items: ComparedEngine[]): ConversionShare[] {
  return items.map((item, e) => {
    const times = layerTimes(item);
    const share: ConversionShare = {
      reformat: { layers: 0, timeMs: 0 },
      qdq: { layers: 0, timeMs: 0 },
      totalMs: comparison.totals[e]?.totalMs ?? 0,
      reformatShare: null,
      qdqShare: null,
    };
    item.engine.layers.forEach((layer, index) => {
      const role = layerRole(layer);
      if (role === 'compute') return;
      share[role].layers += 1;
      share[role].timeMs += times.get(index) ?? 0;
    });
    if (share.totalMs > 0) {
      share.reformatShare = share.reformat.timeMs / share.totalMs;
      share.qdqShare = share.qdq.timeMs / share.totalMs;
    }
    return share;
  });
}

function payoffCategory(layer: EngineLayer): PayoffCategory {
  const role = layerRole(layer);
  if (role === 'qdq') return 'quantize/dequantize';
  if (role === 'reformat') return 'reformats and layout';
  if (layer.precision === 'int8' || layer.precision === 'int4' || layer.precision === 'fp8')
    return 'INT8 math';
  if (layer.precision === 'fp16' || layer.precision === 'bf16') return 'FP16 math';
  if (layer.precision === 'fp32') return 'FP32 math';
  return 'other';
}

const PAYOFF_NOTE = /^INT8 payoff: /;

/** Per variant: where its time goes by kind of work, and its balance against the baseline. */
export function payoffBreakdown(rows: ComparisonRow[], items: ComparedEngine[]): PayoffBreakdown[] {
  return items.map((item, e) => {
    const timed = (item.profile?.layers.length ?? 0) > 0;
    const explanation = (item.profile?.warnings ?? [])
      .filter((w) => PAYOFF_NOTE.test(w))
      .map((w) => w.replace(PAYOFF_NOTE, ''));
    if (!timed) return { byCategory: null, balance: null, explanation };
    const times = layerTimes(item);
    const byCategory = Object.fromEntries(PAYOFF_CATEGORIES.map((c) => [c, 0])) as Record<
      PayoffCategory,
      number
    >;
    item.engine.layers.forEach((layer, index) => {
      byCategory[payoffCategory(layer)] += times.get(index) ?? 0;
    });
    const baselineTimed = (items[0]!.profile?.layers.length ?? 0) > 0;
    return { byCategory, balance: e > 0 && baselineTimed ? balanceOf(rows, e) : null, explanation };
  });
}

function balanceOf(rows: ComparisonRow[], e: number): PayoffBalance {
  const balance: PayoffBalance = {
    alignedSavedMs: 0,
    addedLayersMs: 0,
    addedLayers: 0,
    droppedLayersMs: 0,
    netMs: 0,
  };
  for (const row of rows) {
    const base = row.cells[0];
    const own = row.cells[e];
    if (base && own) balance.alignedSavedMs += (base.timeMs ?? 0) - (own.timeMs ?? 0);
    else if (own) {
      balance.addedLayers += 1;
      balance.addedLayersMs += own.timeMs ?? 0;
    } else if (base) balance.droppedLayersMs += base.timeMs ?? 0;
  }
  balance.netMs = balance.alignedSavedMs - balance.addedLayersMs + balance.droppedLayersMs;
  return balance;
}
