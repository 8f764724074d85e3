/** The share of each variant's per-layer time spent in reformat and quantize/dequantize layers. */
import { useMemo } from 'react';
import { axisStyle, type ChartTheme } from './chart-theme';
import { BASE_OPTION, legendOf, msText, titleOf, tooltipOf, WORK_COLORS } from './chart-parts';
import { EChart } from './EChart';
import type { ConversionShare } from '../../../electron/core/model/views/comparison';

interface Props {
  labels: string[];
  shares: ConversionShare[];
}

function option(labels: string[], shares: ConversionShare[]) {
  const rows = [...shares].reverse();
  const parts = [
    { name: 'reformats', pick: (s: ConversionShare) => s.reformat },
    { name: 'quantize/dequantize', pick: (s: ConversionShare) => s.qdq },
  ];
  return (theme: ChartTheme) => ({
    ...BASE_OPTION,
    color: [WORK_COLORS.reformats, WORK_COLORS['quantize/dequantize']],
    title: titleOf('Reformat and Q/DQ share of time', theme),
    legend: legendOf(theme),
    grid: { left: 8, right: 56, top: 56, bottom: 8, containLabel: true },
    tooltip: tooltipOf({
      formatter: (p: { seriesIndex: number; dataIndex: number; name: string }) => {
        const share = rows[p.dataIndex]!;
        const part = parts[p.seriesIndex]!.pick(share);
        return `${p.name}: ${part.layers} ${parts[p.seriesIndex]!.name} layer(s), ${msText(part.timeMs)} of ${msText(share.totalMs)}`;
      },
    }),
    xAxis: { type: 'value', ...axisStyle(theme), axisLabel: { color: theme.text, formatter: '{value}%' } },
    yAxis: { type: 'category', data: [...labels].reverse(), ...axisStyle(theme) },
    series: parts.map((part, index) => ({
      name: part.name,
      type: 'bar',
      stack: 'share',
      barMaxWidth: 28,
      data: rows.map((s) => (s.totalMs > 0 ? (100 * part.pick(s).timeMs) / s.totalMs : 0)),
      label:
        index === parts.length - 1
          ? {
              show: true,
              position: 'right',
              color: theme.text,
              formatter: (p: { dataIndex: number }) => {
                const s = rows[p.dataIndex]!;
                return s.totalMs > 0
                  ? `${((100 * (s.reformat.timeMs + s.qdq.timeMs)) / s.totalMs).toFixed(1)}%`
                  : 'no times';
              },
            }
          : undefined,
    })),
  });
}

export function ConversionShareChart({ labels, shares }: Props) {
  const build = useMemo(() => option(labels, shares), [labels, shares]);
  if (shares.every((s) => s.totalMs <= 0))
    return <p className="chart-missing">Reformat and Q/DQ share: no variant has per-layer times.</p>;
  return (
    <EChart
      option={build}
      label="Reformat and Q/DQ share per variant"
      height={96 + 40 * labels.length}
      testId="chart-conversion"
    />
  );
}
