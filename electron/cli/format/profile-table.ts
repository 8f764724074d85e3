/** The per-variant table `profile` ends with. */
import { formatFixed, formatPercent, table } from '../../core/model/units';
import type { VariantSummary } from '../../core/profiling/profile-summary';

function accuracyCell(row: VariantSummary): string {
  const parts: string[] = [];
  if (row.cosine !== null) parts.push(`cos ${formatFixed(row.cosine, 5)}`);
  if (row.top1Agreement !== null) parts.push(`top1 ${formatPercent(row.top1Agreement)}`);
  if (row.boxAgreement !== null) parts.push(`boxes ${formatPercent(row.boxAgreement)}`);
  return parts.length ? parts.join(', ') : row.precision === 'fp32' ? 'reference' : '-';
}

export function formatProfileTable(rows: VariantSummary[]): string {
  const header = [
    'variant',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'cv',
    'items/s',
    'speedup',
    'Q/DQ+reorder',
    'accuracy vs fp32',
  ];
  const body = rows.map((r) => [
    r.variantId,
    formatFixed(r.p50Ms, 3),
    formatFixed(r.p90Ms, 3),
    formatFixed(r.p99Ms, 3),
    formatPercent(r.cv),
    formatFixed(r.throughputPerSec, 1),
    formatFixed(r.speedup, 2, 'x'),
    formatPercent(r.conversionShare),
    accuracyCell(r),
  ]);
  return table(header, body, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l']);
}
