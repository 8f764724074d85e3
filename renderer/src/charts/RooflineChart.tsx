/**
 * Roofline on log-log axes: each layer a point (arithmetic intensity in FLOP/byte against the FLOP
 * rate it achieved), one series per group (variant), and each roof drawn as the memory slope up to its
 * ridge and the compute peak after it. Hovering a point names the layer.
 */
import { useCallback } from 'react';
import { EChart } from './EChart';
import { axisStyle, type ChartTheme } from './chart-theme';

export interface RooflinePoint {
  group: string;
  layer: string;
  layerType: string;
  intensity: number;
  flopsPerSec: number;
  timeMs: number;
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
}

const rate = (value: number) => {
  if (value >= 1e12) return `${(value / 1e12).toPrecision(3)} TFLOP/s`;
  if (value >= 1e9) return `${(value / 1e9).toPrecision(3)} GFLOP/s`;
  return `${(value / 1e6).toPrecision(3)} MFLOP/s`;
};

/** Log-axis bounds: whole decades around the values. */
function decades(values: number[]): { min: number; max: number } {
  const logs = values.filter((v) => v > 0).map(Math.log10);
  return { min: 10 ** Math.floor(Math.min(...logs)), max: 10 ** Math.ceil(Math.max(...logs)) };
}

export function RooflineChart({ title, points, roofs }: Props) {
  const option = useCallback(
    (theme: ChartTheme) => {
      const groups = [...new Set(points.map((p) => p.group))];
      const ridges = roofs.map((roof) => roof.peakFlopsPerSec / roof.bytesPerSec);
      const x = decades([...points.map((p) => p.intensity), ...ridges]);
      const y = decades([...points.map((p) => p.flopsPerSec), ...roofs.map((r) => r.peakFlopsPerSec)]);
      const roofSeries = roofs.map((roof, index) => ({
        type: 'line',
        name: roof.label,
        showSymbol: false,
        silent: true,
        lineStyle: { type: 'dashed', width: 1.5, color: theme.muted },
        endLabel: {
          show: true,
          formatter: roof.label,
          fontSize: 10,
          color: '#5b6573',
          width: 140,
          overflow: 'break',
        },
        data: [
          [x.min, roof.bytesPerSec * x.min],
          [ridges[index], roof.peakFlopsPerSec],
          [x.max, roof.peakFlopsPerSec],
        ],
      }));
      const pointSeries = groups.map((group, index) => {
        const own = points.filter((p) => p.group === group);
        return {
          type: 'scatter',
          name: group,
          symbolSize: 9,
          itemStyle: { color: theme.series[index % theme.series.length], opacity: 0.85 },
          data: own.map((p) => ({ value: [p.intensity, p.flopsPerSec], name: p.layer })),
          tooltip: {
            formatter: (param: { dataIndex: number }) => {
              const p = own[param.dataIndex]!;
              return `${p.layer} (${p.layerType})\n${group}\n${p.intensity.toFixed(2)} FLOP/byte, ${rate(p.flopsPerSec)}, ${p.timeMs.toFixed(4)} ms`;
            },
          },
        };
      });
      return {
        title: { text: title, left: 0, textStyle: { fontSize: 13, color: theme.text } },
        legend: { top: 24, left: 0, data: groups, textStyle: { color: theme.text } },
        grid: { left: 8, right: 150, top: 64, bottom: 28, containLabel: true },
        tooltip: { trigger: 'item', renderMode: 'richText' },
        xAxis: {
          type: 'log',
          name: 'FLOP / byte',
          nameLocation: 'middle',
          nameGap: 24,
          min: x.min,
          max: x.max,
          ...axisStyle(theme),
        },
        yAxis: {
          type: 'log',
          min: y.min,
          max: y.max,
          ...axisStyle(theme),
          axisLabel: { color: theme.text, formatter: rate },
        },
        series: [...roofSeries, ...pointSeries],
      };
    },
    [title, points, roofs],
  );
  return <EChart option={option} height={420} label={title} />;
}
