/** The precision distribution per variant, by layer count or by time: 100%-stacked bars. */
import { useMemo } from 'react';
import { msText, PRECISION_COLORS, stackedVariantBars } from './chart-parts';
import { EChart } from './EChart';
import type { PrecisionShare } from '../../../electron/core/model/views/comparison';

interface Props {
  labels: string[];
  shares: PrecisionShare[][];
  by: 'layers' | 'time';
}

const ORDER = ['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4', 'mixed', 'unknown'] as const;

function option(labels: string[], shares: PrecisionShare[][], by: Props['by']) {
  const present = ORDER.filter((p) => shares.some((list) => list.some((s) => s.precision === p)));
  const value = (s: PrecisionShare | undefined) => (by === 'layers' ? (s?.layers ?? 0) : (s?.timeMs ?? 0));
  const totals = shares.map((list) => list.reduce((sum, s) => sum + value(s), 0));
  return stackedVariantBars({
    title: by === 'layers' ? 'Precision by layer count' : 'Precision by time',
    labels,
    stack: 'share',
    stacks: present.map((precision) => ({
      name: precision,
      color: PRECISION_COLORS[precision]!,
      values: shares.map((list, e) => {
        const total = totals[e]!;
        return total > 0 ? (100 * value(list.find((s) => s.precision === precision))) / total : 0;
      }),
    })),
    tooltip: (p) => {
      const list = shares[labels.length - 1 - p.dataIndex]!;
      const share = list.find((s) => s.precision === p.seriesName);
      const count = `${share?.layers ?? 0} layers`;
      const time = share?.timeMs != null ? `, ${msText(share.timeMs)}` : ', no per-layer times';
      return `${p.name}: ${p.seriesName.toUpperCase()} ${p.value.toFixed(1)}% (${count}${time})`;
    },
    xAxis: { max: 100, axisLabel: { formatter: '{value}%' } },
  });
}

export function PrecisionMixChart({ labels, shares, by }: Props) {
  const build = useMemo(() => option(labels, shares, by), [labels, shares, by]);
  const untimed = by === 'time' && shares.every((list) => list.every((s) => s.timeMs === null));
  if (untimed) return <p className="chart-missing">Precision by time: no variant has per-layer times.</p>;
  return (
    <EChart
      option={build}
      label={by === 'layers' ? 'Precision distribution by layer count' : 'Precision distribution by time'}
      height={96 + 40 * labels.length}
      testId={`chart-precision-${by}`}
    />
  );
}
