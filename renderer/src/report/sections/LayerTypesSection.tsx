/** Per-layer time summed by layer type, stacked per variant, and the same as a table. */
import type { Report } from '../../../../electron/core/model/report';
import { formatMs } from '../../../../electron/core/model/units';
import { BarChart } from '../../charts/BarChart';
import { SortableTable, type Column } from '../../components/SortableTable';

type TypeRow = Report['timeByLayerType'][number];

export function LayerTypesSection({ report }: { report: Report }) {
  if (report.timeByLayerType.length === 0) return <p>No per-layer profile in this session.</p>;
  const columns: Column<TypeRow>[] = [
    { key: 'type', header: 'layer type', value: (row) => row.type },
    ...report.variants.map((v): Column<TypeRow> => ({
      key: `v${v.index}`,
      header: `${v.label} ms`,
      value: (row) => row.timesMs[v.index] ?? null,
      render: (row) => formatMs(row.timesMs[v.index]),
      numeric: true,
    })),
  ];
  return (
    <>
      <BarChart
        title="Time per layer type (ms, per-layer means)"
        categories={report.variants.map((v) => v.label)}
        series={report.timeByLayerType.map((row) => ({ name: row.type, values: row.timesMs }))}
        format={(value) => formatMs(value)}
        stacked
        horizontal
        colorByName
      />
      <SortableTable
        label="Time per layer type"
        columns={columns}
        rows={report.timeByLayerType}
        rowKey={(row) => row.type}
      />
    </>
  );
}
