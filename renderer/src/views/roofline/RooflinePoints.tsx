/** The roofline's points as a table (sortable; the keyboard's way to the points): select one to select its layer. */
import type { RooflinePoint } from '../../../../electron/core/model/views/roofline';
import { formatUnit } from '../../../../electron/core/model/units';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { ms, percent } from '../../components/format';

export interface LabelledPoint extends RooflinePoint {
  label: string;
  id: string;
}

const COLUMNS: DataColumn<LabelledPoint>[] = [
  { id: 'variant', header: 'variant', value: (p) => p.label, width: 'minmax(120px, 1fr)' },
  {
    id: 'layer',
    header: 'layer',
    value: (p) => p.layerName,
    cell: (p) => <span title={p.layerName}>{p.layerName}</span>,
    width: 'minmax(200px, 3fr)',
  },
  { id: 'type', header: 'type', value: (p) => p.layerType, width: '110px' },
  { id: 'roof', header: 'roof', value: (p) => p.roof.toUpperCase(), width: '56px' },
  {
    id: 'intensity',
    header: 'FLOP/byte',
    value: (p) => p.intensity,
    cell: (p) => p.intensity.toPrecision(3),
    width: '90px',
    align: 'right',
  },
  {
    id: 'achieved',
    header: 'achieved',
    value: (p) => p.achieved,
    cell: (p) => formatUnit(p.achieved, 'FLOP/s'),
    width: '120px',
    align: 'right',
  },
  {
    id: 'efficiency',
    header: 'of roof',
    value: (p) => p.efficiency,
    cell: (p) => percent(p.efficiency),
    width: '72px',
    align: 'right',
  },
  { id: 'bound', header: 'bound', value: (p) => p.bound, width: '80px' },
  {
    id: 'time',
    header: 'time',
    value: (p) => p.timeMs,
    cell: (p) => ms(p.timeMs),
    width: '90px',
    align: 'right',
  },
  { id: 'cost', header: 'cost from', value: (p) => p.costSource, width: '80px' },
];

interface Props {
  points: LabelledPoint[];
  selectedId: string | null;
  onSelect: (point: LabelledPoint) => void;
}

export function RooflinePoints({ points, selectedId, onSelect }: Props) {
  return (
    <DataTable
      label="Roofline points"
      rows={points}
      columns={COLUMNS}
      rowKey={(point) => point.id}
      selectedKey={selectedId}
      onSelect={onSelect}
      height={360}
      testId="roofline-points"
    />
  );
}
