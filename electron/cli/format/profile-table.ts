/** The per-variant table `profile` ends with. */
import type { VariantSummary } from '../../core/profiling/profile-summary';

const fixed = (value: number | null, digits: number, suffix = '') =>
  value === null ? '-' : `${value.toFixed(digits)}${suffix}`;
const percent = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);

function accuracyCell(row: VariantSummary): string {
  const parts: string[] = [];
  if (row.cosine !== null) parts.push(`cos ${row.cosine.toFixed(5)}`);
  if (row.top1Agreement !== null) parts.push(`top1 ${percent(row.top1Agreement)}`);
  if (row.boxAgreement !== null) parts.push(`boxes ${percent(row.boxAgreement)}`);
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
    fixed(r.p50Ms, 3),
    fixed(r.p90Ms, 3),
    fixed(r.p99Ms, 3),
    percent(r.cv),
    fixed(r.throughputPerSec, 1),
    fixed(r.speedup, 2, 'x'),
    percent(r.conversionShare),
    accuracyCell(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 || i === 8 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
