/**
 * Rows of rectangles on a time axis (ms): layers of one inference per variant, or how busy each
 * track of a trace was in each time bucket (opacity = busy share). Drawn with one echarts custom
 * series, so thousands of rectangles stay one draw call; hovering a rectangle says what it is.
 */
import { useCallback } from 'react';
import { EChart } from './EChart';
import { axisStyle, type ChartTheme } from './chart-theme';

export interface StripItem {
  row: number;
  startMs: number;
  endMs: number;
  /** The theme's first series colour when omitted. */
  color?: string;
  /** 0..1; 1 when omitted. */
  opacity?: number;
  tooltip: string;
}

interface Props {
  title: string;
  rows: string[];
  items: StripItem[];
}

const ROW_HEIGHT = 28;

interface RenderApi {
  value(dimension: number): number;
  coord(point: [number, number]): [number, number];
  size(value: [number, number]): [number, number];
}

export function TimelineStripChart({ title, rows, items }: Props) {
  const option = useCallback(
    (theme: ChartTheme) => {
      const renderItem = (params: { dataIndex: number }, api: RenderApi) => {
        const item = items[params.dataIndex]!;
        const [x0, y] = api.coord([item.startMs, item.row]);
        const [x1] = api.coord([item.endMs, item.row]);
        const height = api.size([0, 1])[1] * 0.7;
        return {
          type: 'rect',
          shape: { x: x0, y: y - height / 2, width: Math.max(x1 - x0, 1), height },
          style: { fill: item.color ?? theme.series[0], opacity: item.opacity ?? 1 },
        };
      };
      return {
        title: { text: title, left: 0, textStyle: { fontSize: 13, color: theme.text } },
        grid: { left: 8, right: 24, top: 32, bottom: 24, containLabel: true },
        tooltip: { trigger: 'item', renderMode: 'richText' },
        xAxis: {
          type: 'value',
          name: 'ms',
          min: 0,
          axisLabel: { formatter: (v: number) => `${+v.toPrecision(3)}` },
        },
        yAxis: {
          type: 'category',
          data: rows,
          inverse: true,
          ...axisStyle(theme),
          axisLabel: { color: theme.text, width: 300, overflow: 'truncate' },
        },
        series: [
          {
            type: 'custom',
            renderItem,
            encode: { x: [1, 2], y: 0 },
            data: items.map((item) => [item.row, item.startMs, item.endMs]),
            tooltip: { formatter: (p: { dataIndex: number }) => items[p.dataIndex]!.tooltip },
          },
        ],
      };
    },
    [title, rows, items],
  );
  return <EChart option={option} height={72 + ROW_HEIGHT * rows.length} label={title} />;
}
