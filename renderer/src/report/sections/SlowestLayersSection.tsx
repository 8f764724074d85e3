/** The layers with the most time: the slowest aligned layers side by side, and each variant's own top list. */
import { useMemo } from 'react';
import type { Report } from '../../../../electron/core/model/report';
import { variantLabel } from '../../../../electron/core/model/report-figures';
import { formatMs } from '../../../../electron/core/model/units';
import { formatShare } from '../report-format';
import { BarChart } from '../../charts/BarChart';
import { SortableTable, type Column } from '../../components/SortableTable';

type SlowLayer = Report['slowestLayers'][number];

/** Aligned layers shown in the chart. */
const CHART_LAYERS = 12;

export function SlowestLayersSection({ report }: { report: Report }) {
  const chart = useMemo(() => {
    const longest = (row: Report['layers']['rows'][number]) =>
      Math.max(...row.cells.map((c) => c?.timeMs ?? 0));
    const rows = [...report.layers.rows].sort((a, b) => longest(b) - longest(a)).slice(0, CHART_LAYERS);
    return {
      categories: rows.map((row) => row.key),
      series: report.variants.map((v) => ({
        name: v.label,
        values: rows.map((row) => row.cells[v.index]?.timeMs ?? null),
      })),
    };
  }, [report]);
  const columns: Column<SlowLayer>[] = [
    { key: 'variant', header: 'variant', value: (l) => variantLabel(report, l.variant) },
    {
      key: 'name',
      header: 'layer',
      value: (l) => l.name,
      render: (l) => <span className="mono">{l.name}</span>,
    },
    { key: 'type', header: 'type', value: (l) => l.type },
    { key: 'precision', header: 'precision', value: (l) => l.precision },
    {
      key: 'time',
      header: 'time ms',
      value: (l) => l.timeMs,
      render: (l) => formatMs(l.timeMs),
      numeric: true,
    },
    {
      key: 'share',
      header: 'share',
      value: (l) => l.sharePercent,
      render: (l) => formatShare(l.sharePercent),
      numeric: true,
    },
  ];
  if (report.slowestLayers.length === 0) return <p>No per-layer profile in this session.</p>;
  return (
    <>
      <BarChart
        title={`The ${chart.categories.length} slowest aligned layers (ms)`}
        categories={chart.categories}
        series={chart.series}
        format={(value) => formatMs(value)}
        horizontal
      />
      <SortableTable
        label="Slowest layers"
        columns={columns}
        rows={report.slowestLayers}
        rowKey={(l, i) => `${l.variant}-${l.name}-${i}`}
      />
    </>
  );
}
