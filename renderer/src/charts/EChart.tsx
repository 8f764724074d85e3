/**
 * One echarts instance in a React component: created once, resized with its box, disposed on unmount,
 * redrawn when the option or the theme changes. `onSelect` gets the clicked item's name (the layer,
 * node or op type), so a click on a chart can select it everywhere. Each chart kind builds its option
 * in its own file and renders this.
 */
import { useEffect, useRef } from 'react';
import { currentChartTheme, useThemeName, type ChartTheme } from './chart-theme';
import { echarts } from './echarts';

interface Props {
  /** Builds the echarts option in the current theme's colours. */
  option: (theme: ChartTheme) => Record<string, unknown>;
  /** Accessible name (the chart's title). */
  label: string;
  height: number;
  onSelect?: (name: string, dataIndex: number, seriesIndex: number) => void;
  testId?: string;
}

export function EChart({ option, label, height, onSelect, testId }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const themeName = useThemeName();
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.on('click', (params: { name?: string; dataIndex?: number; seriesIndex?: number }) =>
      select.current?.(params.name ?? '', params.dataIndex ?? -1, params.seriesIndex ?? -1),
    );
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, []);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const built = option(currentChartTheme());
    // A printed chart (the PDF report) is drawn at once: an animation would be caught half-way.
    const printing = window.matchMedia('print').matches;
    echarts.getInstanceByDom(element)?.setOption(printing ? { ...built, animation: false } : built, true);
  }, [option, themeName]);

  return (
    <div
      className="chart"
      ref={container}
      style={{ height }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}
