/**
 * Pieces every comparison chart shares, in the theme's colours: the title, the legend, the richText
 * tooltip (the strict CSP forbids the inline styles of HTML tooltips), and axis labels cut to a length.
 */
import { axisStyle, type ChartTheme } from './chart-theme';

/** Options every comparison chart starts from: no animation (a profiling tool draws its figures at once, and screenshots match). */
export const BASE_OPTION = { animation: false } as const;

export function titleOf(text: string, theme: ChartTheme) {
  return { text, left: 0, top: 0, textStyle: { fontSize: 13, color: theme.text } };
}

export function legendOf(theme: ChartTheme, extra: Record<string, unknown> = {}) {
  return {
    top: 22,
    left: 0,
    type: 'scroll',
    textStyle: { color: theme.text },
    pageTextStyle: { color: theme.text },
    ...extra,
  };
}

export function tooltipOf(extra: Record<string, unknown> = {}) {
  return { trigger: 'item', renderMode: 'richText', confine: true, ...extra };
}

/** A label cut to `max` characters with an ellipsis in the middle, so both ends stay readable. */
export function shortLabel(text: string, max = 28): string {
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) * 0.45);
  return `${text.slice(0, head)}…${text.slice(text.length - (max - 1 - head))}`;
}

/** Milliseconds for tooltips and bar labels. */
export function msText(value: number): string {
  if (value === 0) return '0';
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 1) return `${value.toFixed(2)} ms`;
  if (value >= 0.01) return `${value.toFixed(3)} ms`;
  return `${(value * 1000).toFixed(1)} µs`;
}

export const percentText = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Milliseconds for axis ticks: as few digits as the tick needs ("0.1 ms", "2 ms", "50 µs"). */
export function msTick(value: number): string {
  if (value === 0) return '0';
  if (value < 0.01) return `${Number((value * 1000).toPrecision(3))} µs`;
  return `${Number(value.toPrecision(3))} ms`;
}

const PREFIXES: [string, number][] = [
  ['P', 1e15],
  ['T', 1e12],
  ['G', 1e9],
  ['M', 1e6],
  ['k', 1e3],
];

/** A rate with an SI prefix and as few digits as it needs: "1 P", "156 T", "620 G". */
export function siCompact(value: number, unit = ''): string {
  const [symbol, scale] = PREFIXES.find(([, s]) => value >= s) ?? ['', 1];
  return `${Number((value / scale).toPrecision(3))} ${symbol}${unit}`.trim();
}

/** One colour per precision in every chart (the variant charts' first three series colours). */
export const PRECISION_COLORS: Record<string, string> = {
  fp32: '#4c8bf5',
  tf32: '#7aa7ff',
  fp16: '#76b900',
  bf16: '#59a14f',
  int8: '#f28e2b',
  fp8: '#edc948',
  int4: '#9c755f',
  mixed: '#b07aa1',
  unknown: '#9aa3af',
};

/** Colours of the kinds of work in the payoff and conversion charts (precisions as above). */
export const WORK_COLORS: Record<string, string> = {
  'INT8 math': PRECISION_COLORS.int8!,
  'FP16 math': PRECISION_COLORS.fp16!,
  'FP32 math': PRECISION_COLORS.fp32!,
  'quantize/dequantize': '#b07aa1',
  'reformats and layout': '#e15759',
  reformats: '#e15759',
  other: '#9aa3af',
};

/** A value axis in milliseconds, in the theme's colours, with about four ticks. */
export function msValueAxis(theme: ChartTheme) {
  return {
    type: 'value',
    ...axisStyle(theme),
    axisLabel: { color: theme.text, formatter: msTick },
    splitNumber: 4,
  };
}

/** One stack of a per-variant bar chart: its name, colour, and one value per variant (labels' order). */
export interface StackSeries {
  name: string;
  color: string;
  values: number[];
}

/**
 * Horizontal stacked bars, one bar per variant (the first label on top): the frame the time-by-type,
 * payoff and precision-mix charts share. `xAxis` adds to the value axis (tick formatter, max).
 */
export function stackedVariantBars(spec: {
  title: string;
  labels: string[];
  stacks: StackSeries[];
  stack: string;
  tooltip: (p: { seriesName: string; name: string; dataIndex: number; value: number }) => string;
  xAxis: Record<string, unknown>;
}) {
  return (theme: ChartTheme) => ({
    ...BASE_OPTION,
    color: theme.series,
    title: titleOf(spec.title, theme),
    legend: legendOf(theme),
    grid: { left: 8, right: 24, top: 56, bottom: 8, containLabel: true },
    tooltip: tooltipOf({ formatter: spec.tooltip }),
    xAxis: {
      type: 'value',
      ...axisStyle(theme),
      ...spec.xAxis,
      axisLabel: { color: theme.text, ...(spec.xAxis.axisLabel as object) },
    },
    yAxis: { type: 'category', data: [...spec.labels].reverse(), ...axisStyle(theme) },
    series: spec.stacks.map((s) => ({
      name: s.name,
      itemStyle: { color: s.color },
      type: 'bar',
      stack: spec.stack,
      barMaxWidth: 28,
      data: [...s.values].reverse(),
    })),
  });
}
