/**
 * Chart colours that follow the app's theme: read from the CSS variables of styles.css, so light and
 * dark charts match the page. Series colours are chosen to stay apart in both themes.
 */
import { useSyncExternalStore } from 'react';

export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  panel: string;
  accent: string;
  series: string[];
}

const SERIES = ['#4c8bf5', '#76b900', '#f28e2b', '#b07aa1', '#e15759', '#59a14f', '#edc948', '#76b7b2'];

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

export function currentChartTheme(): ChartTheme {
  return {
    text: cssVar('--chart-text', '#3d4652'),
    muted: cssVar('--muted', '#5b6573'),
    grid: cssVar('--chart-grid', '#e3e6ea'),
    panel: cssVar('--panel', '#ffffff'),
    accent: cssVar('--accent', '#76b900'),
    series: SERIES,
  };
}

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

/** The theme name now (re-renders when <html data-theme> changes). */
export function useThemeName(): string {
  return useSyncExternalStore(subscribe, () => document.documentElement.dataset.theme ?? 'light');
}

/** Common echarts pieces in the theme's colours: text styles, axis lines and split lines. */
export function axisStyle(theme: ChartTheme) {
  return {
    axisLabel: { color: theme.text },
    axisLine: { lineStyle: { color: theme.grid } },
    splitLine: { lineStyle: { color: theme.grid } },
    nameTextStyle: { color: theme.muted },
  };
}
