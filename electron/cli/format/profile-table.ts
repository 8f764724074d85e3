/** The per-variant table `profile` ends with, and the slowest layers of each variant. */
import { formatFixed, formatMs, formatPercent, table } from '../../core/model/units';
import type { VariantSlowLayers, VariantSummary } from '../../core/profiling/profile-summary';

function accuracyCell(row: VariantSummary): string {
  const parts: string[] = [];
  if (row.cosine !== null) parts.push(`cos ${formatFixed(row.cosine, 5)}`);
  if (row.top1Agreement !== null) parts.push(`top1 ${formatPercent(row.top1Agreement)}`);
  if (row.boxAgreement !== null) parts.push(`boxes ${formatPercent(row.boxAgreement)}`);
  return parts.length ? parts.join(', ') : row.precision === 'fp32' ? 'reference' : '-';
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
