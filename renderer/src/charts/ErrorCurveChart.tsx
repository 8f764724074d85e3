/**
 * The per-layer error curve: for each variant, 1 - cosine of every intermediate tensor against the
 * reference, in graph order, on a log axis; the first jump is marked. A click selects the layer.
 */
import { useMemo } from 'react';
import { axisStyle, type ChartTheme } from './chart-theme';
import { BASE_OPTION, legendOf, titleOf, tooltipOf } from './chart-parts';
import { EChart } from './EChart';
import type { ErrorCurve, ErrorCurvePoint } from '../../../electron/core/model/views/accuracy';

interface Props {
  curves: ErrorCurve[];
  /** Colour index of each curve's variant, so colours match the other charts. */
  colorIndex: number[];
  selected: string | null;
  onSelect: (key: string) => void;
}

/** Exact matches (error 0) are drawn at this floor of the log axis. */
const FLOOR = 1e-9;

const keyOf = (p: ErrorCurvePoint) => p.rowKey ?? p.node;

function option(curves: ErrorCurve[], colorIndex: number[], selected: string | null) {
  return (theme: ChartTheme) => ({
    ...BASE_OPTION,
    color: colorIndex.map((i) => theme.series[i % theme.series.length]),
    title: titleOf('Per-layer error against the reference (1 - cosine)', theme),
    legend: legendOf(theme),
    grid: { left: 8, right: 24, top: 60, bottom: 28, containLabel: true },
    tooltip: tooltipOf({
      formatter: (p: { seriesName: string; data: { point?: ErrorCurvePoint } }) => {
        const point = p.data?.point;
        if (!point) return p.seriesName;
        const error = point.error <= 0 ? 'exact' : point.error.toExponential(2);
        return `${point.node}\n${p.seriesName}: 1 - cosine ${error}, max abs error ${point.maxAbsError.toPrecision(3)}\ntensor ${point.tensor}`;
      },
    }),
    xAxis: {
      type: 'value',
      name: 'layer (graph order)',
      nameLocation: 'middle',
      nameGap: 24,
      minInterval: 1,
      ...axisStyle(theme),
    },
    yAxis: {
      type: 'log',
      min: FLOOR,
      ...axisStyle(theme),
      axisLabel: { color: theme.text, formatter: (v: number) => v.toExponential(0) },
    },
    series: curves.map((curve) => ({
      name: curve.label,
      type: 'line',
      showSymbol: true,
      symbolSize: (_value: unknown, params: { data: { name: string } }) =>
        params.data.name === selected ? 14 : 4,
      data: curve.points.map((p) => ({
        name: keyOf(p),
        value: [p.index, Math.max(FLOOR, p.error)],
        point: p,
      })),
      markPoint: curve.firstJump
        ? {
            symbol: 'pin',
            symbolSize: 40,
            label: { color: '#ffffff', fontSize: 9, formatter: 'jump' },
            data: [
              {
                name: keyOf(curve.firstJump),
                coord: [curve.firstJump.index, Math.max(FLOOR, curve.firstJump.error)],
              },
            ],
          }
        : undefined,
    })),
  });
}

export function ErrorCurveChart({ curves, colorIndex, selected, onSelect }: Props) {
  const build = useMemo(() => option(curves, colorIndex, selected), [curves, colorIndex, selected]);
  return (
    <EChart
      option={build}
      label="Per-layer error curve per variant"
      height={380}
      testId="chart-error-curve"
      onSelect={(name) => name && onSelect(name)}
    />
  );
}
