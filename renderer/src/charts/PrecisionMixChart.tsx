/** The precision distribution per variant, by layer count or by time: 100%-stacked bars. */
import { useMemo } from 'react';
import { axisStyle, type ChartTheme } from './chart-theme';
import { BASE_OPTION, legendOf, msText, PRECISION_COLORS, titleOf, tooltipOf } from './chart-parts';
import { EChart } from './EChart';
import type { PrecisionShare } from '../../../electron/core/model/views/comparison';

interface Props {
  labels: string[];
  shares: PrecisionShare[][];
  by: 'layers' | 'time';
}

const ORDER = ['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4', 'mixed', 'unknown'] as const;

function option(labels: string[], shares: PrecisionShare[][], by: Props['by']) {
  const present = ORDER.filter((p) => shares.some((list) => list.some((s) => s.precision === p)));
  const value = (s: PrecisionShare | undefined) => (by === 'layers' ? (s?.layers ?? 0) : (s?.timeMs ?? 0));
  const totals = shares.map((list) => list.reduce((sum, s) => sum + value(s), 0));
  return (theme: ChartTheme) => ({
    ...BASE_OPTION,
    color: theme.series,
    title: titleOf(by === 'layers' ? 'Precision by layer count' : 'Precision by time', theme),
    legend: legendOf(theme),
    grid: { left: 8, right: 24, top: 56, bottom: 8, containLabel: true },
    tooltip: tooltipOf({
      formatter: (p: { seriesName: string; name: string; dataIndex: number; value: number }) => {
        const list = shares[labels.length - 1 - p.dataIndex]!;
        const share = list.find((s) => s.precision === p.seriesName);
        const count = `${share?.layers ?? 0} layers`;
        const time = share?.timeMs != null ? `, ${msText(share.timeMs)}` : ', no per-layer times';
        return `${p.name}: ${p.seriesName.toUpperCase()} ${p.value.toFixed(1)}% (${count}${time})`;
      },
    }),
    xAxis: {
      type: 'value',
      max: 100,
      ...axisStyle(theme),
      axisLabel: { color: theme.text, formatter: '{value}%' },
    },
    yAxis: { type: 'category', data: [...labels].reverse(), ...axisStyle(theme) },
    series: present.map((precision) => ({
      name: precision,
      itemStyle: { color: PRECISION_COLORS[precision] },
      type: 'bar',
      stack: 'share',
      barMaxWidth: 28,
      data: [...shares]
        .map((list, e) => {
          const total = totals[e]!;
          return total > 0 ? (100 * value(list.find((s) => s.precision === precision))) / total : 0;
        })
        .reverse(),
    })),
  });
}

export function PrecisionMixChart({ labels, shares, by }: Props) {
  const build = useMemo(() => option(labels, shares, by), [labels, shares, by]);
  const untimed = by === 'time' && shares.every((list) => list.every((s) => s.timeMs === null));
  if (untimed) return <p className="chart-missing">Precision by time: no variant has per-layer times.</p>;
  return (
    <EChart
      option={build}
      label={by === 'layers' ? 'Precision distribution by layer count' : 'Precision distribution by time'}
      height={96 + 40 * labels.length}
      testId={`chart-precision-${by}`}
    />
  );
}
