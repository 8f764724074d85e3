/**
 * The report as two CSV tables (RFC 4180: comma-separated, fields with commas, quotes or line breaks
 * quoted, CRLF line ends): one row per layer and variant, and one row per variant. Unknown figures are
 * empty cells, never zeros; numbers keep full precision.
 */
import { worstCosine } from '../model/report-figures';
import type { Report } from '../model/report';

type Cell = string | number | boolean | null | undefined;

function field(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

export const LAYER_CSV_HEADER = [
  'row',
  'variant',
  'layer',
  'layer_type',
  'layer_precision',
  'time_ms',
  'share_percent',
  'speedup_vs_baseline',
  'tactic',
  'tensor_cores',
  'matched_by',
  'regression',
  'note',
];

/** One row per layer of each variant (a layer no other variant has still gets its row). */
export function layersCsv(report: Report): string {
  const rows: Cell[][] = [];
  for (const row of report.layers.rows) {
    row.cells.forEach((cell, variant) => {
      if (!cell) return;
      rows.push([
        row.key,
        report.variants[variant]!.label,
        cell.name,
        cell.type,
        cell.precision,
        cell.timeMs,
        cell.sharePercent,
        row.speedups[variant],
        cell.tactic,
        cell.tensorCores,
        row.matchedBy,
        row.regression,
        row.note,
      ]);
    });
  }
  return csv(LAYER_CSV_HEADER, rows);
}

export const VARIANT_CSV_HEADER = [
  'variant',
  'precision',
  'backend',
  'backend_version',
  'device',
  'baseline',
  'made_by',
  'batch',
  'latency_measure',
  'p50_ms',
  'p90_ms',
  'p99_ms',
  'mean_ms',
  'cv',
  'throughput_per_s',
  'speedup',
  'layer_sum_ms',
  'layer_speedup',
  'layers',
  'engine_bytes',
  'build_ms',
  'worst_cosine',
  'top1_agreement',
  'box_agreement',
  'accuracy_inputs',
  'caveats',
];

export function variantsCsv(report: Report): string {
  const rows = report.variants.map((v): Cell[] => [
    v.label,
    v.precision,
    v.backend,
    v.backendVersion,
    v.device,
    v.isBaseline,
    v.recipe?.summary,
    v.batchSize,
    v.latency?.measure,
    v.latency?.p50Ms,
    v.latency?.p90Ms,
    v.latency?.p99Ms,
    v.latency?.meanMs,
    v.latency?.cv,
    v.throughputPerSec,
    v.speedup,
    v.layerSumMs,
    v.layerSpeedup,
    v.layers,
    v.engineSizeBytes,
    v.buildTimeMs,
    worstCosine(v),
    v.accuracy?.top1Agreement,
    v.accuracy?.boxAgreement,
    v.accuracy?.inputs,
    v.caveats.join(' | '),
  ]);
  return csv(VARIANT_CSV_HEADER, rows);
}
