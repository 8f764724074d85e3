/** Every layer of one engine: precision, formats, tactic, time and share, weights and output bytes, ONNX nodes. */
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { DataTable } from '../../components/DataTable';
import { bytes, DASH, ms, percent, upper } from '../../components/format';
import type { EngineLayerRow } from '../../../../electron/core/model/views/engine-report';

const column = createColumnHelper<EngineLayerRow>();

const COLUMNS = [
  column.accessor('index', { header: '#', meta: { width: 44, align: 'right' } }),
  column.accessor('name', {
    header: 'layer',
    meta: { width: 280, sticky: true },
    cell: (info) => <span title={info.getValue()}>{info.getValue()}</span>,
  }),
  column.accessor('type', { header: 'type', meta: { width: 120 } }),
  column.accessor((row) => `${upper(row.inputPrecision)} → ${upper(row.outputPrecision)}`, {
    id: 'precision',
    header: 'in → out',
    meta: { width: 104 },
  }),
  column.accessor((row) => `${row.inputFormat ?? '?'} → ${row.outputFormat ?? '?'}`, {
    id: 'formats',
    header: 'formats',
    meta: { width: 220 },
    cell: (info) => {
      const row = info.row.original;
      return row.inputFormat || row.outputFormat ? (
        <span title={info.getValue()}>{info.getValue()}</span>
      ) : (
        <span className="absent">not given</span>
      );
    },
  }),
  column.accessor((row) => row.tactic ?? '', {
    id: 'tactic',
    header: 'tactic / kernel',
    meta: { width: 220 },
    cell: (info) => {
      const row = info.row.original;
      const tc = row.tensorCores === true ? ' [TC]' : '';
      return row.tactic ? <span title={row.tactic}>{`${row.tactic}${tc}`}</span> : DASH;
    },
  }),
  column.accessor((row) => row.timeMs ?? -1, {
    id: 'time',
    header: 'time',
    meta: { width: 90, align: 'right' },
    cell: (info) =>
      info.row.original.timeMs === null ? (
        <span className="absent">no time</span>
      ) : (
        ms(info.row.original.timeMs)
      ),
  }),
  column.accessor((row) => row.share ?? -1, {
    id: 'share',
    header: 'share',
    meta: { width: 64, align: 'right' },
    cell: (info) => percent(info.row.original.share),
  }),
  column.accessor((row) => row.weightBytes ?? -1, {
    id: 'weights',
    header: 'weights',
    meta: { width: 84, align: 'right' },
    cell: (info) => (info.row.original.weightBytes === null ? DASH : bytes(info.row.original.weightBytes)),
  }),
  column.accessor((row) => row.outputBytes ?? -1, {
    id: 'outputs',
    header: 'output bytes',
    meta: { width: 96, align: 'right' },
    cell: (info) => (info.row.original.outputBytes === null ? DASH : bytes(info.row.original.outputBytes)),
  }),
  column.accessor((row) => row.originNodes.join(', '), {
    id: 'nodes',
    header: 'ONNX nodes',
    meta: { width: 220 },
    cell: (info) =>
      info.getValue() ? (
        <span title={info.row.original.originNodes.join('\n')}>{info.getValue()}</span>
      ) : (
        <span className="absent">not given</span>
      ),
  }),
] as ColumnDef<EngineLayerRow, unknown>[];

interface Props {
  layers: EngineLayerRow[];
  selectedName: string | null;
  onSelect: (row: EngineLayerRow) => void;
}

export function EngineLayerTable({ layers, selectedName, onSelect }: Props) {
  return (
    <DataTable
      rows={layers}
      columns={COLUMNS}
      rowId={(row) => row.name}
      label="Engine layers"
      selectedId={selectedName}
      onSelect={onSelect}
      height={420}
      rowClassName={(row) => (row.reformat ? 'row-muted' : undefined)}
      empty="This engine lists no layers."
      testId="engine-layers"
    />
  );
}
