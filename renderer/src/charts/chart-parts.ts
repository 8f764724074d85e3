/**
 * Pieces every comparison chart shares, in the theme's colours: the title, the legend, the richText
 * tooltip (the strict CSP forbids the inline styles of HTML tooltips), and axis labels cut to a length.
 */
import type { ChartTheme } from './chart-theme';

export function titleOf(text: string, theme: ChartTheme) {
  return { text, left: 0, top: 0, textStyle: { fontSize: 13, color: theme.text } };
}

export function legendOf(theme: ChartTheme, extra: Record<string, unknown> = {}) {
  return { top: 22, left: 0, type: 'scroll', textStyle: { color: theme.text }, pageTextStyle: { color: theme.text }, ...extra };
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

/** Milliseconds for axis ticks and bar labels. */
export function msText(value: number): string {
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 1) return `${value.toFixed(2)} ms`;
  if (value >= 0.01) return `${value.toFixed(3)} ms`;
  return `${(value * 1000).toFixed(1)} µs`;
}

export const percentText = (share: number) => `${(share * 100).toFixed(1)}%`;
