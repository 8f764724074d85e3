/** Every layer of one engine: precision, formats, tactic, time and share, weights and output bytes, ONNX nodes. */
import type { EngineLayerRow } from '../../../../electron/core/model/views/engine-report';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { bytes, DASH, ms, percent, upper } from '../../components/format';

const formats = (row: EngineLayerRow) => `${row.inputFormat ?? '?'} → ${row.outputFormat ?? '?'}`;

const COLUMNS: DataColumn<EngineLayerRow>[] = [
  { id: 'index', header: '#', value: (row) => row.index, width: '44px', align: 'right' },
  {
    id: 'name',
    header: 'layer',
    value: (row) => row.name,
    cell: (row) => <span title={row.name}>{row.name}</span>,
    width: 'minmax(200px, 3fr)',
  },
  { id: 'type', header: 'type', value: (row) => row.type, width: '110px' },
  {
    id: 'precision',
    header: 'in → out',
    value: (row) => `${upper(row.inputPrecision)} → ${upper(row.outputPrecision)}`,
    width: '100px',
  },
  {
    id: 'formats',
    header: 'formats',
    value: (row) => (row.inputFormat || row.outputFormat ? formats(row) : null),
    cell: (row) =>
      row.inputFormat || row.outputFormat ? (
        <span title={formats(row)}>{formats(row)}</span>
      ) : (
        <span className="absent">not given</span>
      ),
    width: 'minmax(140px, 2fr)',
  },
  {
    id: 'tactic',
    header: 'tactic / kernel',
    description: 'the tactic or kernel ([TC] = Tensor Cores)',
    value: (row) => row.tactic,
    cell: (row) =>
      row.tactic ? (
        <span title={row.tactic}>{`${row.tactic}${row.tensorCores === true ? ' [TC]' : ''}`}</span>
      ) : (
        DASH
      ),
    width: 'minmax(140px, 2fr)',
  },
  {
    id: 'time',
    header: 'time',
    value: (row) => row.timeMs,
    cell: (row) => (row.timeMs === null ? <span className="absent">no time</span> : ms(row.timeMs)),
    width: '90px',
    align: 'right',
  },
  {
    id: 'share',
    header: 'share',
    value: (row) => row.share,
    cell: (row) => percent(row.share),
    width: '64px',
    align: 'right',
  },
  {
    id: 'weights',
    header: 'weights',
    value: (row) => row.weightBytes,
    cell: (row) => (row.weightBytes === null ? DASH : bytes(row.weightBytes)),
    width: '84px',
    align: 'right',
  },
  {
    id: 'outputs',
    header: 'output bytes',
    value: (row) => row.outputBytes,
    cell: (row) => (row.outputBytes === null ? DASH : bytes(row.outputBytes)),
    width: '96px',
    align: 'right',
  },
  {
    id: 'nodes',
    header: 'ONNX nodes',
    value: (row) => (row.originNodes.length ? row.originNodes.join(', ') : null),
    cell: (row) =>
      row.originNodes.length ? (
        <span title={row.originNodes.join('\n')}>{row.originNodes.join(', ')}</span>
      ) : (
        <span className="absent">not given</span>
      ),
    width: 'minmax(140px, 2fr)',
  },
];

interface Props {
  layers: EngineLayerRow[];
  selectedName: string | null;
  onSelect: (row: EngineLayerRow) => void;
}

export function EngineLayerTable({ layers, selectedName, onSelect }: Props) {
  return (
    <DataTable
      label="Engine layers"
      rows={layers}
      columns={COLUMNS}
      rowKey={(row) => row.name}
      selectedKey={selectedName}
      onSelect={onSelect}
      height={420}
      rowClass={(row) => (row.reformat ? 'row-muted' : undefined)}
      testId="engine-layers"
    />
  );
}
