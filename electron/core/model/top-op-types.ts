/** The op types that cost most, by FLOPs or by bytes moved, with their share of the model total. */
import type { OpTypeCost } from './types';

export interface OpTypeBar {
  opType: string;
  count: number;
  value: number;
  sharePercent: number;
}

export function topOpTypes(costs: readonly OpTypeCost[], by: 'flops' | 'bytes', limit = 10): OpTypeBar[] {
  const total = costs.reduce((sum, cost) => sum + cost[by], 0);
  return costs
    .filter((cost) => cost[by] > 0)
    .sort((a, b) => b[by] - a[by])
    .slice(0, limit)
    .map((cost) => ({
      opType: cost.opType,
      count: cost.count,
      value: cost[by],
      sharePercent: total > 0 ? (100 * cost[by]) / total : 0,
    }));
}
