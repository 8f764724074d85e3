/**
 * The roofline: every timed layer of every variant at (arithmetic intensity, achieved FLOP/s) on log
 * axes, under the memory slope and the compute roof of each precision present; the memory-bound region
 * (left of the ridge) is shaded. A click on a point selects its layer everywhere; the selected layer's
 * points are drawn large in every variant.
 */
import { useMemo } from 'react';
import { formatUnit } from '../../../electron/core/model/units';
import { axisStyle, type ChartTheme } from './chart-theme';
import { BASE_OPTION, legendOf, msText, percentText, siCompact, titleOf, tooltipOf } from './chart-parts';
import { EChart } from './EChart';
import type { RoofPrecision, Roofline, RooflinePoint } from '../../../electron/core/model/views/roofline';

interface Props {
  labels: string[];
  roofline: Roofline;
  selected: string | null;
  onSelect: (rowKey: string) => void;
}

const ROOF_NAMES: Record<RoofPrecision, string> = { fp32: 'FP32', tf32: 'TF32', fp16: 'FP16', int8: 'INT8' };
const SYMBOLS = ['circle', 'diamond', 'triangle', 'rect', 'pin'];

/** Whole decades around the values, a little beyond them. */
function decades(values: number[]): [number, number] {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return [10 ** Math.floor(Math.log10(low) - 0.2), 10 ** Math.ceil(Math.log10(high) + 0.2)];
}

function option(labels: string[], roofline: Roofline, selected: string | null) {
  const { points, ceilings } = roofline;
  const used = new Set(points.map((p) => p.roof));
  const roofs = ceilings.roofs.filter((r) => used.has(r.precision));
  const [xMin, xMax] = decades([...points.map((p) => p.intensity), ...roofs.map((r) => r.ridge)]);
  const [yMin, yMax] = decades([...points.map((p) => p.achieved), ...roofs.map((r) => r.peak)]);
  // The memory slope starts where it enters the chart.
  const slopeStart = Math.max(xMin, yMin / ceilings.bandwidth);
  const flops = (value: number) => formatUnit(value, 'FLOP/s');
  const roofRate = (precision: RoofPrecision, value: number) =>
    siCompact(value, precision === 'int8' ? 'OP/s' : 'FLOP/s');
  return (theme: ChartTheme) => {
    const roofColor = theme.muted;
    const roofSeries = roofs.map((roof) => ({
      name: `${ROOF_NAMES[roof.precision]} roof`,
      type: 'line',
      silent: true,
      symbol: 'none',
      lineStyle: { color: roofColor, width: 1.5, type: roof.precision === 'fp32' ? 'solid' : 'dashed' },
      data: [
        [slopeStart, slopeStart * ceilings.bandwidth],
        [roof.ridge, roof.peak],
        [xMax, roof.peak],
      ],
      endLabel: {
        show: true,
        ...BASE_OPTION,
        color: theme.text,
        formatter: `${ROOF_NAMES[roof.precision]} ${roofRate(roof.precision, roof.peak)}`,
      },
    }));
    // Memory-bound region: left of the ridge of the roof most points are judged against.
    const main = roofs.reduce(
      (a, b) =>
        points.filter((p) => p.roof === b.precision).length >
        points.filter((p) => p.roof === a.precision).length
          ? b
          : a,
      roofs[0]!,
    );
    const pointSeries = labels.map((label, variant) => ({
      name: label,
      type: 'scatter',
      symbol: SYMBOLS[variant % SYMBOLS.length],
      data: points
        .filter((p) => p.variant === variant)
        .map((p) => ({
          name: p.rowKey,
          value: [p.intensity, p.achieved],
          point: p,
          symbolSize: p.rowKey === selected ? 18 : 8,
          itemStyle: p.rowKey === selected ? { borderColor: theme.text, borderWidth: 2 } : undefined,
        })),
      markArea:
        variant === 0 && main
          ? {
              silent: true,
              itemStyle: { color: theme.grid, opacity: 0.35 },
              label: { color: theme.muted, position: 'insideTopLeft' },
              data: [
                [
                  { name: `memory-bound (left of the ${ROOF_NAMES[main.precision]} ridge)`, xAxis: xMin },
                  { xAxis: main.ridge },
                ],
              ],
            }
          : undefined,
    }));
    return {
      color: theme.series,
      title: titleOf(`Roofline (${ceilings.label})`, theme),
      legend: legendOf(theme, { data: labels }),
      grid: { left: 24, right: 130, top: 60, bottom: 28, containLabel: true },
      tooltip: tooltipOf({
        formatter: (p: { seriesName: string; data: { point?: RooflinePoint } }) => {
          const point = p.data?.point;
          if (!point) return p.seriesName;
          return [
            point.layerName,
            `${p.seriesName} · ${point.layerType} · ${ROOF_NAMES[point.roof]} roof · ${point.bound}-bound`,
            `intensity ${point.intensity.toPrecision(3)} FLOP/B, ${flops(point.achieved)} (${percentText(point.efficiency)} of the roof)`,
            `${formatUnit(point.flops, 'FLOP')}, ${formatUnit(point.bytes, 'B')} in ${msText(point.timeMs)}; cost from the ${point.costSource}`,
          ].join('\n');
        },
      }),
      xAxis: {
        type: 'log',
        name: 'arithmetic intensity (FLOP/byte)',
        nameLocation: 'middle',
        nameGap: 24,
        min: xMin,
        max: xMax,
        ...axisStyle(theme),
      },
      yAxis: {
        type: 'log',
        name: 'achieved FLOP/s (OP/s for INT8)',
        nameLocation: 'middle',
        nameGap: 52,
        min: yMin,
        max: yMax,
        ...axisStyle(theme),
        axisLabel: { color: theme.text, formatter: (v: number) => siCompact(v) },
      },
      series: [...pointSeries, ...roofSeries],
    };
  };
}

export function RooflineChart({ labels, roofline, selected, onSelect }: Props) {
  const build = useMemo(() => option(labels, roofline, selected), [labels, roofline, selected]);
  if (roofline.points.length === 0)
    return <p className="chart-missing">No layer has both a time and a known cost.</p>;
  return (
    <EChart
      option={build}
      label="Roofline: arithmetic intensity against achieved FLOP/s per layer and variant"
      height={520}
      testId="chart-roofline"
      onSelect={(name) => name && onSelect(name)}
    />
  );
}
