/**
 * Roofline on log-log axes: each layer a point (arithmetic intensity in FLOP/byte against the FLOP
 * rate it achieved), one series per group (variant), and each roof drawn as the memory slope up to its
 * ridge and the compute peak after it. Optionally the memory-bound region is shaded, a selected
 * layer's points are drawn large, and a click on a point selects its layer. Used by the roofline view
 * and the report.
 */
import { useCallback } from 'react';
import { EChart } from './EChart';
import { BASE_OPTION, legendOf, siCompact, titleOf, tooltipOf } from './chart-parts';
import { axisStyle, type ChartTheme } from './chart-theme';

export interface RooflinePoint {
  group: string;
  layer: string;
  layerType: string;
  intensity: number;
  flopsPerSec: number;
  timeMs: number;
  /** What a click selects (the aligned row); the layer name when absent. */
  key?: string;
  /** More for the tooltip (roof, bound, efficiency). */
  detail?: string;
}

export interface Roof {
  label: string;
  peakFlopsPerSec: number;
  bytesPerSec: number;
}

interface Props {
  title: string;
  points: RooflinePoint[];
  roofs: Roof[];
  /** Groups in drawing order (their colours follow it); the points' order when absent. */
  groups?: string[];
  selected?: string | null;
  onSelect?: (key: string) => void;
  /** Shades the memory-bound region, left of this ridge (FLOP/byte). */
  memoryBound?: { ridge: number; label: string } | null;
  height?: number;
  testId?: string;
}

const SYMBOLS = ['circle', 'diamond', 'triangle', 'rect', 'pin'];

const rate = (value: number) => siCompact(value, 'FLOP/s');

/** Log-axis bounds: whole decades around the values. */
function decades(values: number[]): { min: number; max: number } {
  const logs = values.filter((v) => v > 0).map(Math.log10);
  return { min: 10 ** Math.floor(Math.min(...logs)), max: 10 ** Math.ceil(Math.max(...logs)) };
}

export function RooflineChart({
  title,
  points,
  roofs,
  groups,
  selected,
  onSelect,
  memoryBound,
  height,
  testId,
}: Props) {
  const option = useCallback(
    (theme: ChartTheme) => {
      const order = groups ?? [...new Set(points.map((p) => p.group))];
      const ridges = roofs.map((roof) => roof.peakFlopsPerSec / roof.bytesPerSec);
      const x = decades([...points.map((p) => p.intensity), ...ridges]);
      const y = decades([...points.map((p) => p.flopsPerSec), ...roofs.map((r) => r.peakFlopsPerSec)]);
      const roofSeries = roofs.map((roof, index) => {
        // The memory slope starts where it enters the chart.
        const start = Math.max(x.min, y.min / roof.bytesPerSec);
        return {
          type: 'line',
          name: roof.label,
          showSymbol: false,
          silent: true,
          lineStyle: { type: 'dashed', width: 1.5, color: theme.muted },
          endLabel: {
            show: true,
            formatter: roof.label,
            fontSize: 10,
            color: theme.text,
            width: 140,
            overflow: 'break',
          },
          data: [
            [start, roof.bytesPerSec * start],
            [ridges[index], roof.peakFlopsPerSec],
            [x.max, roof.peakFlopsPerSec],
          ],
        };
      });
      const pointSeries = order.map((group, index) => {
        const own = points.filter((p) => p.group === group);
        return {
          type: 'scatter',
          name: group,
          symbol: SYMBOLS[index % SYMBOLS.length],
          itemStyle: { color: theme.series[index % theme.series.length], opacity: 0.85 },
          data: own.map((p) => {
            const key = p.key ?? p.layer;
            const chosen = key === selected;
            return {
              value: [p.intensity, p.flopsPerSec],
              name: key,
              symbolSize: chosen ? 18 : 9,
              itemStyle: chosen ? { borderColor: theme.text, borderWidth: 2, opacity: 1 } : undefined,
            };
          }),
          tooltip: {
            formatter: (param: { dataIndex: number }) => {
              const p = own[param.dataIndex]!;
              const head = `${p.layer} (${p.layerType})\n${group}\n${p.intensity.toPrecision(3)} FLOP/byte, ${rate(p.flopsPerSec)}, ${p.timeMs.toFixed(4)} ms`;
              return p.detail ? `${head}\n${p.detail}` : head;
            },
          },
          markArea:
            index === 0 && memoryBound
              ? {
                  silent: true,
                  itemStyle: { color: theme.grid, opacity: 0.35 },
                  label: { color: theme.muted, position: 'insideTopLeft' },
                  data: [[{ name: memoryBound.label, xAxis: x.min }, { xAxis: memoryBound.ridge }]],
                }
              : undefined,
        };
      });
      return {
        ...BASE_OPTION,
        title: titleOf(title, theme),
        legend: legendOf(theme, { data: order }),
        grid: { left: 24, right: 150, top: 64, bottom: 28, containLabel: true },
        tooltip: tooltipOf(),
        xAxis: {
          type: 'log',
          name: 'arithmetic intensity (FLOP/byte)',
          nameLocation: 'middle',
          nameGap: 24,
          min: x.min,
          max: x.max,
          ...axisStyle(theme),
        },
        yAxis: {
          type: 'log',
          name: 'achieved FLOP/s (OP/s for INT8)',
          nameLocation: 'middle',
          nameGap: 56,
          min: y.min,
          max: y.max,
          ...axisStyle(theme),
          axisLabel: { color: theme.text, formatter: (v: number) => siCompact(v) },
        },
        series: [...roofSeries, ...pointSeries],
      };
    },
    [title, points, roofs, groups, selected, memoryBound],
  );
  return (
    <EChart
      option={option}
      height={height ?? 420}
      label={title}
      testId={testId}
      onSelect={onSelect ? (name) => name && onSelect(name) : undefined}
    />
  );
}
