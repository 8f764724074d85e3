/** The layers that did not align in every variant: where each is, where it is missing, and why. */
import type { UnalignedLayer } from '../../../../electron/core/model/views/comparison';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { useSelectionStore } from '../../store/selection-store';

const COLUMNS: DataColumn<UnalignedLayer>[] = [
  {
    id: 'layers',
    header: 'layer(s)',
    value: (row) => row.layers.join(' | '),
    cell: (row) => <span title={row.layers.join('\n')}>{row.layers.join(' | ')}</span>,
    width: 'minmax(220px, 3fr)',
  },
  { id: 'in', header: 'in', value: (row) => row.presentIn.join(', '), width: 'minmax(120px, 1.2fr)' },
  {
    id: 'missing',
    header: 'missing in',
    value: (row) => row.missingIn.join(', '),
    width: 'minmax(120px, 1.2fr)',
  },
  {
    id: 'why',
    header: 'why',
    value: (row) => row.note,
    cell: (row) => <span title={row.note}>{row.note}</span>,
    width: 'minmax(240px, 3fr)',
  },
];

export function UnalignedList({ layers }: { layers: UnalignedLayer[] }) {
  const selected = useSelectionStore((state) => state.layer);
  const select = useSelectionStore((state) => state.select);
  return (
    <section className="unaligned" aria-label="Layers not aligned">
      <h3>Not aligned in every variant ({layers.length})</h3>
      <DataTable
        label="Layers not aligned in every variant"
        rows={layers}
        columns={COLUMNS}
        rowKey={(row) => row.key}
        selectedKey={selected}
        onSelect={(row) => select({ layer: row.key })}
        height={Math.min(240, 28 * Math.max(1, layers.length) + 4)}
        testId="unaligned-table"
      />
    </section>
  );
}
