/**
 * Horizontal bars: the op types with the most FLOPs (or bytes moved), largest on top, each labelled
 * with its share. The axis has one unit for all its ticks (chosen from the largest bar, stated under
 * the axis), so labels stay short and never run together. With nothing to draw it says why instead of
 * showing an empty frame. A click on a bar hands its op type to `onSelect`.
 */
import { useCallback, useMemo } from 'react';
import type { OpTypeCost } from '../../../electron/core/model/types';
import { topOpTypes } from '../../../electron/core/model/top-op-types';
import { axisUnit, formatBytes, formatUnit } from '../../../electron/core/model/units';
import { axisStyle, type ChartTheme } from './chart-theme';
import { EChart } from './EChart';

interface Props {
  costs: readonly OpTypeCost[];
  by: 'flops' | 'bytes';
  title: string;
  /** Both charts of a row get the same height (the parent picks it). */
  height: number;
  /** Shown instead of the chart when no op type has any FLOPs (or bytes). */
  emptyText: string;
  onSelect?: (opType: string) => void;
}

const tickNumber = new Intl.NumberFormat('en', { maximumSignificantDigits: 3 });

/** A bar's share; a share too small to print as 0.1 % says so rather than "0.0%". */
function shareText(percent: number): string {
  return percent > 0 && percent < 0.05 ? '<0.1%' : `${percent.toFixed(1)}%`;
}

/** The height that fits `bars` bars (the parent takes the larger of its charts). */
export function opTypesChartHeight(bars: number): number {
  return 72 + 26 * Math.max(bars, 3);
}

export function TopOpTypesChart({ costs, by, title, height, emptyText, onSelect }: Props) {
  const bars = useMemo(() => topOpTypes(costs, by), [costs, by]);
  const option = useCallback(
    (theme: ChartTheme) => {
      const rows = [...bars].reverse(); // echarts draws the first category at the bottom
      const format = (value: number) => (by === 'flops' ? formatUnit(value, 'FLOPs') : formatBytes(value));
      const unit = axisUnit(Math.max(...bars.map((bar) => bar.value), 0), by === 'flops' ? 'FLOP' : 'bytes');
      const axis = axisStyle(theme);
      return {
        title: { text: title, left: 0, top: 0, textStyle: { fontSize: 13, color: theme.text } },
        grid: { left: 8, right: 56, top: 30, bottom: 28, containLabel: true },
        tooltip: { trigger: 'item', renderMode: 'richText' },
        xAxis: {
          type: 'value',
          ...axis,
          name: unit.label,
          nameLocation: 'middle',
          nameGap: 24,
          splitNumber: 4,
          axisLabel: {
            ...axis.axisLabel,
            hideOverlap: true,
            formatter: (value: number) => tickNumber.format(value),
          },
        },
        yAxis: {
          type: 'category',
          ...axis,
          data: rows.map((bar) => bar.opType),
          axisTick: { show: false },
        },
        series: [
          {
            type: 'bar',
            barMaxWidth: 18,
            itemStyle: { color: by === 'flops' ? theme.series[0] : theme.series[2] },
            // Plotted in the axis unit, so the ticks fall on round numbers of it.
            data: rows.map((bar) => ({
              value: bar.value / unit.divisor,
              name: bar.opType,
              detail: `${bar.opType} (${bar.count} node${bar.count === 1 ? '' : 's'}): ${format(bar.value)}, ${shareText(bar.sharePercent)}`,
            })),
            label: {
              show: true,
              position: 'right',
              color: theme.text,
              formatter: (p: { dataIndex: number }) => shareText(rows[p.dataIndex]!.sharePercent),
            },
            tooltip: { formatter: (p: { data: { detail: string } }) => p.data.detail },
          },
        ],
      };
    },
    [bars, by, title],
  );

  if (bars.length === 0) {
    return (
      <div className="chart chart-empty" role="note" aria-label={title} style={{ height }}>
        <h4>{title}</h4>
        <p>{emptyText}</p>
      </div>
    );
  }
  return (
    <EChart
      option={option}
      label={title}
      height={height}
      testId={`op-types-${by}`}
      onSelect={(name) => onSelect?.(name)}
    />
  );
}
