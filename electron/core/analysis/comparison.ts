/**
 * The canonical Comparison of 2+ profiled engines: layers aligned across engines with their times,
 * totals per engine and per layer type, precision and tactic mismatches, regressions with reasons, each
 * engine's lints, and whether the per-layer sum agrees with the end-to-end GPU compute time.
 */
import type { AlignedCell, AlignedRow, Comparison, Lint } from '../model/types';
import { layerKind } from '../model/engine-layers';
import { alignEngines, type AlignmentRow } from './layer-alignment';
import { layerTimes, rowsOfProfile, totalLayerTime, type ProfiledEngine } from './engine-timing';
import { findRegressions } from './regressions';
import { lintEngine } from './engine-lints';
import { executionTarget } from './compared-engine';

export interface CompareOptions {
  /** Optimization profile to compare (0 = the first, the default). */
  profileIndex?: number;
}

/** Outside this band the per-layer sum and the GPU compute time tell different stories. */
const CONSISTENT_RATIO = { low: 0.9, high: 1.1 };

function totalsByType(item: ProfiledEngine, profileIndex: number): Record<string, number> {
  const byType: Record<string, number> = {};
  const foldedTypes = new Map((item.engine.foldedLayers ?? []).map((layer) => [layer.name, layer.type]));
  for (const row of rowsOfProfile(item.profile, profileIndex)) {
    if (row.stats.meanMs <= 0) continue;
    const layer = row.layerIndex === undefined ? undefined : item.engine.layers[row.layerIndex];
    const type = layer ? layerKind(layer) : (foldedTypes.get(row.name) ?? 'unattributed');
    byType[type] = (byType[type] ?? 0) + row.stats.meanMs;
  }
  return byType;
}

function cellsOf(
  row: AlignmentRow,
  items: ProfiledEngine[],
  times: Map<number, number>[],
): (AlignedCell | null)[] {
  return row.layers.map((index, e) => {
    if (index === null) return null;
    const layer = items[e]!.engine.layers[index]!;
    return {
      layerName: layer.name,
      layerType: layerKind(layer),
      precision: layer.precision,
      timeMs: times[e]!.get(index) ?? null,
      tacticName: layer.tacticName,
      tensorCores: layer.tensorCores,
    };
  });
}

function mismatchesOf(rows: AlignedRow[]): NonNullable<Comparison['mismatches']> {
  const mismatches: NonNullable<Comparison['mismatches']> = [];
  for (const row of rows) {
    const present = row.cells.filter((cell): cell is AlignedCell => cell !== null);
    if (present.length < 2) continue;
    if (new Set(present.map((cell) => cell.precision)).size > 1) {
      mismatches.push({
        rowKey: row.key,
        kind: 'precision',
        values: row.cells.map((cell) => cell?.precision ?? null),
      });
    }
    const tactics = present.map((cell) => cell.tacticName).filter((tactic) => tactic !== undefined);
    if (tactics.length === present.length && new Set(tactics).size > 1) {
      mismatches.push({
        rowKey: row.key,
        kind: 'tactic',
        values: row.cells.map((cell) => cell?.tacticName ?? null),
      });
    }
  }
  return mismatches;
}

function consistencyOf(item: ProfiledEngine, layerSumMs: number, warnings: string[]) {
  const gpuComputeMs = item.profile?.compute?.meanMs ?? null;
  const ratio = gpuComputeMs && gpuComputeMs > 0 ? layerSumMs / gpuComputeMs : null;
  // A CPU run's compute time is not GPU time: say which it is.
  const whole =
    executionTarget(item) === 'gpu' ? 'the end-to-end GPU compute time' : 'the measured compute time';
  const why =
    item.engine.backend === 'onnxruntime'
      ? 'per-layer times come from profiled runs, which are slower'
      : 'per-layer profiling serializes layers';
  if (ratio !== null && ratio > CONSISTENT_RATIO.high) {
    warnings.push(
      `${item.label}: per-layer times add up to ${layerSumMs.toFixed(4)} ms, ${ratio.toFixed(2)}x ${whole} ` +
        `(${gpuComputeMs!.toFixed(4)} ms): ${why}, so compare layers with layers and end-to-end times with end-to-end times`,
    );
  } else if (ratio !== null && ratio < CONSISTENT_RATIO.low) {
    warnings.push(
      `${item.label}: per-layer times cover only ${(ratio * 100).toFixed(0)}% of ${whole.replace('the end-to-end ', 'the ')} ` +
        `(${gpuComputeMs!.toFixed(4)} ms): some work is not in the per-layer profile`,
    );
  }
  return { layerSumMs, gpuComputeMs, ratio };
}

/** Compares 2+ engines with their profiles; the first is the baseline for speedups. */
export function compareEngines(items: ProfiledEngine[], options: CompareOptions = {}): Comparison {
  const profileIndex = options.profileIndex ?? 0;
  const labels = items.map((item) => item.label);
  const warnings: string[] = [];
  for (const item of items)
    if (!item.profile?.layers.length) warnings.push(`${item.label}: no per-layer profile; times unknown`);
  const alignment = alignEngines(
    items.map((item) => item.engine),
    labels,
    profileIndex,
  );
  const times = items.map((item) => layerTimes(item, profileIndex));
  const totals = items.map((item) => totalLayerTime(item, profileIndex));
  const rows: AlignedRow[] = alignment.map((row) => ({
    key: row.key,
    matchedBy: row.matchedBy,
    cells: cellsOf(row, items, times),
    ...(row.note ? { note: row.note } : {}),
  }));
  const lints: Lint[] = items.flatMap((item) =>
    lintEngine(item.engine).map((lint) => ({ ...lint, message: `[${item.label}] ${lint.message}` })),
  );
  return {
    id: `comparison:${labels.join('|')}`,
    engineIds: items.map((item) => item.engine.id),
    profileIds: items.map((item) => item.profile?.id ?? null),
    labels,
    rows,
    totals: items.map((item, e) => ({ totalMs: totals[e]!, byType: totalsByType(item, profileIndex) })),
    regressions: findRegressions({ items, rows: alignment, times, totals }),
    lints,
    warnings,
    consistency: items.map((item, e) => consistencyOf(item, totals[e]!, warnings)),
    mismatches: mismatchesOf(rows),
  };
}

/** Speedup of each engine over the first: total of the first / own total (null without times). */
export function speedupsOf(comparison: Comparison): (number | null)[] {
  const base = comparison.totals[0]?.totalMs ?? 0;
  return comparison.totals.map((total) => (base > 0 && total.totalMs > 0 ? base / total.totalMs : null));
}
