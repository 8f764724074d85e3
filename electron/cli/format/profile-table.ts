/** The per-variant table `profile` ends with, and the slowest layers of each variant. */
import { formatFixed, formatMs, formatPercent, table } from '../../core/model/units';
import type { VariantSlowLayers, VariantSummary } from '../../core/profiling/profile-summary';

/** The task's metric first; a detector's output cosines are left out (query order moves them). */
function accuracyCell(row: VariantSummary): string {
  const task = row.task;
  if (!task) return row.precision === 'fp32' ? 'reference' : '-';
  const cosine = row.cosine === null ? '' : `, cos ${formatFixed(row.cosine, 5)}`;
  switch (task.kind) {
    case 'box-agreement': {
      const pr = row.detection
        ? ` (P ${formatPercent(row.detection.precision)} R ${formatPercent(row.detection.recall)})`
        : '';
      const map = row.map
        ? `, mAP ${formatFixed(row.map.variant, 3)} (fp32 ${formatFixed(row.map.reference, 3)})`
        : '';
      return `boxes ${formatPercent(task.value)}${pr}${map}`;
    }
    case 'top1-agreement':
      return `top1 ${formatPercent(task.value)}${cosine}`;
    case 'cosine':
      return `cos ${formatFixed(task.value, 5)}`;
    case 'output-agreement':
      return `outputs agree ${formatPercent(task.value)}`;
  }
}

/** "12.3% Q/DQ+reorders": the share with what it is made of (casts for FP16 on ORT's CPU, ...). */
function conversionCell(row: VariantSummary): string {
  if (row.conversionShare === null) return '-';
  const kinds = row.conversionKinds.join('+');
  return kinds ? `${formatPercent(row.conversionShare)} ${kinds}` : formatPercent(row.conversionShare);
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
    'conversions',
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
    conversionCell(r),
    accuracyCell(r),
  ]);
  return table(header, body, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l']);
}

export function formatSlowestLayers(variants: VariantSlowLayers[]): string {
  const blocks = variants.map((variant) => {
    const rows = variant.layers.map((layer) => [
      formatMs(layer.meanMs),
      formatPercent(layer.share),
      layer.conversion ? `${layer.type} (${layer.conversion})` : layer.type,
      layer.name,
    ]);
    return [
      `${variant.variantId}: slowest ${variant.layers.length} of ${variant.layerCount} layers`,
      table(['mean ms', 'share', 'type', 'layer'], rows, ['r', 'r', 'l', 'l']),
    ].join('\n');
  });
  return blocks.join('\n\n');
}
