/**
 * The aligned layer table: one row per aligned layer, per variant its time with the speedup against
 * the baseline (marked beyond ±3%), its input -> output precision (formats on hover), tactic, and the
 * per-layer accuracy error when measured; the fused ONNX nodes. Clicking a row selects the layer.
 */
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { filterRows } from '../../../../electron/core/model/views/row-filter';
import { DataTable } from '../../components/DataTable';
import { DASH, metric, ms, ratio, upper } from '../../components/format';
import { useSelectionStore } from '../../store/selection-store';
import { useRowFilterStore } from './filter-store';
import { TableFilters } from './TableFilters';
import type { ComparisonRow, RowCell } from '../../../../electron/core/model/views/comparison';

const column = createColumnHelper<ComparisonRow>();
const MARKS = { faster: '▲', slower: '▼', same: '=' } as const;

function TimeCell({ cell, baseline }: { cell: RowCell | null; baseline: boolean }) {
  if (!cell) return <span className="absent">no layer</span>;
  if (cell.timeMs === null) return <span className="absent">no time</span>;
  return (
    <span>
      {ms(cell.timeMs)}
      {!baseline && cell.mark && (
        <span className={`mark mark-${cell.mark}`} title={`${ratio(cell.speedup)} the baseline's speed`}>
          {' '}
          {MARKS[cell.mark]} {ratio(cell.speedup)}
        </span>
      )}
    </span>
  );
}

function precisionText(cell: RowCell): string {
  return `${upper(cell.inputPrecision)} → ${upper(cell.outputPrecision)}`;
}

function formatsText(cell: RowCell): string {
  return `in: ${cell.inputFormat ?? 'format not given'}\nout: ${cell.outputFormat ?? 'format not given'}`;
}

function columnsFor(
  labels: string[],
  withErrors: boolean[],
  tactics: boolean,
): ColumnDef<ComparisonRow, unknown>[] {
  const columns: ColumnDef<ComparisonRow, unknown>[] = [
    column.accessor('key', {
      header: 'layer',
      cell: (info) => <span title={info.getValue()}>{info.getValue()}</span>,
      meta: { width: 240, sticky: true },
    }) as ColumnDef<ComparisonRow, unknown>,
    column.accessor((row) => row.layerTypes.join(', '), {
      id: 'type',
      header: 'type',
      meta: { width: 96 },
    }) as ColumnDef<ComparisonRow, unknown>,
  ];
  labels.forEach((label, e) => {
    const baseline = e === 0;
    const children: ColumnDef<ComparisonRow, unknown>[] = [
      column.accessor((row) => row.cells[e]?.timeMs ?? -1, {
        id: `time-${e}`,
        header: baseline ? 'time' : 'time (× baseline)',
        cell: (info) => <TimeCell cell={info.row.original.cells[e] ?? null} baseline={baseline} />,
        meta: { width: baseline ? 90 : 138, align: 'right' },
      }) as ColumnDef<ComparisonRow, unknown>,
      column.accessor((row) => (row.cells[e] ? precisionText(row.cells[e]!) : ''), {
        id: `precision-${e}`,
        header: 'in → out',
        cell: (info) => {
          const cell = info.row.original.cells[e];
          return cell ? <span title={formatsText(cell)}>{precisionText(cell)}</span> : DASH;
        },
        meta: { width: 100 },
      }) as ColumnDef<ComparisonRow, unknown>,
    ];
    if (tactics) {
      children.push(
        column.accessor((row) => row.cells[e]?.tactic ?? '', {
          id: `tactic-${e}`,
          header: 'tactic / kernel',
          cell: (info) => {
            const cell = info.row.original.cells[e];
            if (!cell) return DASH;
            const tc = cell.tensorCores === true ? ' [TC]' : '';
            return (
              <span title={cell.tactic ?? cell.layerName}>
                {cell.tactic ? `${cell.tactic}${tc}` : cell.layerType}
              </span>
            );
          },
          meta: { width: 170 },
        }) as ColumnDef<ComparisonRow, unknown>,
      );
    }
    if (withErrors[e]) {
      children.push(
        column.accessor((row) => row.cells[e]?.error?.cosine ?? 2, {
          id: `error-${e}`,
          header: '1 - cosine',
          cell: (info) => {
            const cell = info.row.original.cells[e];
            if (!cell) return DASH;
            if (!cell.error) return <span className="absent">not measured</span>;
            return (
              <span
                title={`tensor ${cell.error.tensor}, max abs error ${metric(cell.error.maxAbsError, 'error')}`}
              >
                {metric(1 - cell.error.cosine, 'error')}
              </span>
            );
          },
          meta: { width: 92, align: 'right' },
        }) as ColumnDef<ComparisonRow, unknown>,
      );
    }
    columns.push(
      column.group({ id: `variant-${e}`, header: label, columns: children }) as ColumnDef<
        ComparisonRow,
        unknown
      >,
    );
  });
  columns.push(
    column.accessor(
      (row) => row.cells.find((cell) => cell && cell.originNodes.length > 0)?.originNodes ?? [],
      {
        id: 'nodes',
        header: 'fused ONNX nodes',
        cell: (info) => {
          const nodes = info.getValue() as string[];
          return nodes.length === 0 ? (
            <span className="absent">not given</span>
          ) : (
            <span title={nodes.join('\n')}>
              {nodes.length > 1 ? `${nodes.length}: ` : ''}
              {nodes.join(', ')}
            </span>
          );
        },
        sortingFn: (a, b) =>
          (a.getValue('nodes') as string[]).length - (b.getValue('nodes') as string[]).length,
        meta: { width: 220 },
      },
    ) as ColumnDef<ComparisonRow, unknown>,
  );
  return columns;
}

function rowClass(row: ComparisonRow): string | undefined {
  if (row.regression) return 'row-regression';
  if (row.matchedBy === 'unmatched') return 'row-muted';
  return undefined;
}

export function ComparisonTable({
  labels,
  rows,
  types,
}: {
  labels: string[];
  rows: ComparisonRow[];
  types: { type: string; rows: number }[];
}) {
  const filter = useRowFilterStore((state) => state.filter);
  const selected = useSelectionStore((state) => state.layer);
  const select = useSelectionStore((state) => state.select);
  const shown = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const withErrors = useMemo(
    () => labels.map((_, e) => rows.some((row) => row.cells[e]?.error)),
    [labels, rows],
  );
  const [tactics, setTactics] = useState(false);
  const columns = useMemo(() => columnsFor(labels, withErrors, tactics), [labels, withErrors, tactics]);
  return (
    <section className="comparison-table" aria-label="Aligned layers">
      <h3>Aligned layers</h3>
      <TableFilters types={types} shown={shown.length} total={rows.length}>
        <label>
          <input
            type="checkbox"
            checked={tactics}
            onChange={(event) => setTactics(event.target.checked)}
            data-testid="show-tactics"
          />{' '}
          tactics
        </label>
      </TableFilters>
      <DataTable
        rows={shown}
        columns={columns}
        rowId={(row) => row.key}
        label="Aligned layers across variants"
        selectedId={selected}
        onSelect={(row) => select({ layer: row.key })}
        height={460}
        rowClassName={rowClass}
        empty="No row passes these filters."
        testId="aligned-table"
      />
    </section>
  );
}
