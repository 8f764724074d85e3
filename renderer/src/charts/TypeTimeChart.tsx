/** Time by layer type per variant: one horizontal bar per variant, stacked by layer type. */
import { useMemo } from 'react';
import { msText, msTick, stackedVariantBars } from './chart-parts';
import { distinctColorsOf } from './chart-colors';
import { EChart } from './EChart';
import type { TypeSeries } from '../../../electron/core/model/views/comparison';

interface Props {
  labels: string[];
  series: TypeSeries[];
  /** A click on a segment picks its layer type. */
  onSelectType?: (type: string) => void;
}

function option(labels: string[], series: TypeSeries[]) {
  const colors = distinctColorsOf(series.map((s) => s.type));
  return stackedVariantBars({
    title: 'Time by layer type',
    labels,
    stack: 'time',
    stacks: series.map((s, i) => ({ name: s.type, color: colors[i]!, values: s.timesMs })),
    tooltip: (p) => `${p.seriesName} in ${p.name}: ${msText(p.value)}`,
    xAxis: { axisLabel: { formatter: msTick }, splitNumber: 4 },
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
