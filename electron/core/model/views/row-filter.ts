/**
 * The aligned table's filters, applied where the table is drawn (the renderer, the report): precision
 * or tactic mismatch, layer type, regressions only, rows not aligned, text in a layer or ONNX node
 * name. Every flag it reads was computed by core (analysis/comparison-rows.ts); this only keeps rows.
 */
import type { ComparisonRow, RowFilter } from './comparison';

/** The filter as a test on one row. */
export function rowFilter(filter: RowFilter): (row: ComparisonRow) => boolean {
  const text = filter.text?.trim().toLowerCase() ?? '';
  const matchesText = (row: ComparisonRow) =>
    row.cells.some(
      (cell) =>
        cell !== null &&
        (cell.layerName.toLowerCase().includes(text) ||
          cell.originNodes.some((node) => node.toLowerCase().includes(text))),
    );
  return (row) =>
    (!filter.precisionMismatch || row.precisionMismatch) &&
    (!filter.tacticMismatch || row.tacticMismatch) &&
    (!filter.layerType || row.layerTypes.includes(filter.layerType)) &&
    (!filter.regressionsOnly || row.regression !== null) &&
    (!filter.unalignedOnly || row.matchedBy === 'unmatched') &&
    (text === '' || matchesText(row));
}

/** The rows a filter keeps, in order. */
export function filterRows(rows: ComparisonRow[], filter: RowFilter): ComparisonRow[] {
  return rows.filter(rowFilter(filter));
}
