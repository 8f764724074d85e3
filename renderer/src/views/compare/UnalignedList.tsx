/** The layers that did not align in every variant: where each is, where it is missing, and why. */
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { DataTable } from '../../components/DataTable';
import { useSelectionStore } from '../../store/selection-store';
import type { UnalignedLayer } from '../../../../electron/core/model/views/comparison';

const column = createColumnHelper<UnalignedLayer>();
const COLUMNS = [
  column.accessor((row) => row.layers.join(' | '), {
    id: 'layers',
    header: 'layer(s)',
    meta: { width: 360, sticky: true },
    cell: (info) => <span title={info.getValue()}>{info.getValue()}</span>,
  }),
  column.accessor((row) => row.presentIn.join(', '), { id: 'in', header: 'in', meta: { width: 180 } }),
  column.accessor((row) => row.missingIn.join(', '), {
    id: 'missing',
    header: 'missing in',
    meta: { width: 180 },
  }),
  column.accessor('note', {
    header: 'why',
    meta: { width: 420 },
    cell: (info) => <span title={info.getValue()}>{info.getValue()}</span>,
  }),
] as ColumnDef<UnalignedLayer, unknown>[];

export function UnalignedList({ layers }: { layers: UnalignedLayer[] }) {
  const selected = useSelectionStore((state) => state.layer);
  const select = useSelectionStore((state) => state.select);
  return (
    <section className="unaligned" aria-label="Layers not aligned">
      <h3>Not aligned in every variant ({layers.length})</h3>
      <DataTable
        rows={layers}
        columns={COLUMNS}
        rowId={(row) => row.key}
        label="Layers not aligned in every variant"
        selectedId={selected}
        onSelect={(row) => select({ layer: row.key })}
        height={Math.min(260, 32 + 30 * Math.max(1, layers.length))}
        empty="Every layer aligned in every variant."
        testId="unaligned-table"
      />
    </section>
  );
}
