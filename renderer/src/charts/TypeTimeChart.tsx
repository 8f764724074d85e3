/** Time by layer type per variant: one horizontal bar per variant, stacked by layer type. */
import { useMemo } from 'react';
import { axisStyle, type ChartTheme } from './chart-theme';
import { BASE_OPTION, legendOf, msText, msTick, titleOf, tooltipOf } from './chart-parts';
import { colorOfName } from './chart-colors';
import { EChart } from './EChart';
import type { TypeSeries } from '../../../electron/core/model/views/comparison';

interface Props {
  labels: string[];
  series: TypeSeries[];
  /** A click on a segment picks its layer type. */
  onSelectType?: (type: string) => void;
}

function option(labels: string[], series: TypeSeries[]) {
  return (theme: ChartTheme) => ({
    ...BASE_OPTION,
    color: theme.series,
    title: titleOf('Time by layer type', theme),
    legend: legendOf(theme),
    grid: { left: 8, right: 24, top: 56, bottom: 8, containLabel: true },
    tooltip: tooltipOf({
      formatter: (p: { seriesName: string; name: string; value: number }) =>
        `${p.seriesName} in ${p.name}: ${msText(p.value)}`,
    }),
    xAxis: {
      type: 'value',
      ...axisStyle(theme),
      axisLabel: { color: theme.text, formatter: msTick },
      splitNumber: 4,
    },
    yAxis: { type: 'category', data: [...labels].reverse(), ...axisStyle(theme) },
    series: series.map((s) => ({
      name: s.type,
      itemStyle: { color: colorOfName(s.type) },
      type: 'bar',
      stack: 'time',
      data: [...s.timesMs].reverse(),
      barMaxWidth: 28,
    })),
  });
}

export function TypeTimeChart({ labels, series, onSelectType }: Props) {
  const build = useMemo(() => option(labels, series), [labels, series]);
  return (
    <EChart
      option={build}
      label="Time by layer type per variant"
      height={96 + 40 * labels.length}
      testId="chart-type-time"
      onSelect={(_name, _index, seriesIndex) => {
        const type = series[seriesIndex]?.type;
        if (type && !type.startsWith('other (')) onSelectType?.(type);
      }}
    />
  );
}
