/** The roofline's points as a table (sortable; the keyboard's way to the points): select one to select its layer. */
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { formatUnit } from '../../../../electron/core/model/units';
import { DataTable } from '../../components/DataTable';
import { ms, percent } from '../../components/format';
import type { RooflinePoint } from '../../../../electron/core/model/views/roofline';

export interface LabelledPoint extends RooflinePoint {
  label: string;
  id: string;
}

const column = createColumnHelper<LabelledPoint>();
const COLUMNS = [
  column.accessor('label', { header: 'variant', meta: { width: 150 } }),
  column.accessor('layerName', {
    header: 'layer',
    meta: { width: 300 },
    cell: (info) => <span title={info.getValue()}>{info.getValue()}</span>,
  }),
  column.accessor('layerType', { header: 'type', meta: { width: 110 } }),
  column.accessor('roof', {
    header: 'roof',
    meta: { width: 56 },
    cell: (info) => info.getValue().toUpperCase(),
  }),
  column.accessor('intensity', {
    header: 'FLOP/byte',
    meta: { width: 90, align: 'right' },
    cell: (info) => info.getValue().toPrecision(3),
  }),
  column.accessor('achieved', {
    header: 'achieved',
    meta: { width: 120, align: 'right' },
    cell: (info) => formatUnit(info.getValue(), 'FLOP/s'),
  }),
  column.accessor('efficiency', {
    header: 'of roof',
    meta: { width: 70, align: 'right' },
    cell: (info) => percent(info.getValue()),
  }),
  column.accessor('bound', { header: 'bound', meta: { width: 80 } }),
  column.accessor('timeMs', {
    header: 'time',
    meta: { width: 90, align: 'right' },
    cell: (info) => ms(info.getValue()),
  }),
  column.accessor('costSource', { header: 'cost from', meta: { width: 80 } }),
] as ColumnDef<LabelledPoint, unknown>[];

interface Props {
  points: LabelledPoint[];
  selectedId: string | null;
  onSelect: (point: LabelledPoint) => void;
}

export function RooflinePoints({ points, selectedId, onSelect }: Props) {
  return (
    <DataTable
      rows={points}
      columns={COLUMNS}
      rowId={(point) => point.id}
      label="Roofline points"
      selectedId={selectedId}
      onSelect={onSelect}
      height={360}
      empty="No layer has both a time and a known cost."
      testId="roofline-points"
    />
  );
}
