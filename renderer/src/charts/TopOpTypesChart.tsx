/** Horizontal bars: the op types with the most FLOPs (or bytes moved), largest on top. */
import { useEffect, useMemo, useRef } from 'react';
import type { OpTypeCost } from '../../../electron/core/model/types';
import { formatBytes, formatCompact, formatPercent, formatUnit } from '../../../electron/core/model/units';
import { echarts } from './echarts';
import { topOpTypes, type OpTypeBar } from './top-op-types';

interface Props {
  costs: readonly OpTypeCost[];
  by: 'flops' | 'bytes';
  title: string;
}

function chartOption(bars: OpTypeBar[], by: 'flops' | 'bytes', title: string) {
  const format = (value: number) => (by === 'flops' ? formatUnit(value, 'FLOP') : formatBytes(value));
  // Axis ticks stay short ("300 k", "1.2 M") so they do not run into each other; bars carry the full unit.
  const tick = (value: number) => (by === 'flops' ? formatCompact(value) : formatBytes(value));
  const rows = [...bars].reverse(); // echarts draws the first category at the bottom
  return {
    title: { text: title, left: 0, textStyle: { fontSize: 13 } },
    grid: { left: 8, right: 72, top: 32, bottom: 8, containLabel: true },
    // richText: the tooltip is drawn on the canvas, so no inline HTML styles meet the strict CSP.
    tooltip: { trigger: 'item', renderMode: 'richText' },
    xAxis: { type: 'value', axisLabel: { formatter: tick } },
    yAxis: { type: 'category', data: rows.map((bar) => bar.opType) },
    series: [
      {
        type: 'bar',
        data: rows.map((bar) => ({
          value: bar.value,
          name: `${bar.opType} (${bar.count} nodes): ${format(bar.value)}, ${formatPercent(bar.sharePercent / 100)}`,
        })),
        label: {
          show: true,
          position: 'right',
          formatter: (p: { dataIndex: number }) => formatPercent(rows[p.dataIndex]!.sharePercent / 100),
        },
        tooltip: { formatter: (p: { name: string }) => p.name },
      },
    ],
  };
}

export function TopOpTypesChart({ costs, by, title }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const bars = useMemo(() => topOpTypes(costs, by), [costs, by]);

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
    if (!element) return;
    echarts.getInstanceByDom(element)?.setOption(chartOption(bars, by, title), true);
  }, [bars, by, title]);

  const height = 56 + 26 * Math.max(bars.length, 1);
  return <div className="chart" ref={container} style={{ height }} role="img" aria-label={title} />;
}
