/**
 * One echarts instance in a div: created on mount, resized with its box, disposed on unmount, and
 * given a new option whenever `option` changes. Every chart of the studio draws through this.
 */
import { useEffect, useRef } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { echarts } from './echarts';

interface Props {
  option: EChartsCoreOption;
  height: number;
  /** Accessible name of the chart (also what tests find it by). */
  label: string;
}

export function EChart({ option, height, label }: Props) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = echarts.init(element, undefined, { renderer: 'canvas' });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, []);

  useEffect(() => {
    const element = container.current;
    // Printed (PDF) charts are drawn at once: an animation would be caught half-way.
    const printing = window.matchMedia('print').matches;
    if (element)
      echarts.getInstanceByDom(element)?.setOption(printing ? { ...option, animation: false } : option, true);
  }, [option]);

  return <div className="chart" ref={container} style={{ height }} role="img" aria-label={label} />;
}
