/** Horizontal bars of named times (an engine's time by layer type, its tactics), largest on top, with shares. */
import { useMemo } from 'react';
import { axisStyle, type ChartTheme } from './chart-theme';
import { BASE_OPTION, msText, percentText, shortLabel, titleOf, tooltipOf, msValueAxis } from './chart-parts';
import { EChart } from './EChart';

export interface NamedTime {
  name: string;
  timeMs: number;
  share: number | null;
  /** Extra words for the tooltip (e.g. "21 layers"). */
  detail?: string;
}

interface Props {
  title: string;
  bars: NamedTime[];
  testId?: string;
  onSelect?: (name: string) => void;
}

function option(title: string, bars: NamedTime[]) {
  const rows = [...bars].reverse();
  return (theme: ChartTheme) => ({
    ...BASE_OPTION,
    color: [theme.series[0]],
    title: titleOf(title, theme),
    grid: { left: 8, right: 64, top: 32, bottom: 8, containLabel: true },
    tooltip: tooltipOf({
      formatter: (p: { dataIndex: number }) => {
        const bar = rows[p.dataIndex]!;
        return `${bar.name}: ${msText(bar.timeMs)}${bar.share !== null ? ` (${percentText(bar.share)})` : ''}${bar.detail ? `, ${bar.detail}` : ''}`;
      },
    }),
    xAxis: msValueAxis(theme),
    yAxis: {
      type: 'category',
      data: rows.map((bar) => bar.name),
      ...axisStyle(theme),
      axisLabel: { color: theme.text, formatter: (name: string) => shortLabel(name, 34) },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        data: rows.map((bar) => bar.timeMs),
        label: {
          show: true,
          position: 'right',
          color: theme.text,
          formatter: (p: { dataIndex: number }) => {
            const share = rows[p.dataIndex]!.share;
            return share === null ? '' : percentText(share);
          },
        },
      },
    ],
  });
}

export function TypeBarsChart({ title, bars, testId, onSelect }: Props) {
  const build = useMemo(() => option(title, bars), [title, bars]);
  return (
    <EChart
      option={build}
      label={title}
      height={56 + 26 * Math.max(bars.length, 1)}
      testId={testId}
      onSelect={onSelect ? (name) => name && onSelect(name) : undefined}
    />
  );
}
