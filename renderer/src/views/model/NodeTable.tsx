/**
 * Every node of the model: name, op, output shapes, FLOPs, bytes, intensity, the roof that bounds it,
 * and its lints; sortable, filterable, virtualized (DataTable). Selecting a row selects the node
 * everywhere (and in the URL); a lint's node link or a chart's op type lands here.
 */
import { useEffect, useMemo, useState } from 'react';
import { modelNodeRows, type NodeRow } from '../../../../electron/core/model/node-rows';
import type { Model } from '../../../../electron/core/model/types';
import { formatBytes, formatCount } from '../../../../electron/core/model/units';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { useSelectionStore } from '../../store/selection-store';

const BOUND_FILTERS = {
  all: 'every node',
  memory: 'memory-bound',
  compute: 'compute-bound',
  unknown: 'bound unknown',
  'not costed': 'not costed (shapes unknown)',
  data: 'data movement only',
} as const;
type BoundFilter = keyof typeof BOUND_FILTERS;

const intensityFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

const COLUMNS: DataColumn<NodeRow>[] = [
  {
    id: 'index',
    header: '#',
    value: (row) => row.index,
    width: '56px',
    align: 'right',
    description: 'Position in the graph',
  },
  { id: 'name', header: 'Node', value: (row) => row.name, width: 'minmax(180px, 3fr)' },
  { id: 'op', header: 'Op', value: (row) => row.opType, width: 'minmax(90px, 1fr)' },
  { id: 'shapes', header: 'Output shapes', value: (row) => row.outputShapes, width: 'minmax(140px, 2fr)' },
  {
    id: 'flops',
    header: 'FLOPs',
    description: 'Floating-point operations, a multiply-add counted as 2 (decimal prefixes)',
    value: (row) => row.flops,
    cell: (row) => (row.flops === null ? '-' : formatCount(row.flops)),
    width: '90px',
    align: 'right',
  },
  {
    id: 'bytes',
    header: 'Bytes',
    description: 'Activations read + weights read + outputs written (binary prefixes)',
    value: (row) => row.bytes,
    cell: (row) => (row.bytes === null ? '-' : formatBytes(row.bytes)),
    width: '96px',
    align: 'right',
  },
  {
    id: 'intensity',
    header: 'FLOP/B',
    description: 'Arithmetic intensity: FLOPs per byte moved',
    value: (row) => row.intensity,
    cell: (row) => (row.intensity === null ? '-' : intensityFormat.format(row.intensity)),
    width: '76px',
    align: 'right',
  },
  {
    id: 'bound',
    header: 'Bound',
    description: "Which roof limits the node on the chosen device's ceilings",
    value: (row) => (row.folded ? 'folded' : row.bound),
    cell: (row) => (
      <span className={`bound ${row.folded ? 'folded' : row.bound.replace(' ', '-')}`}>
        {row.folded ? 'folded' : row.bound}
      </span>
    ),
    width: '96px',
  },
  {
    id: 'lints',
    header: 'Lints',
    value: (row) => row.lints.map((lint) => lint.id).join(', ') || null,
    cell: (row) =>
      row.lints.map((lint) => (
        <span key={lint.id} className={`tag lint-tag ${lint.severity}`}>
          {lint.id}
        </span>
      )),
    width: 'minmax(120px, 2fr)',
  },
];

function keep(filter: BoundFilter, opType: string | null) {
  return (row: NodeRow) => {
    if (opType && row.opType !== opType) return false;
    if (filter === 'all') return true;
    if (filter === 'data') return row.dataMovement;
    return row.bound === filter && !row.folded;
  };
}

export function NodeTable({
  model,
  opType,
  onOpType,
}: {
  model: Model;
  opType: string | null;
  onOpType: (opType: string | null) => void;
}) {
  const all = useMemo(() => modelNodeRows(model), [model]);
  const [bound, setBound] = useState<BoundFilter>('all');
  const rows = useMemo(() => all.filter(keep(bound, opType)), [all, bound, opType]);
  const layer = useSelectionStore((state) => state.layer);
  const select = useSelectionStore((state) => state.select);
  const opTypes = useMemo(() => [...new Set(all.map((row) => row.opType))].sort(), [all]);
  // A node picked elsewhere but hidden by these filters: drop them so its row can show.
  useEffect(() => {
    if (layer === null || !all.some((row) => row.name === layer)) return;
    if (!all.filter(keep(bound, opType)).some((row) => row.name === layer)) {
      setBound('all');
      onOpType(null);
    }
  }, [layer, all]); // not on filter changes: a user narrowing the table keeps the narrowing
  return (
    <section className="node-table" aria-label="Nodes">
      <h3>Nodes</h3>
      <DataTable
        label="Nodes"
        testId="node-table"
        rows={rows}
        totalCount={all.length}
        columns={COLUMNS}
        rowKey={(row) => row.name}
        height={440}
        selectedKey={layer}
        onSelect={(row) => select({ layer: row.name })}
        rowClass={(row) => (row.lints.length > 0 ? 'has-lint' : undefined)}
        toolbar={
          <>
            <label>
              Op{' '}
              <select value={opType ?? ''} onChange={(event) => onOpType(event.target.value || null)}>
                <option value="">every op</option>
                {opTypes.map((op) => (
                  <option key={op} value={op}>
                    {op}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Bound{' '}
              <select value={bound} onChange={(event) => setBound(event.target.value as BoundFilter)}>
                {Object.entries(BOUND_FILTERS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          </>
        }
      />
    </section>
  );
}
