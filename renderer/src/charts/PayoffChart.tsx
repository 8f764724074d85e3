/** The INT8 payoff breakdown: each variant's per-layer time by kind of work (INT8, FP16, FP32 math, Q/DQ, reformats). */
import { useMemo } from 'react';
import { axisStyle, type ChartTheme } from './chart-theme';
import { BASE_OPTION, legendOf, msText, msTick, titleOf, tooltipOf, WORK_COLORS } from './chart-parts';
import { EChart } from './EChart';
import { PAYOFF_CATEGORIES } from '../../../electron/core/model/views/comparison';
import type { PayoffBreakdown } from '../../../electron/core/model/views/comparison';

interface Props {
  labels: string[];
  payoff: PayoffBreakdown[];
}

function option(labels: string[], payoff: PayoffBreakdown[]) {
  const rows = [...payoff].reverse();
  const used = PAYOFF_CATEGORIES.filter((c) => payoff.some((p) => (p.byCategory?.[c] ?? 0) > 0));
  return (theme: ChartTheme) => ({
    ...BASE_OPTION,
    color: theme.series,
    title: titleOf('Where the time goes: payoff breakdown', theme),
    legend: legendOf(theme),
    grid: { left: 8, right: 24, top: 56, bottom: 8, containLabel: true },
    tooltip: tooltipOf({
      formatter: (p: { seriesName: string; name: string; value: number }) =>
        `${p.name}: ${p.seriesName} ${msText(p.value)}`,
    }),
    xAxis: {
      type: 'value',
      ...axisStyle(theme),
      axisLabel: { color: theme.text, formatter: msTick },
      splitNumber: 4,
    },
    yAxis: { type: 'category', data: [...labels].reverse(), ...axisStyle(theme) },
    series: used.map((category) => ({
      name: category,
      itemStyle: { color: WORK_COLORS[category] },
      type: 'bar',
      stack: 'payoff',
      barMaxWidth: 28,
      data: rows.map((p) => p.byCategory?.[category] ?? 0),
    })),
  });
}

export function PayoffChart({ labels, payoff }: Props) {
  const build = useMemo(() => option(labels, payoff), [labels, payoff]);
  if (payoff.every((p) => p.byCategory === null))
    return <p className="chart-missing">Payoff breakdown: no variant has per-layer times.</p>;
  return (
    <EChart
      option={build}
      label="Payoff breakdown per variant"
      height={96 + 40 * labels.length}
      testId="chart-payoff"
    />
  );
}
