/**
 * Bars by category, one series per group (variants, layer types), side by side or stacked,
 * horizontal for long category names. Tooltips name the category, the series and the value.
 */
import { useCallback } from 'react';
import { EChart } from './EChart';
import { colorOfName } from './chart-colors';
import { axisStyle, type ChartTheme } from './chart-theme';

export interface BarSeries {
  name: string;
  values: (number | null)[];
}

interface Props {
  title: string;
  categories: string[];
  series: BarSeries[];
  format: (value: number) => string;
  stacked?: boolean;
  horizontal?: boolean;
  /** Colour series by their name (stable across charts) instead of by position. */
  colorByName?: boolean;
}

const ROW_HEIGHT = 30;
const BAR_HEIGHT = 10;

export function BarChart({ title, categories, series, format, stacked, horizontal, colorByName }: Props) {
  const option = useCallback(
    (theme: ChartTheme) => {
      // echarts draws the first category at the bottom of a vertical category axis.
      const order = horizontal ? [...categories.keys()].reverse() : [...categories.keys()];
      const categoryAxis = {
        type: 'category',
        data: order.map((i) => categories[i]),
        ...axisStyle(theme),
        axisLabel: horizontal
          ? { width: 260, overflow: 'truncate' }
          : { interval: 0, width: 120, overflow: 'truncate' },
      };
      const valueAxis = {
        type: 'value',
        ...axisStyle(theme),
        axisLabel: { color: theme.text, formatter: format },
      };
      return {
        title: { text: title, left: 0, textStyle: { fontSize: 13, color: theme.text } },
        legend:
          series.length > 1
            ? { top: 22, left: 0, type: 'scroll', textStyle: { color: theme.text } }
            : undefined,
        grid: { left: 8, right: 24, top: series.length > 1 ? 52 : 32, bottom: 8, containLabel: true },
        // richText: the tooltip is drawn on the canvas, so no inline HTML styles meet the strict CSP.
        tooltip: { trigger: 'item', renderMode: 'richText' },
        xAxis: horizontal ? valueAxis : categoryAxis,
        yAxis: horizontal ? categoryAxis : valueAxis,
        series: series.map((s, index) => ({
          type: 'bar',
          name: s.name,
          stack: stacked ? 'total' : undefined,
          itemStyle: { color: colorByName ? colorOfName(s.name) : theme.series[index % theme.series.length] },
          data: order.map((i) => s.values[i] ?? null),
          tooltip: {
            formatter: (p: { name: string; seriesName: string; value: number }) =>
              `${p.name}\n${p.seriesName}: ${format(p.value)}`,
          },
        })),
      };
    },
    [title, categories, series, format, stacked, horizontal, colorByName],
  );
  // Horizontal bars: a category is one bar when stacked, else one thinner bar per series.
  const perCategory = stacked || series.length <= 1 ? ROW_HEIGHT : BAR_HEIGHT * series.length + 8;
  const height = horizontal ? Math.max(160, 90 + perCategory * categories.length) : 320;
  return <EChart option={option} height={height} label={title} />;
}
