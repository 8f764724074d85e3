/**
 * The aligned layer table of a comparison, one row per aligned layer: for each variant its time, the
 * speedup against the baseline with the ±3% mark, input and output precision and formats, tactic or
 * kernel, the fused ONNX nodes, and the per-layer accuracy error at the layer's output when the
 * session measured it (TREx never had this). Plus the filters (precision or tactic mismatch, layer
 * type, regressions only), the layers that did not align with the reason, and the index that maps
 * any variant's layer name or ONNX node to its row, so a selection made anywhere finds its row.
 */
import type { AccuracyResult, Comparison, EngineLayer, Regression } from '../model/types';
import { tensorPrecision, type ComparedEngine } from './compared-engine';
import { markOf } from './variant-cards';
import type { ComparisonRow, LayerError, RowCell, UnalignedLayer } from '../model/views/comparison';

/** Per intermediate tensor and per producing ONNX node, the error entry and its graph-order rank. */
interface ErrorLookup {
  byTensor: Map<string, { entry: LayerError; rank: number }>;
  byNode: Map<string, { entry: LayerError; rank: number }>;
}

function errorLookup(accuracy: AccuracyResult | undefined): ErrorLookup | null {
  if (!accuracy?.perLayer?.length) return null;
  const lookup: ErrorLookup = { byTensor: new Map(), byNode: new Map() };
  accuracy.perLayer.forEach((row, rank) => {
    const entry = { entry: { tensor: row.tensor, cosine: row.cosine, maxAbsError: row.maxAbsError }, rank };
    lookup.byTensor.set(row.tensor, entry);
    lookup.byNode.set(row.node, entry);
  });
  return lookup;
}

/**
 * The error at a layer's output: the entry of one of its output tensors, else that of its last fused
 * ONNX node in graph order (the node whose output leaves the fused layer).
 */
export function layerError(layer: EngineLayer, lookup: ErrorLookup | null): LayerError | null {
  if (!lookup) return null;
  for (const tensor of layer.outputs) {
    const found = lookup.byTensor.get(tensor.name);
    if (found) return found.entry;
  }
  let last: { entry: LayerError; rank: number } | undefined;
  for (const node of layer.originNodes) {
    const found = lookup.byNode.get(node);
    if (found && (!last || found.rank > last.rank)) last = found;
  }
  return last?.entry ?? null;
}

function layersByName(item: ComparedEngine): Map<string, EngineLayer> {
  return new Map(item.engine.layers.map((layer) => [layer.name, layer]));
}

function largestRegressions(comparison: Comparison): Map<string, Regression> {
  const byRow = new Map<string, Regression>();
  for (const regression of comparison.regressions) {
    const held = byRow.get(regression.rowKey);
    if (!held || regression.deltaMs > held.deltaMs) byRow.set(regression.rowKey, regression);
  }
  return byRow;
}

/** The table's rows, in the comparison's order. */
export function comparisonRows(comparison: Comparison, items: ComparedEngine[]): ComparisonRow[] {
  const layers = items.map(layersByName);
  const errors = items.map((item) => errorLookup(item.accuracy));
  const regressions = largestRegressions(comparison);
  const mismatches = new Map<string, Set<string>>();
  for (const mismatch of comparison.mismatches ?? []) {
    mismatches.set(mismatch.rowKey, (mismatches.get(mismatch.rowKey) ?? new Set()).add(mismatch.kind));
  }
  return comparison.rows.map((row, index) => {
    const baseTime = row.cells[0]?.timeMs ?? null;
    const cells = row.cells.map((cell, e): RowCell | null => {
      if (!cell) return null;
      const layer = layers[e]!.get(cell.layerName);
      const speedup = e > 0 && baseTime && cell.timeMs ? baseTime / cell.timeMs : null;
      return {
        layerName: cell.layerName,
        layerType: cell.layerType,
        timeMs: cell.timeMs,
        speedup,
        mark: speedup === null ? null : markOf(speedup),
        precision: cell.precision,
        inputPrecision: tensorPrecision(layer?.inputs[0]),
        outputPrecision: tensorPrecision(layer?.outputs[0]),
        inputFormat: layer?.inputs[0]?.format ?? null,
        outputFormat: layer?.outputs[0]?.format ?? null,
        tactic: cell.tacticName ?? null,
        tensorCores: cell.tensorCores,
        originNodes: layer?.originNodes ?? [],
        fused: layer?.fused ?? false,
        error: layer ? layerError(layer, errors[e]!) : null,
      };
    });
    const times = cells.flatMap((cell) => (cell?.timeMs != null ? [cell.timeMs] : []));
    const kinds = mismatches.get(row.key);
    return {
      index,
      key: row.key,
      matchedBy: row.matchedBy,
      note: row.note ?? null,
      cells,
      layerTypes: [...new Set(cells.flatMap((cell) => (cell ? [cell.layerType] : [])))],
      precisionMismatch: kinds?.has('precision') ?? false,
      tacticMismatch: kinds?.has('tactic') ?? false,
      regression: regressions.get(row.key) ?? null,
      maxTimeMs: times.length > 0 ? Math.max(...times) : null,
    };
  });
}

/** Every layer type in the rows with its row count, most rows first (the layer-type filter's choices). */
export function layerTypeChoices(rows: ComparisonRow[]): { type: string; rows: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) for (const type of row.layerTypes) counts.set(type, (counts.get(type) ?? 0) + 1);
  return [...counts].map(([type, count]) => ({ type, rows: count })).sort((a, b) => b.rows - a.rows);
}

/** The rows that did not align in every variant, with where the layer is and why it is alone. */
export function unalignedLayers(rows: ComparisonRow[], labels: string[]): UnalignedLayer[] {
  return rows
    .filter((row) => row.matchedBy === 'unmatched')
    .map((row) => ({
      key: row.key,
      presentIn: labels.filter((_, e) => row.cells[e] !== null),
      missingIn: labels.filter((_, e) => row.cells[e] === null),
      layers: row.cells.flatMap((cell) => (cell ? [cell.layerName] : [])),
      note: row.note ?? 'not aligned',
    }));
}

/**
 * From any variant's layer name, or any fused ONNX node, to the key of its row: what a click on a
 * chart, the roofline or the error curve selects.
 */
export function rowKeyIndex(rows: ComparisonRow[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const row of rows) index.set(row.key, row.key);
  for (const row of rows) {
    for (const cell of row.cells) {
      if (!cell) continue;
      if (!index.has(cell.layerName)) index.set(cell.layerName, row.key);
      for (const node of cell.originNodes) if (!index.has(node)) index.set(node, row.key);
    }
  }
  return index;
}
