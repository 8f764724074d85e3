/** The INT8 payoff breakdown: each variant's per-layer time by kind of work (INT8, FP16, FP32 math, Q/DQ, reformats). */
import { useMemo } from 'react';
import { msText, msTick, stackedVariantBars, WORK_COLORS } from './chart-parts';
import { EChart } from './EChart';
import { PAYOFF_CATEGORIES } from '../../../electron/core/model/views/comparison';
import type { PayoffBreakdown } from '../../../electron/core/model/views/comparison';

interface Props {
  labels: string[];
  payoff: PayoffBreakdown[];
}

function option(labels: string[], payoff: PayoffBreakdown[]) {
  const used = PAYOFF_CATEGORIES.filter((c) => payoff.some((p) => (p.byCategory?.[c] ?? 0) > 0));
  return stackedVariantBars({
    title: 'Where the time goes: payoff breakdown',
    labels,
    stack: 'payoff',
    stacks: used.map((category) => ({
      name: category,
      color: WORK_COLORS[category]!,
      values: payoff.map((p) => p.byCategory?.[category] ?? 0),
    })),
    tooltip: (p) => `${p.name}: ${p.seriesName} ${msText(p.value)}`,
    xAxis: { axisLabel: { formatter: msTick }, splitNumber: 4 },
  });
}

export function PayoffChart({ labels, payoff }: Props) {
  const build = useMemo(() => option(labels, payoff), [labels, payoff]);
  if (payoff.every((p) => p.byCategory === null))
    return <p className="chart-missing">Payoff breakdown: no variant has per-layer times.</p>;
  return (
    <EChart
      option={build}
      label="Payoff breakdown per variant"
      height={96 + 40 * labels.length}
      testId="chart-payoff"
    />
  );
}
