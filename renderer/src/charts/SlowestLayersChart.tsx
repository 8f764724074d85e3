/** The N slowest aligned layers, one group of bars per layer (one bar per variant); a click selects the layer. */
import { useMemo } from 'react';
import { axisStyle, type ChartTheme } from './chart-theme';
import { BASE_OPTION, legendOf, msText, shortLabel, titleOf, tooltipOf, msValueAxis } from './chart-parts';
import { EChart } from './EChart';
import type { SlowLayer } from '../../../electron/core/model/views/comparison';

interface Props {
  labels: string[];
  layers: SlowLayer[];
  selected: string | null;
  onSelect: (rowKey: string) => void;
}

function option(labels: string[], layers: SlowLayer[], selected: string | null) {
  const rows = [...layers].reverse();
  return (theme: ChartTheme) => ({
    ...BASE_OPTION,
    color: theme.series,
    title: titleOf(`The ${layers.length} slowest layers`, theme),
    legend: legendOf(theme),
    grid: { left: 8, right: 24, top: 56, bottom: 8, containLabel: true },
    tooltip: tooltipOf({
      formatter: (p: { seriesName: string; name: string; value: number | null }) =>
        `${p.name}\n${p.seriesName}: ${p.value == null ? 'no such layer' : msText(p.value)}`,
    }),
    xAxis: msValueAxis(theme),
    yAxis: {
      type: 'category',
      data: rows.map((row) => row.key),
      ...axisStyle(theme),
      axisLabel: {
        color: theme.text,
        formatter: (key: string) => (key === selected ? `▶ ${shortLabel(key, 30)}` : shortLabel(key, 32)),
      },
    },
    series: labels.map((label, e) => ({
      name: label,
      type: 'bar',
      barMaxWidth: 10,
      data: rows.map((row) => row.timesMs[e]),
    })),
  });
}

export function SlowestLayersChart({ labels, layers, selected, onSelect }: Props) {
  const build = useMemo(() => option(labels, layers, selected), [labels, layers, selected]);
  if (layers.length === 0)
    return <p className="chart-missing">Slowest layers: no per-layer times to rank.</p>;
  return (
    <EChart
      option={build}
      label="The slowest layers per variant"
      height={80 + layers.length * (10 * labels.length + 10)}
      testId="chart-slowest"
      onSelect={(name) => name && onSelect(name)}
    />
  );
}
