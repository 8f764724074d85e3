/**
 * The aligned layer table: one row per aligned layer, per variant its time with the speedup against
 * the baseline (marked beyond ±3%), its input -> output precision (formats on hover), tactic on
 * request, and the per-layer accuracy error when measured; the fused ONNX nodes. Clicking a row selects
 * the layer everywhere.
 */
import { useMemo, useState } from 'react';
import type { ComparisonRow, RowCell } from '../../../../electron/core/model/views/comparison';
import { rowFilter } from '../../../../electron/core/model/views/row-filter';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { DASH, metric, ms, ratio, upper } from '../../components/format';
import { useSelectionStore } from '../../store/selection-store';
import { useRowFilterStore } from './filter-store';
import { TableFilters } from './TableFilters';

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

const precisionText = (cell: RowCell) => `${upper(cell.inputPrecision)} → ${upper(cell.outputPrecision)}`;
const formatsText = (cell: RowCell) =>
  `in: ${cell.inputFormat ?? 'format not given'}\nout: ${cell.outputFormat ?? 'format not given'}`;

function variantColumns(
  label: string,
  e: number,
  tactics: boolean,
  errors: boolean,
): DataColumn<ComparisonRow>[] {
  const baseline = e === 0;
  const columns: DataColumn<ComparisonRow>[] = [
    {
      id: `time-${e}`,
      header: `${label} time`,
      description: baseline
        ? `${label}: mean time per inference`
        : `${label}: mean time, and its speed against the baseline`,
      value: (row) => row.cells[e]?.timeMs ?? null,
      cell: (row) => <TimeCell cell={row.cells[e] ?? null} baseline={baseline} />,
      width: baseline ? '84px' : '132px',
      align: 'right',
    },
    {
      id: `precision-${e}`,
      header: `${label} in→out`,
      description: `${label}: input and output precision (formats on hover)`,
      value: (row) => (row.cells[e] ? precisionText(row.cells[e]!) : null),
      cell: (row) => {
        const cell = row.cells[e];
        return cell ? <span title={formatsText(cell)}>{precisionText(cell)}</span> : DASH;
      },
      width: '96px',
    },
  ];
  if (tactics) {
    columns.push({
      id: `tactic-${e}`,
      header: `${label} tactic`,
      description: `${label}: tactic or kernel ([TC] = Tensor Cores)`,
      value: (row) => row.cells[e]?.tactic ?? null,
      cell: (row) => {
        const cell = row.cells[e];
        if (!cell) return DASH;
        const tc = cell.tensorCores === true ? ' [TC]' : '';
        return (
          <span title={cell.tactic ?? cell.layerName}>
            {cell.tactic ? `${cell.tactic}${tc}` : cell.layerType}
          </span>
        );
      },
      width: 'minmax(120px, 1.5fr)',
    });
  }
  if (errors) {
    columns.push({
      id: `error-${e}`,
      header: `${label} error`,
      description: `${label}: error at the layer's output against the reference (1 - cosine)`,
      value: (row) => (row.cells[e]?.error ? 1 - row.cells[e]!.error!.cosine : null),
      cell: (row) => {
        const cell = row.cells[e];
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
      width: '80px',
      align: 'right',
    });
  }
  return columns;
}

function columnsFor(labels: string[], withErrors: boolean[], tactics: boolean): DataColumn<ComparisonRow>[] {
  return [
    {
      id: 'layer',
      header: 'layer',
      value: (row) => row.key,
      cell: (row) => <span title={row.key}>{row.key}</span>,
      width: 'minmax(160px, 3fr)',
    },
    { id: 'type', header: 'type', value: (row) => row.layerTypes.join(', '), width: '90px' },
    ...labels.flatMap((label, e) => variantColumns(label, e, tactics, withErrors[e]!)),
    {
      id: 'nodes',
      header: 'fused ONNX nodes',
      value: (row) =>
        row.cells.find((cell) => cell && cell.originNodes.length > 0)?.originNodes.join(', ') ?? null,
      cell: (row) => {
        const nodes = row.cells.find((cell) => cell && cell.originNodes.length > 0)?.originNodes ?? [];
        if (nodes.length === 0) return <span className="absent">not given</span>;
        return (
          <span
            title={nodes.join('\n')}
          >{`${nodes.length > 1 ? `${nodes.length}: ` : ''}${nodes.join(', ')}`}</span>
        );
      },
      width: 'minmax(100px, 2fr)',
    },
  ];
}

function rowClass(row: ComparisonRow): string | undefined {
  if (row.regression) return 'row-regression';
  if (row.matchedBy === 'unmatched') return 'row-muted';
  return undefined;
}

interface Props {
  /** Short labels for the column heads. */
  labels: string[];
  rows: ComparisonRow[];
  types: { type: string; rows: number }[];
}

export function ComparisonTable({ labels, rows, types }: Props) {
  const filter = useRowFilterStore((state) => state.filter);
  const selected = useSelectionStore((state) => state.layer);
  const select = useSelectionStore((state) => state.select);
  const [tactics, setTactics] = useState(false);
  const keep = useMemo(() => rowFilter(filter), [filter]);
  const withErrors = useMemo(
    () => labels.map((_, e) => rows.some((row) => row.cells[e]?.error)),
    [labels, rows],
  );
  const columns = useMemo(() => columnsFor(labels, withErrors, tactics), [labels, withErrors, tactics]);
  return (
    <section className="comparison-table" aria-label="Aligned layers">
      <h3>Aligned layers</h3>
      <DataTable
        label="Aligned layers across variants"
        rows={rows}
        keep={keep}
        columns={columns}
        rowKey={(row) => row.key}
        selectedKey={selected}
        onSelect={(row) => select({ layer: row.key })}
        height={460}
        rowClass={rowClass}
        toolbar={
          <TableFilters types={types}>
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
        }
        testId="aligned-table"
      />
    </section>
  );
}
