/**
 * The layer sections of a report, read off the Comparison that analysis/ computed: the aligned rows
 * with each variant's share and speedup, the slowest layers (engine summaries), the regressions with
 * their reasons, time per layer type, and precision or tactic mismatches.
 */
import { alignmentStats } from '../analysis/layer-alignment';
import { summarizeEngine } from '../analysis/engine-summary';
import type { Comparison } from '../model/types';
import type { ReportInput } from './report-inputs';
import type { Report } from '../model/report';

/** Slowest layers listed per variant. */
export const SLOWEST_PER_VARIANT = 10;

export function layerRows(comparison: Comparison): Report['layers'] {
  const regressed = new Set(comparison.regressions.map((regression) => regression.rowKey));
  const rows = comparison.rows.map((row) => {
    const base = row.cells[0]?.timeMs ?? null;
    return {
      key: row.key,
      matchedBy: row.matchedBy,
      note: row.note ?? null,
      cells: row.cells.map((cell, e) => {
        if (!cell) return null;
        const total = comparison.totals[e]!.totalMs;
        return {
          name: cell.layerName,
          type: cell.layerType,
          precision: cell.precision,
          timeMs: cell.timeMs,
          sharePercent: cell.timeMs !== null && total > 0 ? (100 * cell.timeMs) / total : null,
          tactic: cell.tacticName ?? null,
          tensorCores: cell.tensorCores,
        };
      }),
      speedups: row.cells.map((cell) => (base !== null && cell?.timeMs ? base / cell.timeMs : null)),
      regression: regressed.has(row.key),
    };
  });
  const stats = alignmentStats(comparison.rows);
  return { rows, matched: stats.matched, byMethod: stats.byMethod };
}

export function slowestLayers(inputs: ReportInput[]): Report['slowestLayers'] {
  return inputs.flatMap((input, variant) =>
    summarizeEngine(input.label, input.engine, input.profile, SLOWEST_PER_VARIANT).topLayers.map((layer) => ({
      variant,
      name: layer.name,
      type: layer.type,
      precision: layer.precision,
      timeMs: layer.meanMs,
      sharePercent: layer.percentage,
    })),
  );
}

export function regressionsOf(comparison: Comparison): Report['regressions'] {
  return comparison.regressions.map((regression) => ({
    layer: regression.rowKey,
    slower: regression.slowerEngine,
    faster: regression.fasterEngine,
    deltaMs: regression.deltaMs,
    ratio: regression.ratio,
    reasons: regression.reasons,
  }));
}

/** Layer types by their largest time in any variant, largest first. */
export function timeByLayerType(comparison: Comparison): Report['timeByLayerType'] {
  const types = new Set(comparison.totals.flatMap((total) => Object.keys(total.byType)));
  const rows = [...types].map((type) => ({
    type,
    timesMs: comparison.totals.map((total) => total.byType[type] ?? null),
  }));
  const largest = (row: (typeof rows)[number]) => Math.max(...row.timesMs.map((t) => t ?? 0));
  return rows.sort((a, b) => largest(b) - largest(a));
}

export function mismatchesOf(comparison: Comparison): Report['mismatches'] {
  return (comparison.mismatches ?? []).map((m) => ({ layer: m.rowKey, kind: m.kind, values: m.values }));
}
