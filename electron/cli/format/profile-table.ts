/** The per-variant table `profile` ends with. */
import type { VariantSummary } from '../../core/profiling/profile-summary';

const fixed = (value: number | null, digits: number, suffix = '') =>
  value === null ? '-' : `${value.toFixed(digits)}${suffix}`;
const percent = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);

/** The task's metric first; a detector's output cosines are left out (query order moves them). */
function accuracyCell(row: VariantSummary): string {
  const task = row.task;
  if (!task) return row.precision === 'fp32' ? 'reference' : '-';
  const cosine = row.cosine === null ? '' : `, cos ${row.cosine.toFixed(5)}`;
  switch (task.kind) {
    case 'box-agreement': {
      const pr = row.detection
        ? ` (P ${percent(row.detection.precision)} R ${percent(row.detection.recall)})`
        : '';
      const map = row.map ? `, mAP ${row.map.variant.toFixed(3)} (fp32 ${row.map.reference.toFixed(3)})` : '';
      return `boxes ${percent(task.value)}${pr}${map}`;
    }
    case 'top1-agreement':
      return `top1 ${percent(task.value)}${cosine}`;
    case 'cosine':
      return `cos ${task.value.toFixed(5)}`;
    case 'output-agreement':
      return `outputs agree ${percent(task.value)}`;
  }
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
